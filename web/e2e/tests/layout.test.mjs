// The play screen a student first sees: on a 1366 × 768 Chromebook and on a
// 360 × 740 phone, every built-in scenario shows its scene, the step's text and
// the first choice without scrolling, and nothing scrolls sideways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, SHOTS, close } from "../lib.mjs";
import { join } from "node:path";

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 360, height: 740 },
];

let browser;
let scenarios;
before(async () => {
  browser = await launch();
  const index = await (await fetch(new URL("scenarios/index.json", BASE))).json();
  scenarios = index.scenarios.map((entry) => entry.id);
});
after(async () => { await browser?.close(); });

for (const viewport of VIEWPORTS) {
  test(`every built-in scenario's first choice is above the fold at ${viewport.width}×${viewport.height}`, async () => {
    assert.ok(scenarios.length >= 10, `the catalog lists ${scenarios.length} scenarios`);
    const context = await browser.newContext({ viewport, serviceWorkers: "block" });
    const page = await context.newPage();
    const problems = [];
    for (const id of scenarios) {
      await page.goto(`${BASE}?scenario=${id}`);
      const first = page.locator("#choices button").first();
      await first.waitFor({ state: "visible" });
      const boxes = await page.evaluate(() => {
        const box = (selector) => {
          const r = document.querySelector(selector).getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, width: r.width };
        };
        return {
          stage: box(".stage"),
          text: box("#step-text"),
          choice: box("#choices button"),
          sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
      const fold = viewport.height;
      if (boxes.choice.bottom > fold) problems.push(`${id}: the first choice ends at ${Math.round(boxes.choice.bottom)}px`);
      if (boxes.text.bottom > fold) problems.push(`${id}: the step's text ends at ${Math.round(boxes.text.bottom)}px`);
      if (boxes.stage.top < 0 || boxes.stage.bottom > fold || boxes.stage.width === 0) {
        problems.push(`${id}: the scene is not in view (${Math.round(boxes.stage.top)}–${Math.round(boxes.stage.bottom)}px)`);
      }
      if (boxes.sideways > 0) problems.push(`${id}: the page scrolls sideways by ${boxes.sideways}px`);
      await page.screenshot({ path: join(SHOTS, `first-step-${viewport.width}-${id.replace("/", "-")}.png`) });
    }
    await close(page);
    assert.deepEqual(problems, [], `above the fold at ${viewport.width}×${viewport.height}:\n${problems.join("\n")}`);
  });
}
