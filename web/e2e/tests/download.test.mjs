// "Download my run" gives the transcript `firstshift replay` accepts, with the same score.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, open, screen, close, playByKeyboard, ROOT } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a downloaded run re-scores to the same result with firstshift replay", async () => {
  const page = await open(browser, "?scenario=public-safety/dispatcher-smoke-call");
  await screen(page, "play");
  await playByKeyboard(page, ["ask-whats-wrong", "ask-address-now", "verify-address", "dispatch-full", "instruct-evacuate", "hurry-and-hang-up", "relay-occupant"].map((id) => ({ Choose: id })));
  await screen(page, "debrief");
  const shown = Number(await page.getAttribute("#score", "data-percent"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  assert.match(download.suggestedFilename(), /^firstshift-dispatcher-smoke-call-run\.json$/);
  const file = join(mkdtempSync(join(tmpdir(), "firstshift-")), "run.json");
  await download.saveAs(file);
  const report = JSON.parse(execFileSync("cargo", ["run", "--quiet", "-p", "firstshift-cli", "--", "replay",
    "scenarios/public-safety/dispatcher-smoke-call.ron", file, "--format", "json"], { cwd: ROOT, encoding: "utf8" }));
  assert.equal(report.percent, shown);
  await close(page);
});
