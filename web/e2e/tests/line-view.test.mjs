// The production line of the manufacturing and supply-chain scenarios: drawn on the
// canvas (stations coloured by state, buffers, the bottleneck outlined), and told in
// HTML (the production board) for students who cannot see the canvas.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { PNG } from "pngjs";
import { launch, open, screen, shot, close, playByKeyboard } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Pixels close to a colour (0–1 components) in a PNG. */
function pixelsNear(buffer, [r0, g0, b0]) {
  const png = PNG.sync.read(buffer);
  const [r1, g1, b1] = [r0 * 255, g0 * 255, b0 * 255];
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const d = Math.abs(png.data[i] - r1) + Math.abs(png.data[i + 1] - g1) + Math.abs(png.data[i + 2] - b1);
    if (d < 40) count += 1;
  }
  return count;
}

const WORKING_GREEN = [0.18, 0.68, 0.34];
const BOTTLENECK_YELLOW = [1.0, 0.85, 0.3];

test("the supervisor scenario shows the line on the canvas and the board in text", async () => {
  const page = await open(browser, "?scenario=manufacturing/supervisor-bottleneck&clock=manual&seed=0");
  await screen(page, "play");
  await page.waitForSelector("#choices button");
  assert.ok(await page.isVisible("#line-board"), "the board is shown for a line scenario");
  assert.equal(await page.textContent("#line-board-heading"), "Production board");
  const canvas = await page.$("#bevy-canvas");
  assert.equal(await canvas.getAttribute("aria-describedby"), "line-board");
  assert.equal((await page.$$("#line-stations li")).length, 4, "one line per station");

  await playByKeyboard(page, [{ Choose: "watch-first-hour" }]);
  // An hour in: the board tells the time, the KPIs and which station holds the line back.
  await page.waitForFunction(() => /1:00:00 of 8:00:00/.test(document.querySelector("#line-headline").textContent));
  const kpis = await page.$$eval("#line-kpis li", (items) => items.map((li) => li.dataset.kpi));
  for (const name of ["OEE", "Throughput", "Takt time", "Work in process", "Lead time", "Bottleneck"]) {
    assert.ok(kpis.includes(name), `${name} on the board: ${kpis}`);
  }
  assert.match(await page.textContent("#line-kpis [data-kpi=Bottleneck]"), /Weld station/);
  assert.equal(await page.getAttribute("#line-stations li.bottleneck", "data-station"), "weld");
  const states = await page.$$eval("#line-stations li", (items) => items.map((li) => li.dataset.state));
  assert.ok(states.every((s) => ["working", "changing over", "starved", "blocked", "down", "on break"].includes(s)), states.join());

  // The canvas draws working stations in green and outlines the bottleneck.
  let green = 0, yellow = 0;
  for (let attempt = 0; attempt < 120 && (green < 200 || yellow < 50); attempt++) {
    const png = await canvas.screenshot();
    green = pixelsNear(png, WORKING_GREEN);
    yellow = pixelsNear(png, BOTTLENECK_YELLOW);
  }
  assert.ok(green >= 200, `the canvas shows only ${green} working-green pixels`);
  assert.ok(yellow >= 50, `the canvas shows only ${yellow} bottleneck-yellow pixels`);
  await shot(page, "play-line");

  // A decision's consequence is listed and announced.
  await playByKeyboard(page, [{ Choose: "name-weld" }, { Choose: "move-packer" }]);
  await page.waitForSelector("#line-events li");
  assert.match(await page.textContent("#line-events"), /moves from Packing to Weld station/);
  assert.match(await page.textContent("#line-stations [data-station=weld]"), /2 operators/);

  await playByKeyboard(page, [{ Choose: "run-to-lunch" }, { Choose: "pm-lunch" }, { Choose: "run-to-end" }]);
  await screen(page, "debrief");
  assert.equal(await page.getAttribute("#score", "data-percent"), "100");
  assert.ok(await page.isHidden("#line-board"), "the board is put away on the debrief");
  assert.deepEqual(page.errors, []);
  await close(page);
});

test("a phone-sized screen shows the warehouse line and its board", async () => {
  const page = await open(browser, "?scenario=supply-chain/warehouse-pick-pack&clock=manual&seed=0", { width: 390, height: 844 });
  await screen(page, "play");
  await page.waitForSelector("#choices button");
  await playByKeyboard(page, [{ Choose: "watch" }]);
  await page.waitForFunction(() => /1:00:00/.test(document.querySelector("#line-headline").textContent));
  assert.equal((await page.$$("#line-stations li")).length, 3);
  await shot(page, "play-line-phone");
  await close(page);
});
