// `cargo xtask bench-web`: what a student's first choice costs, in headless
// Chromium, cold cache (a fresh browser context per load), median of 5 loads.
//
// For a branching, a patient and a line scenario, under three profiles (this
// machine unthrottled; a Chromebook-class 4× CPU slowdown; Lighthouse's mobile
// profile: 4× CPU, 1.6 Mbps down, 750 kbps up, 150 ms round trip), served with
// and without compression, it reports:
//   bytes   the bytes on the wire (Network.loadingFinished's encodedDataLength)
//           from navigation until the first choice button is visible;
//   first   navigation → the frame showing the first choice button painted,
//           measured in the page (watchFrames), not by polling from outside;
//   answer  click on that choice → the frame showing the next step painted.
// Then the whole player's size, per part. Goals (issue 16) are printed beside.
// Written to stdout and to <site>/bench-report.md.
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { launch } from "./lib.mjs";

const SITE = process.env.FIRSTSHIFT_SITE;
const SERVERS = [
  ["brotli", process.env.FIRSTSHIFT_URL],
  ["none", process.env.FIRSTSHIFT_PLAIN_URL],
];
const RUNS = Number(process.env.FIRSTSHIFT_BENCH_RUNS ?? 5);
const SCENARIOS = [
  ["branching", "hospitality/front-desk-overbooked"],
  ["patient", "healthcare/night-shift-opioid"],
  ["line", "manufacturing/supervisor-bottleneck"],
];
const PROFILES = [
  { name: "desktop", cpu: 1, network: null, goal: 400 },
  { name: "Chromebook (4× CPU)", cpu: 4, network: null, goal: 1000 },
  {
    name: "Lighthouse mobile (4× CPU, 1.6 Mbps, 150 ms)",
    cpu: 4,
    network: { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
    goal: 3500,
  },
];

/** Installed in the page before it loads: notes the moment the frame showing the
 * first choice button has been painted, and the same for the step after a click.
 * Measured in the page, so neither Playwright's polling of a locator nor a CDP
 * round trip is counted; each rAF's check costs only the style and layout that
 * frame does anyway. */
function watchFrames() {
  const painted = (shown) => new Promise((resolve) => {
    const frame = () => {
      if (!shown()) return requestAnimationFrame(frame);
      // rAF runs just before the frame's paint; a task posted from it runs after.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    };
    requestAnimationFrame(frame);
  });
  const visible = (selector) => document.querySelector(selector)?.checkVisibility() ?? false;
  window.__bench = {
    firstChoice: painted(() => visible("#choices button")),
    answered: () => painted(() => document.querySelector("#app")?.dataset.turn === "1" && visible("#step-heading")),
  };
}

async function load(browser, base, scenario, profile) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(watchFrames);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (profile.cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  if (profile.network) await cdp.send("Network.emulateNetworkConditions", profile.network);
  let bytes = 0;
  let counting = true;
  cdp.on("Network.loadingFinished", (e) => { if (counting) bytes += e.encodedDataLength; });
  await page.goto(`${base}?scenario=${scenario}`, { waitUntil: "commit" });
  const firstAt = await page.evaluate(() => window.__bench.firstChoice);
  counting = false;
  // Where the time went: the wasm's arrival and the player's own marks.
  const marks = await page.evaluate(() => {
    const out = Object.fromEntries(performance.getEntriesByType("mark")
      .filter((m) => m.name.startsWith("firstshift:")).map((m) => [m.name.slice(11), m.startTime]));
    const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
    if (wasm) out["wasm-arrived"] = wasm.responseEnd;
    return out;
  });
  const before = bytes;
  // The click as a student makes it, timed from the event to the painted answer.
  const answer = await page.evaluate(() => {
    const clicked = performance.now();
    const answered = window.__bench.answered();
    document.querySelector("#choices button").click();
    return answered.then((at) => at - clicked);
  });
  await context.close();
  return { bytes: before, first: firstAt, answer, marks };
}

const MARKS = ["boot", "wasm-arrived", "wasm-started", "app-built", "first-update", "scenario-loaded"];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => (n / 1000).toFixed(0) + " KB";
const mb = (n) => (n / 1e6).toFixed(2) + " MB";

const browser = await launch();
const rows = [];
// FIRSTSHIFT_BENCH_ONLY=desktop (a part of a profile's name) for a quick look.
const only = process.env.FIRSTSHIFT_BENCH_ONLY;
for (const profile of PROFILES.filter((p) => !only || p.name.includes(only))) {
  for (const [compression, base] of SERVERS) {
    for (const [kind, scenario] of SCENARIOS) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await load(browser, base, scenario, profile));
      const row = {
        profile: profile.name,
        compression,
        kind,
        bytes: median(runs.map((r) => r.bytes)),
        first: median(runs.map((r) => r.first)),
        answer: median(runs.map((r) => r.answer)),
        goal: profile.goal,
        marks: Object.fromEntries(MARKS.map((m) => [m, median(runs.map((r) => r.marks[m] ?? NaN))])),
      };
      rows.push(row);
      console.error(`bench: ${row.profile}, ${compression}, ${kind}: ${kb(row.bytes)}, first ${row.first.toFixed(0)} ms`);
    }
  }
}
await browser.close();

/** The site's files grouped by part: raw, gzip and brotli bytes of each. */
function parts() {
  const groups = new Map();
  const add = (part, kind, size) => {
    const g = groups.get(part) ?? { raw: 0, gz: 0, br: 0, files: 0 };
    g[kind] += size;
    if (kind === "raw") g.files += 1;
    groups.set(part, g);
  };
  const partOf = (path) => {
    if (path.endsWith(".wasm")) return "player code (wasm)";
    if (path.startsWith("docs/")) return "guides (docs/)";
    if (/\.[a-z]{2}\.ron$/.test(path)) return "scenario translations";
    if (path.startsWith("scenarios/")) return "scenarios and catalog";
    if (path.endsWith(".js")) return "scripts (JS glue, boot, embed, service worker)";
    return "page and styles (HTML, CSS, manifest)";
  };
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { walk(path); continue; }
      if (name.endsWith(".txt") || name.endsWith(".md")) continue;
      const size = statSync(path).size;
      const rel = relative(SITE, path);
      if (rel.endsWith(".gz")) add(partOf(rel.slice(0, -3)), "gz", size);
      else if (rel.endsWith(".br")) add(partOf(rel.slice(0, -3)), "br", size);
      else add(partOf(rel), "raw", size);
    }
  };
  walk(SITE);
  return groups;
}

const lines = [
  `# bench-web (median of ${RUNS} cold loads)`,
  "",
  "| profile | served | scenario | bytes before the first choice | first choice | its answer on screen | goal (first choice) |",
  "|---|---|---|---|---|---|---|",
  ...rows.map((r) =>
    `| ${r.profile} | ${r.compression} | ${r.kind} | ${kb(r.bytes)} | ${(r.first / 1000).toFixed(2)} s | ${r.answer.toFixed(0)} ms | ≤ ${(r.goal / 1000).toFixed(1)} s |`),
  "",
  "Goal: ≤ 450 KB before the first choice, brotli.",
  "",
  "Where the time goes (ms after navigation, brotli):",
  "",
  `| profile | scenario | ${MARKS.join(" | ")} | first choice |`,
  `|---|---|${MARKS.map(() => "---|").join("")}---|`,
  ...rows.filter((r) => r.compression === "brotli").map((r) =>
    `| ${r.profile} | ${r.kind} | ${MARKS.map((m) => r.marks[m].toFixed(0)).join(" | ")} | ${r.first.toFixed(0)} |`),
  "",
  "| part | files | raw | gzip | brotli |",
  "|---|---|---|---|---|",
];
let total = { raw: 0, gz: 0, br: 0, files: 0 };
for (const [part, g] of [...parts()].sort((a, b) => b[1].raw - a[1].raw)) {
  lines.push(`| ${part} | ${g.files} | ${mb(g.raw)} | ${mb(g.gz)} | ${mb(g.br)} |`);
  for (const k of Object.keys(total)) total[k] += g[k];
}
lines.push(`| whole player | ${total.files} | ${mb(total.raw)} | ${mb(total.gz)} | ${mb(total.br)} |`);
lines.push("", "Goal: the whole player ≤ 1.2 MB brotli and ≤ 4 MB uncompressed.");
const report = lines.join("\n");
console.log(report);
writeFileSync(join(SITE, "bench-report.md"), report + "\n");
