// SCORM 1.2 and 2004 with a real LMS-side runtime: scorm-again's Scorm12API and
// Scorm2004API on a host page, the player in an iframe (as an LMS launches it).
// Plays a scenario through and checks what the LMS recorded; reloads mid-run and
// checks the attempt resumes; checks a long run's suspend_data fits SCORM 1.2.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, close, nativeRuns, playByClicks, BASE, ROOT } from "../lib.mjs";

let browser;
let runs;
before(async () => { browser = await launch(); runs = nativeRuns(); });
after(async () => { await browser?.close(); });

const RUNTIME = {
  "1.2": { file: "scorm12.min.js", ctor: "Scorm12API", global: "API", prefix: "LMS" },
  "2004": { file: "scorm2004.min.js", ctor: "Scorm2004API", global: "API_1484_11", prefix: "" },
};

/** A host page on the player's origin: the LMS runtime, then the player in a frame.
 * `initial` is the LMS's stored state for the attempt (for a relaunch). */
async function lmsPage(version, query, initial = null) {
  const r = RUNTIME[version];
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  const script = readFileSync(join(ROOT, "web/e2e/node_modules/scorm-again/dist", r.file), "utf8");
  await page.route(`${BASE}lms-host/runtime.js`, (route) => route.fulfill({ body: script, contentType: "text/javascript" }));
  const host = `<!doctype html><html lang="en"><head><title>LMS</title>
    <script src="runtime.js"></script>
    <script>
      window.recorded = {}; window.commits = 0; window.finished = false;
      const api = new ${r.ctor}({ autocommit: false, logLevel: 5 });
      ${initial ? `api.loadFromJSON(${JSON.stringify(initial)});` : ""}
      api.on("${r.prefix}SetValue.cmi.*", (el, v) => { window.recorded[el] = v; });
      // A strict LMS refuses a value with "false" and an error code; the run's data
      // is then lost without a sound. Every call the player makes must succeed.
      window.rejected = [];
      for (const name of ["${r.prefix}Initialize", "${r.prefix}SetValue", "${r.prefix}Commit", "${version === "1.2" ? "LMSFinish" : "Terminate"}"]) {
        const call = api[name].bind(api);
        api[name] = (...args) => {
          const ok = call(...args);
          const code = String(api.${r.prefix}GetLastError());
          if (String(ok) !== "true" || code !== "0") {
            window.rejected.push({ call: name, args, ok: String(ok), code, text: api.${r.prefix}GetErrorString(code) });
          }
          return ok;
        };
      }
      api.on("${r.prefix}Commit", () => { window.commits += 1; });
      api.on("${version === "1.2" ? "LMSFinish" : "Terminate"}", () => { window.finished = true; });
      window.${r.global} = api;
    </script></head>
    <body><iframe id="sco" title="FirstShift" style="width:1300px;height:850px" src="${BASE}${query}"></iframe></body></html>`;
  await page.route(`${BASE}lms-host/index.html`, (route) => route.fulfill({ body: host, contentType: "text/html" }));
  await page.goto(`${BASE}lms-host/index.html`);
  const frame = await (await page.waitForSelector("#sco")).contentFrame();
  await frame.waitForSelector('#app[data-screen="play"]');
  return { page, frame };
}


const recorded = (page) => page.evaluate(() => window.recorded);

/** Every Initialize, SetValue, Commit and Finish/Terminate the player made was
 * accepted by the runtime (scorm-again validates every element's type), then the
 * page closes. */
async function closeConformant(page) {
  assert.deepEqual(await page.evaluate(() => window.rejected), [], "calls the LMS refused");
  await close(page);
}

const SCENARIO = "hospitality/front-desk-overbooked";

test("SCORM 1.2: incomplete at the start, each choice an interaction, the save after it", async () => {
  const { page, frame } = await lmsPage("1.2", `?scenario=${SCENARIO}&clock=manual&seed=0`);
  assert.equal(await frame.getAttribute("#app", "data-lms"), "API");
  let r = await recorded(page);
  assert.equal(r["cmi.core.lesson_status"], "incomplete", "incomplete at the start");
  assert.equal(r["cmi.core.score.max"], "100");
  const offered = await frame.$$eval("#choices button", (bs) => bs.map((b) => b.dataset.choice));
  await playByClicks(frame, [offered[0]]);
  r = await recorded(page);
  assert.equal(r["cmi.interactions.0.type"], "choice");
  assert.equal(r["cmi.interactions.0.student_response"], offered[0]);
  assert.equal(r["cmi.interactions.0.result"], "neutral");
  assert.match(r["cmi.interactions.0.id"], /^choice-1-/);
  assert.match(r["cmi.interactions.0.time"], /^\d\d:\d\d:\d\d$/);
  assert.ok(r["cmi.suspend_data"].startsWith("fs1."), "the save is in suspend_data");
  // ...and only there: a copy in this browser would be offered to the next student
  // who opens the scenario on this computer.
  const kept = await frame.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("firstshift.save.")));
  assert.deepEqual(kept, [], "a SCORM launch keeps no save in the browser");
  assert.ok(await page.evaluate(() => window.commits) >= 2, "committed at the start and after the choice");
  await closeConformant(page);
});

test("SCORM 1.2: a whole run reports the score and passed or failed against the pass mark", async () => {
  for (const run of runs.filter((x) => x.scenario === SCENARIO).slice(0, 2)) {
    const { page, frame } = await lmsPage("1.2", `?scenario=${SCENARIO}&clock=manual&seed=${run.transcript.seed}`);
    await playByClicks(frame, run.transcript.choices.map((c) => c.choice));
    await frame.waitForSelector('#app[data-screen="debrief"]');
    const r = await recorded(page);
    assert.equal(r["cmi.core.score.raw"], String(run.percent), run.name);
    assert.equal(r["cmi.core.lesson_status"], run.passed ? "passed" : "failed", run.name);
    assert.equal(r["cmi.core.exit"], "");
    assert.ok(r["cmi.suspend_data"].length <= 4096, "suspend_data within SCORM 1.2's limit");
    assert.equal(r[`cmi.interactions.${run.transcript.choices.length - 1}.type`], "choice");
    await closeConformant(page);
  }
});

test("SCORM 2004: a whole run reports completion, success, scaled score and ISO 8601 session time", async () => {
  const best = runs.find((x) => x.scenario === SCENARIO && x.passed);
  const { page, frame } = await lmsPage("2004", `?scenario=${SCENARIO}&clock=manual&seed=${best.transcript.seed}`);
  assert.equal(await frame.getAttribute("#app", "data-lms"), "API_1484_11");
  await playByClicks(frame, best.transcript.choices.map((c) => c.choice));
  await frame.waitForSelector('#app[data-screen="debrief"]');
  const r = await recorded(page);
  assert.equal(r["cmi.completion_status"], "completed");
  assert.equal(r["cmi.success_status"], "passed");
  assert.equal(r["cmi.score.raw"], String(best.percent));
  assert.equal(r["cmi.score.scaled"], (best.percent / 100).toFixed(2));
  assert.equal(r["cmi.exit"], "normal");
  assert.match(r["cmi.session_time"], /^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$/);
  const n = best.transcript.choices.length;
  assert.equal(r[`cmi.interactions.${n - 1}.learner_response`], best.transcript.choices[n - 1].choice);
  assert.match(r[`cmi.interactions.${n - 1}.timestamp`], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,2}Z$/);
  assert.ok(r["cmi.interactions.0.description"].length > 0);
  // Leaving ends the session.
  await frame.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide")));
  assert.equal(await page.evaluate(() => window.finished), true);
  assert.deepEqual(page.errors, []);
  await closeConformant(page);
});

test("SCORM 1.2: leaving mid-run suspends, and the relaunch resumes where the student was", async () => {
  const { page, frame } = await lmsPage("1.2", `?scenario=${SCENARIO}&clock=manual&seed=0`);
  const first = await frame.$$eval("#choices button", (bs) => bs.map((b) => b.dataset.choice));
  await playByClicks(frame, [first[0]]);
  const second = await frame.$$eval("#choices button", (bs) => bs.map((b) => b.dataset.choice));
  await playByClicks(frame, [second[0]]);
  const step = await frame.getAttribute("#app", "data-step");
  await frame.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide")));
  const r = await recorded(page);
  assert.equal(r["cmi.core.exit"], "suspend");
  assert.match(r["cmi.core.session_time"], /^\d{2,4}:\d\d:\d\d(\.\d\d)?$/);
  assert.equal(await page.evaluate(() => window.finished), true, "LMSFinish on leaving");
  await closeConformant(page);

  // The LMS relaunches the attempt with what it stored.
  const relaunch = await lmsPage("1.2", `?scenario=${SCENARIO}&clock=manual&seed=0`, {
    core: { entry: "resume", lesson_status: "incomplete" },
    suspend_data: r["cmi.suspend_data"],
  });
  await relaunch.frame.waitForFunction((s) => document.querySelector("#app").dataset.step === s, step);
  assert.equal(await relaunch.frame.getAttribute("#app", "data-turn"), "2");
  const again = await recorded(relaunch.page);
  assert.equal(again["cmi.core.lesson_status"], undefined, "an incomplete attempt is not reset");
  await closeConformant(relaunch.page);
});

test("no LMS: the player runs standalone and says nothing about one", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE}?scenario=${SCENARIO}`);
  await page.waitForSelector('#app[data-screen="play"]');
  assert.equal(await page.getAttribute("#app", "data-lms"), null);
  assert.equal(await page.$("#lms-status"), null);
  await close(page);
});

test("SCORM 2004: the reflection after the debrief is recorded as interactions after the run's", async () => {
  const best = runs.find((x) => x.scenario === SCENARIO && x.passed);
  const { page, frame } = await lmsPage("2004", `?scenario=${SCENARIO}&clock=manual&seed=${best.transcript.seed}`);
  await playByClicks(frame, best.transcript.choices.map((c) => c.choice));
  await frame.waitForSelector('#app[data-screen="debrief"]');
  await frame.check("#interest-5");
  await frame.fill("#surprised", "The taxi and the card matter as much as the room.");
  await frame.selectOption("#skill", "Teamwork");
  await frame.click("#save-reflection");
  await frame.waitForFunction(() => document.querySelector("#reflection-status").textContent.startsWith("Saved"));
  const r = await recorded(page);
  const n = best.transcript.choices.length;
  assert.equal(r[`cmi.interactions.${n}.id`], "reflection-interest");
  assert.equal(r[`cmi.interactions.${n}.type`], "likert");
  assert.equal(r[`cmi.interactions.${n}.learner_response`], "5");
  assert.equal(r[`cmi.interactions.${n + 1}.type`], "long-fill-in");
  assert.equal(r[`cmi.interactions.${n + 1}.learner_response`], "The taxi and the card matter as much as the room.");
  assert.equal(r[`cmi.interactions.${n + 2}.learner_response`], "Work productively in teams while using cultural and global competence");
  // The run and the reflection's words went to the LMS, not into this browser's
  // career profile, where the next student on this computer would read them.
  assert.equal(await frame.evaluate(() => localStorage.getItem("firstshift.profile.v1")), null);
  assert.equal(await frame.$("#portfolio-link"), null);
  assert.deepEqual(page.errors, []);
  await closeConformant(page);
});
