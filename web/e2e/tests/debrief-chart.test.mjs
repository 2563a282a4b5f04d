// A run's timeline on the debrief, for each built-in model: the patient's NEWS2 and
// vital signs, the line's good parts against the order's pace, the business's cash.
// Each is a chart on a canvas (its pixels checked), named by its title and
// described by a one-sentence summary, with the chart's data as a table that has a
// row for every choice; checked with axe, played by keyboard only, and shown again
// on the run's portfolio page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { PNG } from "pngjs";
import { join } from "node:path";
import { launch, open, screen, shot, close, nativeRuns, playByKeyboard, axeViolations, SHOTS } from "../lib.mjs";

let browser;
let runs;
before(async () => { browser = await launch(); runs = nativeRuns(); });
after(async () => { await browser?.close(); });

// `engine/draw/src/chart.rs`: what happened, and the student's choices.
const MEASURED = [0x1f, 0x4e, 0x9c];
const MARK = [0x6b, 0x21, 0x8a];

/** Pixels within a small distance of an RGB colour (0-255) in a PNG. */
function pixelsNear(buffer, [r, g, b]) {
  const png = PNG.sync.read(buffer);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const d = Math.abs(png.data[i] - r) + Math.abs(png.data[i + 1] - g) + Math.abs(png.data[i + 2] - b);
    if (d < 40) count += 1;
  }
  return count;
}

const models = [
  { scenario: "healthcare/emt-anaphylaxis", name: "patient", summary: /^NEWS2 was \d+ at the start, .* and was \d+ at the end\.$/, first: ["NEWS2", "Heart rate (/min)"] },
  { scenario: "manufacturing/supervisor-bottleneck", name: "line", summary: /^The line made \d+ good parts of an order of \d+, ending \d+ (ahead of|behind) the order's pace/, first: ["Good parts made", "The order's pace"] },
  { scenario: "management/food-truck-first-week", name: "business", summary: /^Cash went from \$[\d,]+\.\d\d to −?\$[\d,]+\.\d\d/, first: ["Cash ($)"] },
];

for (const model of models) {
  test(`the ${model.name} debrief shows the run as a chart, a sentence and a table`, async () => {
    const run = runs.find((r) => r.scenario === model.scenario && r.passed);
    assert.ok(run, `a passing playthrough of ${model.scenario}`);
    for (const viewport of [{ width: 1366, height: 768 }, { width: 360, height: 740 }]) {
      const page = await open(browser, `?scenario=${model.scenario}&clock=manual&seed=${run.transcript.seed}`, viewport, { bypassCSP: true });
      await screen(page, "play");
      await page.waitForSelector("#choices button");
      await playByKeyboard(page, run.actions);
      await screen(page, "debrief");
      const tag = `${model.name}-${viewport.width}`;

      const canvas = await page.waitForSelector("#debrief-chart");
      assert.equal(await canvas.getAttribute("role"), "img");
      assert.match(await canvas.getAttribute("aria-label"), /over your (run|shift)/);
      assert.equal(await canvas.getAttribute("aria-describedby"), "debrief-chart-summary");
      const summary = await page.textContent("#debrief-chart-summary");
      assert.match(summary, model.summary);

      // Painted by the same renderer as the scene, once the canvas has its size.
      let blue = 0, purple = 0;
      for (let attempt = 0; attempt < 60 && (blue < 150 || purple < 20); attempt++) {
        const png = await canvas.screenshot();
        blue = pixelsNear(png, MEASURED);
        purple = pixelsNear(png, MARK);
      }
      assert.ok(blue >= 150, `the chart shows only ${blue} pixels of the run's line (${tag})`);
      assert.ok(purple >= 20, `the chart shows only ${purple} pixels of choice marks (${tag})`);
      const box = await canvas.boundingBox();
      assert.ok(box.width <= viewport.width, "the chart fits the screen's width");

      // The table: the time, each series, and what the student did; a row for each choice.
      await page.focus(".chart-data summary");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#debrief-chart-table", { state: "visible" });
      const head = await page.$$eval("#debrief-chart-table thead th", (ths) => ths.map((th) => th.textContent));
      assert.deepEqual(head.slice(0, model.first.length + 1), ["Time", ...model.first], `${head}`);
      assert.equal(head[head.length - 1], "What you did");
      const rows = await page.$$eval("#debrief-chart-table tbody tr", (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      const did = rows.map((r) => r[r.length - 1]).filter((d) => d !== "");
      const choices = await page.$$eval(".timeline li", (lis) => lis.map((li) => li.textContent.replace(/^\S+ /, "")));
      assert.equal(did.join("; ").split(/; (?=\d+\. )/).length, choices.length, "every choice is in the table");
      assert.equal(did[0], `1. ${choices[0]}`);
      for (const row of rows) {
        assert.ok(row.slice(1, -1).every((v) => v === "–" || /^-?\d+(\.\d+)?$/.test(v)), `numbers only: ${row}`);
      }
      assert.deepEqual(await axeViolations(page), [], `the debrief with its chart (${tag})`);
      await shot(page, `debrief-chart-${tag}`);
      await (await page.$(".run-chart")).screenshot({ path: join(SHOTS, `chart-${tag}.png`) });

      if (viewport.width > 800) {
        // The portfolio page shows the same chart, re-played from the kept choices.
        await page.click("#portfolio-link");
        await screen(page, "portfolio");
        await page.waitForSelector("#portfolio-chart");
        assert.equal(await page.textContent("#portfolio-chart-summary"), summary);
        assert.equal(await page.$$eval("#portfolio-chart-table tbody tr", (trs) => trs.length), rows.length);
        assert.deepEqual(await axeViolations(page), [], `the portfolio with its chart (${tag})`);
        await shot(page, `portfolio-chart-${model.name}`);
      }
      assert.deepEqual(page.errors, []);
      await close(page);
    }
  });
}

test("a branching scenario's debrief has no chart", async () => {
  const run = runs.find((r) => r.scenario === "hospitality/front-desk-overbooked" && r.passed);
  const page = await open(browser, `?scenario=${run.scenario}&clock=manual&seed=${run.transcript.seed}`);
  await screen(page, "play");
  await page.waitForSelector("#choices button");
  await playByKeyboard(page, run.actions);
  await screen(page, "debrief");
  assert.equal(await page.$("#debrief-chart"), null);
  await close(page);
});
