// Spanish end to end: the catalog and the player in Spanish by ?lang=es or by the
// browser's language, a scenario played in Spanish with the same score as the native
// run, and its downloaded run re-scoring against the English original.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, screen, close, nativeRuns, playByClicks, shot, BASE, ROOT } from "../lib.mjs";

const SCENARIO = "hospitality/front-desk-overbooked";
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
    assert.equal(await p.getAttribute('.card[data-scenario="healthcare/night-shift-opioid"]', "lang"), "en");
    assert.deepEqual(p.errors, []);
    await close(p);
  }
  // In English, a translated scenario offers its Spanish.
  const en = await page("");
  await screen(en, "catalog");
  assert.equal(await en.getAttribute("html", "lang"), "en");
  const also = await en.$(`.card[data-scenario="${SCENARIO}"] .also-in a[lang="es"]`);
  assert.ok(also, "a link to the Spanish");
  assert.equal(await en.$('.card[data-scenario="healthcare/night-shift-opioid"] .also-in'), null);
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
  const p = await page("?scenario=healthcare/night-shift-opioid&lang=es&render=text");
  await screen(p, "play");
  assert.equal(await p.textContent("#pause"), "Pausa");
  assert.equal(await p.getAttribute("#step-text", "lang"), "en");
  assert.equal(await p.getAttribute("#choices", "lang"), "en");
  assert.deepEqual(p.errors, []);
  await close(p);
});
