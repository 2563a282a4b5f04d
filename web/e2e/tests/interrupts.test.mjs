// The live clock carries a student into an interrupt while they read: the story
// moves on by itself, the page says so (in words and to screen readers), and the
// run's transcript and score agree with a native replay of the same run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, open, screen, close, ROOT } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a teacher's three-second interrupt fires on the live clock while the student reads", async () => {
  const page = await open(browser);
  await screen(page, "catalog");
  await page.setInputFiles("#file-input", {
    name: "interrupt-bell.ron", mimeType: "text/plain",
    buffer: readFileSync(join(ROOT, "web/e2e/test_data/interrupt-bell.ron")),
  });
  await screen(page, "play");
  assert.equal(await page.getAttribute("#app", "data-step"), "before-bell");
  // Nobody presses anything: three simulated seconds on the live clock.
  await page.waitForFunction(() => document.getElementById("app").dataset.step === "bell", null, { timeout: 15_000 });
  assert.match(await page.textContent("#step-text"), /The bell rings/);
  const response = await page.textContent("#response");
  assert.match(response, /^Meanwhile, at 0:0[3-4], things moved on without you:$/);
  assert.match(await page.textContent("#announcer"), /Meanwhile, at 0:0[3-4], things moved on without you: The bell rings/);
  // The choice the student was about to make is gone; the new step's is offered.
  const offered = await page.$$eval("#choices button", (bs) => bs.map((b) => b.dataset.choice));
  assert.deepEqual(offered, ["start"]);
  await page.keyboard.press("1");
  await screen(page, "debrief");
  assert.equal(await page.getAttribute("#score", "data-percent"), "0");
  assert.deepEqual(page.errors, []);
  await close(page);
});
