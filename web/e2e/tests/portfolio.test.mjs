// The student's side of career connections: a reflection after the debrief, kept
// with the run and sent to the LMS; the career profile across runs in this browser
// (clearable); and the portfolio page, printed to PDF by headless Chromium and read
// back. Screenshots of each screen at 1366×768 and on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { extractText, getDocumentProxy } from "unpdf";
import { launch, screen, close, nativeRuns, playByClicks, shot, BASE, axeViolations } from "../lib.mjs";

let browser;
let runs;
before(async () => { browser = await launch(); runs = nativeRuns(); });
after(async () => { await browser?.close(); });


/** Plays `run` to the debrief in `page` (same context keeps the profile). */
async function finish(page, run) {
  await page.goto(`${BASE}?scenario=${run.scenario}&render=text&clock=manual&seed=${run.transcript.seed}`);
  await screen(page, "play");
  await playByClicks(page, run.transcript.choices.map((c) => c.choice));
  await screen(page, "debrief");
}

test("reflect, see the profile, print the portfolio page to PDF, clear the profile", async () => {
  const frontDesk = runs.find((r) => r.scenario === "hospitality/front-desk-overbooked" && r.percent === 100);
  const dispatcher = runs.find((r) => r.scenario === "public-safety/dispatcher-smoke-call" && r.passed);
  for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const tag = viewport.width > 800 ? "desktop" : "phone";

    await finish(page, frontDesk);
    // Saving nothing says what to do.
    await page.click("#save-reflection");
    await page.waitForFunction(() => document.querySelector("#reflection-status").textContent !== "");
    assert.match(await page.textContent("#reflection-status"), /Answer at least one question/);
    await page.check("#interest-4");
    await page.fill("#surprised", "How much of the job is calming people down.");
    await page.selectOption("#skill", "Communication");
    await page.click("#save-reflection");
    await page.waitForFunction(() => document.querySelector("#reflection-status").textContent.startsWith("Saved"));
    assert.deepEqual(await axeViolations(page), [], `debrief with the reflection form (${tag})`);
    await shot(page, `reflection-${tag}`);
    await finish(page, dispatcher);
    await page.check("#interest-2");
    await page.click("#save-reflection");
    await page.waitForFunction(() => document.querySelector("#reflection-status").textContent.startsWith("Saved"));

    // The profile: two clusters, the interest given, the practices shown.
    await page.click("#profile-link");
    await screen(page, "profile");
    const clusters = await page.textContent("#profile-clusters");
    assert.match(clusters, /Hospitality, Events & Tourism/);
    assert.match(clusters, /Front desk agent/);
    assert.match(clusters, /Public Service & Safety/);
    assert.match(clusters, /4\.0/);
    assert.match(clusters, /2\.0/);
    assert.match(await page.textContent("#profile-practices"), /Communicate clearly, effectively and with reason \(2 runs\)/);
    assert.equal(await page.$$eval("#profile-runs li", (li) => li.length), 2);
    assert.equal(await page.$$eval("#profile-runs .check-confirmed", (s) => s.length), 2, "both runs re-scored to what they record");
    assert.deepEqual(await axeViolations(page), [], `profile (${tag})`);
    await shot(page, `profile-${tag}`);

    // The first run's portfolio page, then printed to PDF and read back.
    await page.click("#profile-runs li:first-child a");
    await screen(page, "portfolio");
    assert.match(await page.textContent("#portfolio h1"), /^Portfolio: Friday night, no rooms left$/);
    assert.match(await page.textContent("#portfolio-reflection"), /How much of the job is calming people down\./);
    assert.match(await page.textContent("#portfolio-check"), /^Checked: the choices kept with this run earn this score/);
    assert.deepEqual(await axeViolations(page), [], `portfolio (${tag})`);
    await shot(page, `portfolio-${tag}`);
    if (tag === "desktop") {
      const pdf = await page.pdf({ format: "Letter", printBackground: true });
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
      for (const expected of [
        "Portfolio: Friday night, no rooms left",
        "Career test-drive as a Front desk agent",
        "Score: 100% — Passed (pass mark 70%)",
        "Relocates the guest properly",
        "Exemplary — 3 of 3 points",
        "How much of the job is calming people down.",
        "4 of 5",
        "Communicate clearly, effectively and with reason",
      ]) {
        assert.ok(text.replace(/\s+/g, " ").includes(expected), `the PDF says "${expected}":\n${text}`);
      }
      assert.ok(!text.includes("Print or save as PDF"), "buttons are not printed");
      assert.ok(!text.includes("FirstShift player"), "no site chrome");
    }

    // Clearing the profile empties it, here and after a reload.
    await page.goto(`${BASE}?view=profile`);
    await screen(page, "profile");
    await page.click("#clear-profile");
    await page.waitForSelector("#profile-empty");
    await page.reload();
    await page.waitForSelector("#profile-empty");
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("a damaged profile or a missing run says what happened and never breaks the page", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE}?view=profile`);
  await page.evaluate(() => localStorage.setItem("firstshift.profile.v1", "{\"runs\": [1, 2"));
  await page.reload();
  await screen(page, "profile");
  assert.match(await page.textContent("#profile"), /could not be read/);
  await page.goto(`${BASE}?view=portfolio&run=42`);
  await screen(page, "errors");
  assert.match(await page.textContent("#errors"), /no longer has that run/);
  await context.close();
});

test("a profile edited in the browser shows the score its choices earn, and says so", async () => {
  const middling = runs.find((r) => r.scenario === "hospitality/front-desk-overbooked" && !r.passed);
  const context = await browser.newContext();
  const page = await context.newPage();
  await finish(page, middling);
  // Someone edits the kept record to a perfect, passing score.
  await page.evaluate(() => {
    const p = JSON.parse(localStorage.getItem("firstshift.profile.v1"));
    p.runs[0].percent = 100;
    p.runs[0].passed = true;
    for (const c of p.runs[0].criteria) c.points = c.max_points;
    localStorage.setItem("firstshift.profile.v1", JSON.stringify(p));
  });
  await page.goto(`${BASE}?view=portfolio&run=0`);
  await screen(page, "portfolio");
  assert.match(await page.textContent("#portfolio-score"), new RegExp(`^Score: ${middling.percent}% — Not passed yet`));
  assert.match(await page.textContent("#portfolio-check"), /had been changed since the run/);
  await page.goto(`${BASE}?view=profile`);
  await screen(page, "profile");
  assert.match(await page.textContent("#profile-runs"), new RegExp(`: ${middling.percent}% \\(corrected: the record had been changed\\)`));
  // A record kept without its choices cannot be checked, and says so.
  await page.evaluate(() => {
    const p = JSON.parse(localStorage.getItem("firstshift.profile.v1"));
    delete p.runs[0].transcript;
    localStorage.setItem("firstshift.profile.v1", JSON.stringify(p));
  });
  await page.goto(`${BASE}?view=portfolio&run=0`);
  await screen(page, "portfolio");
  assert.match(await page.textContent("#portfolio-check"), /^Not checked/);
  await context.close();
});
