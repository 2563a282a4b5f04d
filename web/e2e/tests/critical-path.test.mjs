// What a student's browser fetches before the first choice: the page, its style,
// its two scripts, the player's wasm and the scenario's compiled form. The
// teacher's checker (the RON reader and the validator) comes only when a teacher
// opens a file of their own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, close } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A file's name without its content hash (`firstshift_web.0123456789abcdef.js`
 * is the player's glue, whatever build wrote it). */
const plain = (path) => path.replace(/\.[0-9a-f]{16}\./, ".");

/** Opens `query` and records every path the page requests until `ready` holds
 * (plain names, with the wasm's headers and the console's warnings on `paths`). */
async function requested(query, ready) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const paths = [];
  paths.warnings = [];
  page.on("console", (m) => { if (m.type() === "warning") paths.warnings.push(m.text()); });
  page.on("request", (r) => paths.push(plain(new URL(r.url()).pathname.replace(/^\//, ""))));
  page.on("response", (r) => {
    const name = plain(new URL(r.url()).pathname);
    if (name.endsWith("firstshift_web_bg.wasm")) {
      paths.wasmType = r.headers()["content-type"];
      paths.wasmCache = r.headers()["cache-control"];
      paths.wasmHashed = name !== new URL(r.url()).pathname;
    }
    if (name === "/") paths.pageCache = r.headers()["cache-control"];
  });
  await page.goto(BASE + query);
  await ready(page);
  await close(page);
  return paths;
}

test("a student's first choice needs six files, and no checker or RON", async () => {
  const paths = await requested("?scenario=healthcare/night-shift-opioid", (p) =>
    p.locator("#choices button").first().waitFor({ state: "visible" }));
  assert.deepEqual(
    paths.filter((p) => p !== "").sort(),
    [
      "boot.js",
      "firstshift_web.js",
      "firstshift_web_bg.wasm",
      "scenarios/healthcare/night-shift-opioid.scenario.json",
      "style.css",
    ],
    `requested: ${paths.join(", ")}`,
  );
  // Preloaded once, not fetched again by the glue; compiled while it downloads
  // (wasm-bindgen falls back to a slower path, with a warning, without this type).
  assert.equal(paths.filter((p) => p === "firstshift_web_bg.wasm").length, 1, "the wasm is fetched once");
  assert.equal(paths.wasmType, "application/wasm");
  // Its name carries its content hash, so a browser keeps it until a build changes
  // it; the page is always revalidated, so a new build is seen at once.
  assert.ok(paths.wasmHashed, "the wasm's name carries its content hash");
  assert.equal(paths.wasmCache, "public, max-age=31536000, immutable");
  assert.equal(paths.pageCache, "no-cache");
  assert.deepEqual(paths.warnings.filter((w) => /instantiateStreaming|preload/i.test(w)), []);
});

test("in Spanish the student gets the compiled translation, not the English and a translation file", async () => {
  const paths = await requested("?scenario=hospitality/front-desk-overbooked&lang=es", (p) =>
    p.locator("#choices button").first().waitFor({ state: "visible" }));
  const scenarios = paths.filter((p) => p.startsWith("scenarios/"));
  assert.deepEqual(scenarios, ["scenarios/hospitality/front-desk-overbooked.es.scenario.json"]);
});

test("a teacher's file brings the checker, once", async () => {
  const paths = await requested("?src=scenarios/hospitality/front-desk-overbooked.ron", (p) =>
    p.locator("#choices button").first().waitFor({ state: "visible" }));
  assert.ok(paths.includes("firstshift_checker.js"), `requested: ${paths.join(", ")}`);
  assert.equal(paths.filter((p) => p === "firstshift_checker_bg.wasm").length, 1);
});

test("the first step is on screen before the engine is built, and a choice made then is answered", async () => {
  const context = await browser.newContext({ serviceWorkers: "block" });
  // In the page before it loads: at the first frame that shows a choice, note
  // whether the app was built yet, and click it. Animation-frame callbacks run in
  // the order they were asked for, so this one runs before the player's own
  // wait for that frame's paint, after which it builds the app.
  await context.addInitScript(() => {
    window.__early = new Promise((resolve) => {
      const frame = () => {
        const button = document.querySelector("#choices button");
        if (!button?.checkVisibility()) return requestAnimationFrame(frame);
        const built = performance.getEntriesByName("firstshift:app-built").length > 0;
        button.click();
        resolve({ built });
      };
      requestAnimationFrame(frame);
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(BASE + "?scenario=hospitality/front-desk-overbooked&clock=manual&seed=1");
  const early = await page.evaluate(() => window.__early);
  assert.equal(early.built, false, "the first choice showed before the app was built");
  await page.waitForSelector('#app[data-turn="1"]');
  const made = await page.evaluate(() => performance.getEntriesByName("firstshift:app-built").length);
  assert.equal(made, 1, "the app was built once");
  assert.deepEqual(errors, []);
  await close(page);
});
