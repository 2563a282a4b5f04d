// Spanish end to end: the catalog and the player in Spanish by ?lang=es or by the
// browser's language, a scenario played in Spanish with the same score as the native
// run, and its downloaded run re-scoring against the English original; every
// simulation scenario played in Spanish by keyboard, its model speaking Spanish at
// the bedside, on the board and in the debrief's chart.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, screen, close, nativeRuns, playByClicks, playByKeyboard, shot, BASE, ROOT } from "../lib.mjs";

const SCENARIO = "hospitality/front-desk-overbooked";
/** A scenario with no translation. */
const ENGLISH_ONLY = "construction/trench-morning-check";
let browser;
let runs;
before(async () => { browser = await launch(); runs = nativeRuns(); });
after(async () => { await browser?.close(); });

async function page(query, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
  const p = await context.newPage();
  p.errors = [];
  p.on("pageerror", (e) => p.errors.push(String(e)));
  await p.goto(BASE + query);
  return p;
}

test("the catalog in Spanish: ?lang=es, or a browser that prefers Spanish", async () => {
  for (const [query, options] of [["?lang=es", {}], ["", { locale: "es-MX" }]]) {
    const p = await page(query, options);
    await screen(p, "catalog");
    assert.equal(await p.getAttribute("html", "lang"), "es");
    assert.equal(await p.textContent("h1"), "Prueba una profesión");
    const card = `.card[data-scenario="${SCENARIO}"]`;
    assert.equal(await p.textContent(`${card} h3`), "Viernes por la noche, sin habitaciones");
    assert.match(await p.getAttribute(`${card} a`, "href"), /lang=es/);
    assert.ok(await p.$("h2:text-is('Hostelería, eventos y turismo')"));
    // A scenario with no Spanish stays English, and says so to screen readers.
    assert.equal(await p.getAttribute(`.card[data-scenario="${ENGLISH_ONLY}"]`, "lang"), "en");
    assert.deepEqual(p.errors, []);
    await close(p);
  }
  // In English, a translated scenario offers its Spanish.
  const en = await page("");
  await screen(en, "catalog");
  assert.equal(await en.getAttribute("html", "lang"), "en");
  const also = await en.$(`.card[data-scenario="${SCENARIO}"] .also-in a[lang="es"]`);
  assert.ok(also, "a link to the Spanish");
  assert.equal(await en.$(`.card[data-scenario="${ENGLISH_ONLY}"] .also-in`), null);
  await close(en);
});

test("a scenario played in Spanish scores as the native run, and its run re-scores on the English original", async () => {
  const run = runs.find((r) => r.scenario === SCENARIO && r.percent === 73);
  assert.ok(run, "the escalation playthrough");
  const p = await page(`?scenario=${SCENARIO}&lang=es&clock=manual&seed=${run.transcript.seed}`);
  await screen(p, "play");
  assert.equal(await p.getAttribute("html", "lang"), "es");
  assert.equal(await p.textContent("#play-title"), "Viernes por la noche, sin habitaciones");
  assert.match(await p.textContent("#step-heading"), /^Paso 1$/);
  assert.equal(await p.textContent('#choices button[data-choice="greet-warmly"] span'), "Dejar de escribir, mirarla a los ojos y darle la bienvenida");
  assert.equal(await p.textContent("#pause"), "Pausa");
  assert.equal(await p.getAttribute("#step-text", "lang"), null, "the scenario's text is in the page's language");
  await playByClicks(p, run.transcript.choices.map((c) => c.choice));
  await screen(p, "debrief");
  assert.equal(Number(await p.getAttribute("#score", "data-percent")), run.percent);
  assert.match(await p.textContent("#score"), /^Puntuación: 73 % — Aprobado/);
  assert.ok(await p.$("h2:text-is('Cómo se puntuó cada parte')"));
  assert.equal(await p.textContent('[data-criterion="relocation"] h3'), "Reubica a la huésped como corresponde");
  assert.match(await p.textContent('[data-criterion="first-contact"] .level'), /^Competente — 2 de 3 puntos$/);
  await shot(p, "spanish-debrief");

  const [download] = await Promise.all([p.waitForEvent("download"), p.click("#download")]);
  const file = join(mkdtempSync(join(tmpdir(), "firstshift-")), "run.json");
  await download.saveAs(file);
  const report = JSON.parse(execFileSync("cargo", ["run", "--quiet", "-p", "firstshift-cli", "--", "replay",
    `scenarios/${SCENARIO}.ron`, file, "--format", "json"], { cwd: ROOT, encoding: "utf8" }));
  assert.equal(report.percent, run.percent, "the Spanish run re-scores on the English scenario");
  assert.deepEqual(p.errors, []);
  await close(p);
});

test("Spanish requested for a scenario without it: the player's words in Spanish, the scenario in English, marked", async () => {
  const p = await page(`?scenario=${ENGLISH_ONLY}&lang=es&render=text`);
  await screen(p, "play");
  assert.equal(await p.textContent("#pause"), "Pausa");
  assert.equal(await p.getAttribute("#step-text", "lang"), "en");
  assert.equal(await p.getAttribute("#choices", "lang"), "en");
  assert.deepEqual(p.errors, []);
  await close(p);
});

// The model's own words, as the page shows them, for each model.
const models = {
  patient: {
    scenarios: ["healthcare/clinic-intake-hypoglycaemia", "healthcare/emt-anaphylaxis", "healthcare/night-shift-opioid"],
    heading: ["#bedside-heading", "Monitor del paciente"],
    said: ["#bedside-news2", /^NEWS2(:| registrados:) /],
    chart: /^El paciente durante tu partida/,
    summary: /^El NEWS2 era \d+ al principio, .* y era \d+ al final\.$/,
  },
  line: {
    scenarios: ["manufacturing/maintenance-capper", "manufacturing/supervisor-bottleneck", "supply-chain/warehouse-pick-pack"],
    heading: ["#line-board-heading", "Tablero de producción"],
    said: ["#line-headline", /: \d+ buenas de \d+ pedidas, /],
    chart: /^La línea durante tu turno/,
    summary: /^La línea hizo \d+ piezas buenas de un pedido de \d+ y terminó \d+ por (delante|detrás) del ritmo del pedido/,
  },
  business: {
    scenarios: ["management/food-truck-first-week", "management/school-store-spirit-week"],
    heading: ["#business-board-heading", "Tablero del negocio"],
    said: ["#business-headline", /^El (lunes|martes|miércoles|jueves|viernes), .* en el banco; una (ganancia|pérdida) de /],
    chart: /^El negocio durante tu partida/,
    summary: /^El dinero pasó de \$[\d,]+\.\d\d a −?\$[\d,]+\.\d\d/,
  },
};

for (const [name, model] of Object.entries(models)) {
  for (const scenario of model.scenarios) {
    test(`${scenario} plays in Spanish by keyboard: the ${name} model speaks Spanish, and the score is the native run's`, async () => {
      const run = runs.find((r) => r.scenario === scenario && r.passed);
      assert.ok(run, `a passing playthrough of ${scenario}`);
      const p = await page(`?scenario=${scenario}&lang=es&clock=manual&seed=${run.transcript.seed}`);
      await screen(p, "play");
      assert.equal(await p.getAttribute("#step-text", "lang"), null, "the scenario is in Spanish");
      await p.waitForSelector("#choices button");
      assert.equal(await p.textContent(model.heading[0]), model.heading[1]);
      // What the model has said by the end of the first choice, in Spanish.
      await playByKeyboard(p, run.actions.slice(0, 1));
      assert.match(await p.textContent(model.said[0]), model.said[1]);
      await playByKeyboard(p, run.actions.slice(1));
      await screen(p, "debrief");
      assert.equal(Number(await p.getAttribute("#score", "data-percent")), run.percent);
      assert.match(await p.getAttribute("#debrief-chart", "aria-label"), model.chart);
      assert.match(await p.textContent("#debrief-chart-summary"), model.summary);
      await shot(p, `spanish-${scenario.replace("/", "-")}`);
      assert.deepEqual(p.errors, []);
      await close(p);
    });
  }
}
