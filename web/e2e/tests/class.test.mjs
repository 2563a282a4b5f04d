// The class results page: a teacher drops run files (good, middling, harmful and
// broken), the page re-scores them in the browser and shows the aggregates the
// native `firstshift report` gives, with the CSV; screenshots at 1366×768 and phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, screen, nativeRuns, shot, BASE, axeViolations } from "../lib.mjs";

let browser;
let runs;
before(async () => { browser = await launch(); runs = nativeRuns(); });
after(async () => { await browser?.close(); });

const FRONT_DESK = "hospitality/front-desk-overbooked";

test("dropped run files give the class's levels, critical failures, choices and a CSV", async () => {
  const files = runs
    .filter((r) => r.scenario === FRONT_DESK)
    // The first file has a name a spreadsheet would run as a formula.
    .map((r, i) => ({ name: i === 0 ? "=HYPERLINK(1).json" : `student-${i}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(r.transcript)) }));
  assert.equal(files.length, 6);
  files.push({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a run") });
  files.push({ name: "elsewhere.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ ...runs[0].transcript, scenario: "../../etc/passwd" })) });
  // A real run whose clock claims u64::MAX seconds: once it froze the page for ever.
  const real = runs.find((r) => r.scenario === FRONT_DESK).transcript;
  files.push({ name: "forever.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(real).replace(/"clock":\d+/, '"clock":18446744073709551615')) });

  for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport, bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${BASE}?view=class`);
    await screen(page, "class");
    await page.setInputFiles("#class-files", files);
    await page.waitForSelector("#class-summary");
    assert.equal(await page.textContent("#class-summary"), "6 runs counted, 3 files not counted.");
    const part = `.class-scenario[data-scenario="${FRONT_DESK}"]`;
    assert.equal(await page.textContent(`${part} .class-line`), "6 runs, 6 finished, 2 passed; mean score 48%");
    assert.match(await page.textContent(`${part} tr[data-criterion="first-contact"]`), /Exemplary 3, Proficient 1, Developing 1, none 1/);
    assert.match(await page.textContent(`${part} .class-critical`), /The guest leaves with a confirmed place to sleep \(2 runs\)/);
    assert.match(await page.textContent(`${part} li[data-step="arrival"]`), /Stop typing, make eye contact and welcome her ×4/);
    const rejected = await page.textContent("#class-rejected");
    assert.match(rejected, /notes\.txt: not a FirstShift run file/);
    assert.match(rejected, /elsewhere\.json: a run of `\.\.\/\.\.\/etc\/passwd`, a scenario not found here/);
    assert.match(rejected, /forever\.json: does not fit `hospitality\/front-desk-overbooked`: the run claims a simulated time of 18446744073709551615 s.*altered or damaged/);
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, `class-results-${viewport.width > 800 ? "desktop" : "phone"}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#class-csv")]);
    assert.equal(download.suggestedFilename(), "firstshift-class-results.csv");
    const csv = readFileSync(await download.path(), "utf8");
    assert.equal(csv.split("\n").filter(Boolean).length, 1 + 6 * 4);
    assert.ok(csv.includes("\n'=HYPERLINK(1).json,"), "a formula-like file name is text in the CSV");
    assert.deepEqual(errors, []);
    await context.close();
  }
});
