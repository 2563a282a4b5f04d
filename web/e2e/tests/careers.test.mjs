// Career facts: what the job is, its tasks, the way in, related careers and figures
// with their source and year; folded before play, open in the debrief, in Spanish
// where the scenario has it, and accessible (axe, WCAG 2.1 AA).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, screen, close, nativeRuns, playByClicks, shot, BASE, axeViolations } from "../lib.mjs";

const SCENARIO = "public-safety/dispatcher-smoke-call";
let browser;
let runs;
before(async () => { browser = await launch(); runs = nativeRuns(); });
after(async () => { await browser?.close(); });

async function page(query, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const p = await context.newPage();
  await p.goto(BASE + query);
  return p;
}


test("career facts: folded before play, open in the debrief, with each figure's source and year", async () => {
  const run = runs.find((r) => r.scenario === SCENARIO && r.passed);
  const p = await page(`?scenario=${SCENARIO}&render=text&clock=manual&seed=${run.transcript.seed}`);
  await screen(p, "play");
  const intro = "#career-intro details.career-facts";
  assert.equal(await p.getAttribute(intro, "open"), null, "folded: the scenario comes first");
  assert.equal(await p.textContent(`${intro} summary`), "About this career: Emergency (911) dispatcher");
  await p.click(`${intro} summary`);
  const row = await p.textContent(`${intro} table.figures tbody tr:first-child`);
  assert.match(row, /Median pay/);
  assert.match(row, /\$38,870 a year/);
  assert.match(row, /U\.S\. Bureau of Labor Statistics, Occupational Outlook Handbook: Police, Fire, and Ambulance Dispatchers, 2016/);
  assert.deepEqual(await axeViolations(p), [], "play screen with the career facts open");
  await playByClicks(p, run.transcript.choices.map((c) => c.choice));
  await screen(p, "debrief");
  const after = "#app section:not([hidden]) details.career-facts[open]";
  assert.ok(await p.$(after), "open in the debrief");
  assert.match(await p.textContent(after), /Answer 911 calls, texts and alarms/);
  assert.match(await p.textContent(after), /Related careers/);
  assert.deepEqual(await axeViolations(p), [], "debrief with the career facts");
  await shot(p, "career-facts-debrief");
  await close(p);
});

test("career facts in Spanish, on a phone", async () => {
  const p = await page(`?scenario=${SCENARIO}&render=text&lang=es`, { width: 360, height: 740 });
  await screen(p, "play");
  assert.equal(await p.textContent("#career-intro summary"), "Sobre esta profesión: Operador de emergencias (911)");
  await p.click("#career-intro summary");
  assert.match(await p.textContent("#career-intro table.figures"), /38\.870 dólares al año/);
  assert.match(await p.textContent("#career-intro"), /Cómo se llega a ella/);
  await shot(p, "career-facts-es-phone");
  await close(p);
});
