import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, screen, shot, close, playByKeyboard } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(["--disable-3d-apis"]); });
after(async () => { await browser?.close(); });

const BEST = ["greet-warmly", "check-system", "explain-apologise", "arrange-walk", "walk-full", "log-and-handover"]
  .map((id) => ({ Choose: id }));

test("without WebGL the scenario plays to the debrief in text", async () => {
  const page = await open(browser, "?scenario=hospitality/front-desk-overbooked");
  await screen(page, "play");
  assert.equal(await page.$("#bevy-canvas"), null, "no canvas without WebGL");
  assert.match(await page.textContent(".text-mode"), /Text mode/);
  await playByKeyboard(page, BEST);
  await screen(page, "debrief");
  assert.equal(await page.getAttribute("#score", "data-percent"), "100");
  await shot(page, "debrief-text-mode");
  assert.deepEqual(page.errors, []);
  await close(page);
});
