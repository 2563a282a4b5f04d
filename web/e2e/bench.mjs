// `cargo xtask bench-web`: the player's size and its startup time in headless
// Chromium (median of 5 fresh page loads, navigation → first clickable choice).
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./lib.mjs";

const BASE = process.env.FIRSTSHIFT_URL;
const SITE = process.env.FIRSTSHIFT_SITE;
const RUNS = 5;

function sizes() {
  let raw = 0, gz = 0, br = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { walk(path); continue; }
      if (name.endsWith(".txt")) continue;
      const size = statSync(path).size;
      if (name.endsWith(".gz")) gz += size; else if (name.endsWith(".br")) br += size; else raw += size;
    }
  };
  walk(SITE);
  const wasm = (ext) => statSync(join(SITE, "firstshift_web_bg.wasm" + ext)).size;
  return { wasmRaw: wasm(""), wasmGz: wasm(".gz"), wasmBr: wasm(".br"), siteRaw: raw, siteGz: gz, siteBr: br };
}

const times = [];
const browser = await launch();
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(BASE + "?scenario=hospitality/front-desk-overbooked");
  await page.waitForSelector("#choices button", { state: "visible", timeout: 60_000 });
  times.push(await page.evaluate(() => performance.now()));
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const s = sizes();
const mb = (n) => (n / 1e6).toFixed(2) + " MB";
const report = [
  `wasm: ${mb(s.wasmRaw)} raw, ${mb(s.wasmGz)} gzip, ${mb(s.wasmBr)} brotli (goal: ≤ 3.5 MB gzip)`,
  `site: ${mb(s.siteRaw)} raw, ${mb(s.siteGz)} gzip, ${mb(s.siteBr)} brotli`,
  `navigation → first clickable choice: median ${median.toFixed(0)} ms over ${RUNS} runs [${times.map((t) => t.toFixed(0)).join(", ")}] (goal: ≤ 1000 ms)`,
].join("\n");
console.log(report);
writeFileSync(join(SITE, "bench-report.txt"), report + "\n");
