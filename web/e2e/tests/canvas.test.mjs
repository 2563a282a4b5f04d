import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { colourCount, launch, open, screen, shot, close } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the canvas draws the scene (not blank) and the page logs no errors", async () => {
  const page = await open(browser, "?scenario=hospitality/front-desk-overbooked");
  await screen(page, "play");
  const canvas = await page.waitForSelector("#bevy-canvas");
  // Wait on what is drawn: text and bars give many colours, a blank canvas one.
  let count = 0;
  for (let attempt = 0; attempt < 120 && count < 20; attempt++) {
    count = colourCount(await canvas.screenshot());
  }
  assert.ok(count >= 20, `the canvas shows only ${count} colours`);
  await shot(page, "play-canvas");
  assert.deepEqual(page.errors, []);
  // The canvas has a text equivalent.
  assert.equal(await canvas.getAttribute("aria-describedby"), "play-role status");
  assert.match(await page.textContent("#play-role"), /Your role: Front desk agent/);
  await close(page);
});

test("the play screen fits a 360-pixel phone", async () => {
  const page = await open(browser, "?scenario=public-safety/dispatcher-smoke-call", { width: 360, height: 740 });
  await screen(page, "play");
  await page.waitForSelector("#choices button");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await shot(page, "play-360");
  await close(page);
});
