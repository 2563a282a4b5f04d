// Every playthrough of every built-in scenario, played with the keyboard only:
// the debrief's score must equal the native score for the same run, and the run's
// choices and times must be the same (native and wasm agree).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, screen, shot, nativeRuns, playByKeyboard } from "../lib.mjs";

let browser;
let runs;
before(async () => { browser = await launch(); runs = nativeRuns(); });
after(async () => { await browser?.close(); });

test("every playthrough scores the same in the browser as natively", async (t) => {
  assert.ok(runs.length >= 12, `expected the library's playthroughs, got ${runs.length}`);
  const shotTaken = new Set();
  for (const run of runs) {
    await t.test(`${run.scenario} :: ${run.name}`, async () => {
      // ?clock=manual: simulated time moves only by the playthrough's Wait(n), so
      // the run's times equal the native run's exactly.
      const page = await open(browser, `?scenario=${run.scenario}&clock=manual&seed=${run.transcript.seed}`);
      await screen(page, "play");
      if (!shotTaken.has(run.scenario)) {
        await page.waitForSelector("#choices button");
        await shot(page, `play-${run.scenario.replace("/", "-")}`);
      }
      await playByKeyboard(page, run.actions);
      await screen(page, "debrief");
      const percent = Number(await page.getAttribute("#score", "data-percent"));
      const passed = (await page.getAttribute("#score", "data-passed")) === "true";
      assert.equal(percent, run.percent, "score on the debrief");
      assert.equal(passed, run.passed, "pass/fail on the debrief");
      // The whole run and the whole report: every choice and time, the clock, the
      // ending, and every criterion's level, points, feedback and evidence.
      const transcript = JSON.parse(await page.getAttribute("#app", "data-transcript"));
      assert.deepEqual(transcript, run.transcript, "the same transcript");
      const report = JSON.parse(await page.getAttribute("#app", "data-report"));
      assert.deepEqual(report, run.report, "the same score report");
      if (!shotTaken.has(run.scenario)) {
        await shot(page, `debrief-${run.scenario.replace("/", "-")}`);
        shotTaken.add(run.scenario);
      }
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
});
