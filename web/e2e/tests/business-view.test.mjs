// The small business of the management scenarios: drawn on the canvas (cash in the
// bank over the days, each product's shelf), and told in HTML (the business board,
// with every closed day in a data table) for students who cannot see the canvas.
// Played by keyboard only, and checked with axe while the board is full.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { PNG } from "pngjs";
import { launch, open, screen, shot, close, playByKeyboard, BASE, axeViolations } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Pixels within a small distance of an RGB colour (0-255) in a PNG. */
function pixelsNear(buffer, [r, g, b]) {
  const png = PNG.sync.read(buffer);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const d = Math.abs(png.data[i] - r) + Math.abs(png.data[i + 1] - g) + Math.abs(png.data[i + 2] - b);
    if (d < 40) count += 1;
  }
  return count;
}

// `sims/business/src/scene.rs`: the cash line and the stock bars.
const CASH_GREEN = [102, 204, 153];
const STOCK_BLUE = [120, 180, 245];

test("the food truck shows its cash and shelves on the canvas and the same figures in text", async () => {
  const page = await open(browser, "?scenario=management/food-truck-first-week&clock=manual&seed=0");
  await screen(page, "play");
  await page.waitForSelector("#choices button");
  assert.ok(await page.isVisible("#business-board"), "the board is shown for a business scenario");
  assert.equal(await page.textContent("#business-board-heading"), "Business board");
  const canvas = await page.$("#bevy-canvas");
  assert.equal(await canvas.getAttribute("aria-describedby"), "business-board");
  assert.equal((await page.$$("#business-products li")).length, 2, "one line per product");
  assert.ok(await page.isHidden("#business-days"), "no day has closed yet");

  await playByKeyboard(page, [{ Choose: "hire-marco" }]);
  // Monday has closed: the figures, the day's row in the table, the events.
  await page.waitForFunction(() => /Monday, after closing/.test(document.querySelector("#business-headline").textContent));
  const kpis = await page.$$eval("#business-kpis li", (items) => items.map((li) => li.dataset.kpi));
  for (const name of ["Day", "Cash", "Profit", "Takings", "Customers served", "Walked away", "Staff", "Loan"]) {
    assert.ok(kpis.includes(name), `${name} on the board: ${kpis}`);
  }
  assert.match(await page.textContent("#business-kpis [data-kpi=Staff]"), /2 of 3/);
  const rows = await page.$$eval("#business-days tbody tr", (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, 1);
  assert.equal(rows[0][0], "Monday");
  assert.match(rows[0][5], /^\$[\d,]+\.\d\d$/, "cash after the day, to the cent");
  assert.match(await page.textContent("#business-events"), /Monday closes: \d+ customers served/);
  assert.match(await page.textContent("#business-products [data-product=plates]"), /Taco plates: \$9\.00 each/);

  let green = 0, blue = 0;
  for (let attempt = 0; attempt < 120 && (green < 60 || blue < 200); attempt++) {
    const png = await canvas.screenshot();
    green = pixelsNear(png, CASH_GREEN);
    blue = pixelsNear(png, STOCK_BLUE);
  }
  assert.ok(green >= 60, `the canvas shows only ${green} cash-green pixels`);
  assert.ok(blue >= 200, `the canvas shows only ${blue} stock-blue pixels`);
  await shot(page, "play-business");

  // A refused decision says why; an order says when it arrives.
  await playByKeyboard(page, [{ Choose: "prep-for-rain" }]);
  assert.match(await page.textContent("#business-events"), /Ordered 85 taco plates for \$263\.50, paid now; they arrive when you open on Tuesday\./);
  assert.equal((await page.$$("#business-days tbody tr")).length, 2);

  await playByKeyboard(page, ["raise-aguas", "order-thursday", "borrow-for-rally", "repay-loan"].map((id) => ({ Choose: id })));
  await screen(page, "debrief");
  assert.equal(await page.getAttribute("#score", "data-percent"), "100");
  assert.ok(await page.isHidden("#business-board"), "the board is put away on the debrief");
  assert.deepEqual(page.errors, []);
  await close(page);
});

test("an overdraft ends the week, and a phone-sized screen shows the store's board and table", async () => {
  const page = await open(browser, "?scenario=management/food-truck-first-week&clock=manual&seed=0", { width: 360, height: 740 });
  await screen(page, "play");
  await playByKeyboard(page, ["work-alone", "prep-usual", "raise-plates", "order-thursday"].map((id) => ({ Choose: id })));
  await screen(page, "debrief");
  assert.match(await page.textContent("#app"), /Out of cash/);
  await close(page);

  const store = await open(browser, "?scenario=management/school-store-spirit-week&clock=manual&seed=0", { width: 360, height: 740 });
  await screen(store, "play");
  await playByKeyboard(store, ["raise-granola", "cups-40"].map((id) => ({ Choose: id })));
  await store.waitForFunction(() => document.querySelectorAll("#business-days tbody tr").length === 2);
  const width = await store.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no sideways scroll at 360 px (page is ${width} px wide)`);
  await shot(store, "play-business-phone");
  await close(store);
});

for (const viewport of [{ width: 1366, height: 768 }, { width: 360, height: 740 }]) {
  test(`the business board and its table pass WCAG 2.1 AA checks at ${viewport.width}px`, async () => {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(BASE + "?scenario=management/school-store-spirit-week&clock=manual&seed=0");
    await screen(page, "play");
    await playByKeyboard(page, ["raise-granola", "cups-40", "cups-20"].map((id) => ({ Choose: id })));
    await page.waitForFunction(() => document.querySelectorAll("#business-days tbody tr").length === 3);
    assert.deepEqual(await axeViolations(page), [], "play, with the board and three days");
    await close(page);
  });
}
