import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { launch, open, screen, shot, close, ROOT } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function builtinIds() {
  const ids = [];
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { if (name !== "_invalid") walk(path, rel ? `${rel}/${name}` : name); }
      // Not playthroughs (`x.plays.ron`) or translations (`x.es.ron`): scenarios.
      else if (/^[a-z0-9_-]+\.ron$/.test(name)) ids.push(`${rel}/${name.slice(0, -4)}`);
    }
  };
  walk(join(ROOT, "scenarios"), "");
  return ids.sort();
}

test("the catalog lists every built-in scenario, grouped by cluster", async () => {
  const page = await open(browser);
  await screen(page, "catalog");
  const listed = await page.$$eval("[data-scenario]", (cards) => cards.map((c) => c.dataset.scenario).sort());
  assert.deepEqual(listed, builtinIds());
  const clusters = await page.$$eval(".cluster h2", (hs) => hs.map((h) => h.textContent));
  assert.ok(clusters.includes("Hospitality, Events & Tourism"));
  assert.ok(clusters.includes("Public Service & Safety"));
  const card = await page.textContent('[data-scenario="hospitality/front-desk-overbooked"]');
  assert.match(card, /Front desk agent/);
  assert.match(card, /12 min · Introductory/);
  await shot(page, "catalog-1366");
  assert.deepEqual(page.errors, []);
  await close(page);
});

test("the catalog reads on a 360-pixel phone", async () => {
  const page = await open(browser, "", { width: 360, height: 740 });
  await screen(page, "catalog");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await shot(page, "catalog-360");
  await close(page);
});

test("a deep link opens a scenario directly, and an unknown one says so", async () => {
  const page = await open(browser, "?scenario=public-safety/dispatcher-smoke-call");
  await screen(page, "play");
  assert.equal(await page.textContent("#play-title"), "Smoke on the third floor");
  await close(page);
  const missing = await open(browser, "?scenario=nope/nothing");
  await screen(missing, "errors");
  assert.match(await missing.textContent("#errors"), /no built-in scenario with this id/);
  await close(missing);
});
