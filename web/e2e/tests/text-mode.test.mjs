// The scene needs no GPU: with WebGL switched off the canvas still draws the
// branching card, the bedside monitor and the line, and their text equivalents are
// the same as with WebGL. `?render=text` leaves the canvas out for students who
// want text alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { colourCount, launch, open, screen, shot, close, playByKeyboard } from "../lib.mjs";

let noWebgl;
let withWebgl;
before(async () => {
  noWebgl = await launch(["--disable-3d-apis", "--disable-webgl"]);
  withWebgl = await launch();
});
after(async () => {
  await noWebgl?.close();
  await withWebgl?.close();
});

const BEST = ["greet-warmly", "check-system", "explain-apologise", "arrange-walk", "walk-full", "log-and-handover"]
  .map((id) => ({ Choose: id }));

/** Waits until the canvas shows at least `wanted` colours; returns how many it shows. */
async function drawnColours(page, wanted = 12) {
  const canvas = await page.waitForSelector("#bevy-canvas");
  let count = 0;
  for (let attempt = 0; attempt < 60 && count < wanted; attempt++) count = colourCount(await canvas.screenshot());
  return count;
}

/** The text equivalent the canvas points at. */
async function equivalent(page) {
  const ids = (await page.getAttribute("#bevy-canvas", "aria-describedby")).split(" ");
  const texts = [];
  for (const id of ids) texts.push((await page.textContent(`#${id}`)).replace(/\s+/g, " ").trim());
  return texts;
}

test("this browser really has no WebGL", async () => {
  const page = await open(noWebgl, "?render=text");
  const contexts = await page.evaluate(() => {
    const c = document.createElement("canvas");
    return { webgl2: !!c.getContext("webgl2"), webgl: !!document.createElement("canvas").getContext("webgl") };
  });
  assert.deepEqual(contexts, { webgl2: false, webgl: false });
  await close(page);
});

for (const [scenario, name] of [
  ["healthcare/night-shift-opioid&clock=manual", "monitor"],
  ["manufacturing/supervisor-bottleneck&clock=manual", "line"],
  ["hospitality/front-desk-overbooked&clock=manual", "card"],
]) {
  test(`without WebGL the canvas draws the ${name}, with the same text equivalent`, async () => {
    const page = await open(noWebgl, `?scenario=${scenario}`);
    await screen(page, "play");
    await page.waitForSelector("#choices button");
    const count = await drawnColours(page);
    assert.ok(count >= 12, `the canvas shows only ${count} colours`);
    await shot(page, `play-no-webgl-${name}`);
    const reference = await open(withWebgl, `?scenario=${scenario}`);
    await screen(reference, "play");
    await reference.waitForSelector("#choices button");
    assert.deepEqual(await equivalent(page), await equivalent(reference));
    assert.deepEqual(page.errors, []);
    await close(page, reference);
  });
}

test("?render=text plays to the debrief in text alone", async () => {
  const page = await open(noWebgl, "?scenario=hospitality/front-desk-overbooked&render=text");
  await screen(page, "play");
  assert.equal(await page.$("#bevy-canvas"), null, "no canvas in text mode");
  assert.match(await page.textContent(".text-mode"), /Text mode/);
  await playByKeyboard(page, BEST);
  await screen(page, "debrief");
  assert.equal(await page.getAttribute("#score", "data-percent"), "100");
  await shot(page, "debrief-text-mode");
  assert.deepEqual(page.errors, []);
  await close(page);
});
