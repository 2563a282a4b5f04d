// Shared helpers for the browser tests: launch Debian's chromium through
// playwright-core, open the player, wait on page state (never on sleeps).
import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export const BASE = process.env.FIRSTSHIFT_URL ?? "http://127.0.0.1:8080/";
export const ROOT = process.env.FIRSTSHIFT_ROOT ?? join(import.meta.dirname, "..", "..");
export const SHOTS = join(ROOT, "target", "screenshots");
mkdirSync(SHOTS, { recursive: true });

const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--disable-quic",
  "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Launches chromium; `extraArgs` e.g. ["--disable-3d-apis"] to take WebGL away. */
export async function launch(extraArgs = []) {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: [...FLAGS, ...extraArgs] });
}

/** Closes a page's context: idle Bevy pages keep rendering (in software), which
 * would slow every later test. */
export async function close(...pages) {
  for (const page of pages) await page.context().close();
}

/** Number of distinct colours in a PNG (coarsely quantised): a blank canvas shows
 * one, a drawn scene many. */
export function colourCount(buffer) {
  const png = PNG.sync.read(buffer);
  const seen = new Set();
  for (let i = 0; i < png.data.length; i += 4) {
    seen.add(((png.data[i] >> 4) << 8) | ((png.data[i + 1] >> 4) << 4) | (png.data[i + 2] >> 4));
  }
  return seen.size;
}

/** A new page that records console errors and uncaught exceptions. The service
 * worker is blocked (each test then sees the network it sets up, and no test pays
 * for the worker's background download) unless `serviceWorkers: "allow"`.
 * `bypassCSP: true` lets a test inject axe (`axeViolations`). */
export async function open(browser, query = "", viewport = { width: 1366, height: 768 }, { serviceWorkers = "block", bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport, serviceWorkers, bypassCSP });
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(BASE + query);
  return page;
}

export async function screen(page, name, timeout = 30_000) {
  await page.waitForSelector(`#app[data-screen="${name}"]`, { timeout });
}

/** The playthroughs with the scores the native code computes for them. */
export function nativeRuns() {
  const out = execFileSync("cargo", ["run", "--quiet", "-p", "firstshift-cli", "--", "test", "--format", "json", "scenarios"], {
    cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 << 20,
  });
  return JSON.parse(out);
}

/** Plays `actions` with the keyboard only: number keys for choices. */
export async function playByKeyboard(page, actions) {
  let turn = Number(await page.getAttribute("#app", "data-turn") ?? 0);
  for (const action of actions) {
    if (action.Wait !== undefined) {
      const before = Number(await page.getAttribute("#app", "data-clock") ?? 0);
      await page.evaluate((n) => window.firstshift.waitSeconds(n), action.Wait);
      await page.waitForFunction((t) => Number(document.querySelector("#app").dataset.clock) >= t, before + action.Wait);
      continue;
    }
    const ids = await page.$$eval("#choices button", (bs) => bs.map((b) => b.dataset.choice));
    const index = ids.indexOf(action.Choose);
    if (index < 0) throw new Error(`choice ${action.Choose} is not on offer; offered: ${ids.join(", ")}`);
    if (index > 8) throw new Error("only the first nine choices have number keys");
    await page.keyboard.press(String(index + 1));
    turn += 1;
    await page.waitForFunction(
      (t) => document.querySelector("#app").dataset.turn === String(t) || document.querySelector("#app").dataset.screen === "debrief",
      turn,
    );
  }
}

/** Clicks choices in a page or frame (an embedded player, which has no keyboard
 * of its own), waiting for each to be taken. */
export async function playByClicks(frame, ids) {
  for (const id of ids) {
    const turn = Number(await frame.getAttribute("#app", "data-turn"));
    await frame.click(`#choices button[data-choice="${id}"]`);
    await frame.waitForFunction(
      (t) => document.querySelector("#app").dataset.turn === String(t + 1) || document.querySelector("#app").dataset.screen === "debrief",
      turn,
    );
  }
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.1 A and AA violations axe-core finds on the page (the canvas's pixels are
 * out of scope: it has a text equivalent). The page's context needs `bypassCSP`,
 * because axe is injected as a script. */
export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    window.axe.run({ exclude: [["#bevy-canvas"]] }, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}
