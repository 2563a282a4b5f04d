import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, screen, close, playByKeyboard } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("reloading mid-scenario offers to continue where the student was", async () => {
  const page = await open(browser, "?scenario=public-safety/dispatcher-smoke-call");
  await screen(page, "play");
  await playByKeyboard(page, [{ Choose: "ask-address" }, { Choose: "verify-address" }]);
  assert.equal(await page.getAttribute("#app", "data-step"), "verified");
  await page.reload();
  await screen(page, "resume");
  assert.match(await page.textContent("#resume"), /2 choices made/);
  // Keyboard only: focus is on the heading; Tab to "Continue", Enter.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "continue");
  await page.keyboard.press("Enter");
  await screen(page, "play");
  await page.waitForSelector('#app[data-step="verified"][data-turn="2"]');
  await playByKeyboard(page, [{ Choose: "dispatch-full" }, { Choose: "instruct-evacuate" }, { Choose: "stay-on-line" }, { Choose: "relay-occupant" }]);
  await screen(page, "debrief");
  assert.equal(await page.getAttribute("#score", "data-percent"), "100");
  // A finished run leaves no save behind: reloading starts fresh.
  await page.reload();
  await screen(page, "play");
  assert.deepEqual(page.errors, []);
  await close(page);
});

test("start over discards the saved run", async () => {
  const page = await open(browser, "?scenario=hospitality/front-desk-overbooked");
  await screen(page, "play");
  await playByKeyboard(page, [{ Choose: "greet-warmly" }]);
  await page.reload();
  await screen(page, "resume");
  await page.click("#start-over");
  await screen(page, "play");
  await page.waitForSelector('#app[data-step="arrival"]');
  await close(page);
});
