// The bedside monitor of the healthcare scenarios: drawn on the canvas, and told in
// HTML (values, NEWS2, findings, alarms) for students who cannot see the canvas.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { PNG } from "pngjs";
import { launch, open, screen, shot, close, playByKeyboard } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Pixels close to the monitor's ECG green (0.35, 0.95, 0.45) in a PNG. */
function ecgGreenPixels(buffer) {
  const png = PNG.sync.read(buffer);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    if (g > 200 && r > 60 && r < 130 && b > 80 && b < 150) count += 1;
  }
  return count;
}

test("the opioid scenario shows the monitor on the canvas and in text, and announces its alarms", async () => {
  const page = await open(browser, "?scenario=healthcare/night-shift-opioid&clock=manual");
  await screen(page, "play");
  await page.waitForSelector("#choices button");
  // The monitor's text equivalent is there from the start: nothing measured yet.
  assert.ok(await page.isVisible("#bedside"), "the bedside panel is shown for a patient scenario");
  assert.equal(await page.textContent("#bedside-heading"), "Patient monitor");
  const canvas = await page.$("#bevy-canvas");
  assert.match(await canvas.getAttribute("aria-describedby"), /bedside/);

  await playByKeyboard(page, [{ Choose: "wake-him" }, { Choose: "check-spo2" }, { Choose: "attach-monitor" }]);
  // The findings of the last choice are listed, and the whole record grows.
  await page.waitForSelector("#latest-findings li");
  assert.ok((await page.$$("#findings-record li")).length >= 2, "every finding is kept in the record");
  // Attached: heart rate and saturation are live on the list.
  await page.waitForFunction(() => /Heart rate/.test(document.querySelector("#bedside-values").textContent));
  const values = await page.textContent("#bedside-values");
  assert.match(values, /SpO2|oxygen saturation/i);
  assert.match(await page.textContent("#bedside-news2"), /NEWS2/);
  // His breathing is slow and his saturation low: the monitor alarms, and the
  // alarm reaches screen readers through the assertive live region.
  await page.waitForFunction(() => document.querySelector("#alarm-announcer").textContent.trim() !== "", null, { timeout: 15_000 });
  assert.match(await page.textContent("#alarm-announcer"), /alarm|low|high/i);
  assert.equal(await page.getAttribute("#alarm-announcer", "aria-live"), "assertive");

  // The canvas draws the ECG trace in the monitor's green.
  let green = 0;
  for (let attempt = 0; attempt < 120 && green < 150; attempt++) green = ecgGreenPixels(await canvas.screenshot());
  assert.ok(green >= 150, `the canvas shows only ${green} ECG-green pixels`);
  await shot(page, "play-patient-monitor");

  // And the scenario still plays to its debrief.
  await playByKeyboard(page, [{ Choose: "act" }, { Choose: "oxygen" }, { Choose: "call-team" }, { Choose: "sbar-no-score" }, { Choose: "handover" }]);
  await screen(page, "debrief");
  assert.ok(await page.isHidden("#bedside"), "the monitor is put away on the debrief");
  assert.deepEqual(page.errors, []);
  await close(page);
});

test("a scenario without a patient shows no monitor", async () => {
  const page = await open(browser, "?scenario=hospitality/front-desk-overbooked");
  await screen(page, "play");
  await page.waitForSelector("#choices button");
  assert.ok(await page.isHidden("#bedside"));
  assert.equal(await (await page.$("#bevy-canvas")).getAttribute("aria-describedby"), "play-role status");
  await close(page);
});
