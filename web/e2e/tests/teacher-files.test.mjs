import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, open, screen, shot, close, ROOT } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function pick(page, name, text) {
  await page.setInputFiles("#file-input", { name, mimeType: "text/plain", buffer: Buffer.from(text) });
}

test("a broken file shows every problem with its line, column and source line", async () => {
  const page = await open(browser);
  await screen(page, "catalog");
  await pick(page, "many-errors.ron", readFileSync(join(ROOT, "scenarios/_invalid/many-errors.ron"), "utf8"));
  await screen(page, "errors");
  const items = await page.$$eval(".diagnostic", (ds) => ds.map((d) => ({ code: d.dataset.code, text: d.textContent })));
  assert.equal(items.length, 5);
  assert.equal(items[0].code, "FS0202");
  assert.match(items[0].text, /line 6, column 14/);
  assert.match(items[0].text, /cluster: IT,/, "the source line is shown");
  assert.match(items[0].text, /How to fix: did you mean `DigitalTechnology`\?/);
  assert.match(await page.textContent("#errors h1"), /many-errors\.ron has 5 problems/);
  await shot(page, "errors");
  // Keyboard users land on the heading.
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H1");
  await close(page);
});

test("a file dropped on the drop zone opens like a picked one", async () => {
  const page = await open(browser);
  await screen(page, "catalog");
  const text = readFileSync(join(ROOT, "scenarios/_invalid/unknown-next.ron"), "utf8");
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "dropped.ron", { type: "text/plain" }));
    document.getElementById("drop-zone").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, text);
  await screen(page, "errors");
  assert.match(await page.textContent("#errors h1"), /dropped\.ron has 1 problem to fix/);
  assert.equal(await page.getAttribute(".diagnostic", "data-code"), "FS0301");
  await close(page);
});

test("scenario text that looks like HTML is shown as text, never run", async () => {
  const good = readFileSync(join(ROOT, "scenarios/hospitality/front-desk-overbooked.ron"), "utf8");
  const evil = '<img src=x onerror=\\"window.__xss=1\\"><script>window.__xss=2</script>';
  const text = good
    .replace('title: "Friday night, no rooms left"', `title: "Night ${evil}"`)
    .replace("It is 10:40 pm.", `It is 10:40 pm. ${evil}`)
    .replace('label: "Stop typing, make eye contact and welcome her"', `label: "Welcome ${evil}"`);
  const page = await open(browser);
  await screen(page, "catalog");
  await pick(page, "evil.ron", text);
  await screen(page, "play");
  await page.waitForSelector("#choices button");
  assert.match(await page.textContent("#step-text"), /<img src=x onerror="window.__xss=1">/);
  assert.match(await page.textContent("#choices"), /<script>window.__xss=2<\/script>/);
  assert.match(await page.textContent("#play-title"), /Night <img/);
  assert.equal(await page.$$eval("#app img, #app script", (n) => n.length), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await close(page);
});

test("?src= opens a file on the same site, and refuses any other address", async () => {
  const page = await open(browser, "?src=scenarios/hospitality/front-desk-overbooked.ron");
  await screen(page, "play");
  await close(page);
  const away = await open(browser, "?src=https://example.com/x.ron");
  await screen(away, "errors");
  assert.match(await away.textContent("#errors"), /must be a path on this site/);
  await close(away);
  // The browser's URL parser reads `\` as `/` and `%2e%2e` as `..`: each is refused
  // before anything is fetched.
  for (const hostile of ["scenarios%5C..%5C..%5Csecret.ron", "%252e%252e/secret.ron", "..%2F..%2Fsecret.ron", "scenarios/x.json"]) {
    const page = await open(browser, `?src=${hostile}`);
    const asked = [];
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await screen(page, "errors");
    assert.match(await page.textContent("#errors"), /must be a path on this site/, hostile);
    assert.ok(!asked.some((p) => p.includes("secret")), `${hostile}: ${asked.join()}`);
    await close(page);
  }
  const badId = await open(browser, "?scenario=hospitality%5C..%5Cfront-desk-overbooked");
  await screen(badId, "errors");
  assert.match(await badId.textContent("#errors"), /no built-in scenario with this id/);
  await close(badId);
  const missing = await open(browser, "?src=scenarios/nowhere.ron");
  await screen(missing, "errors");
  assert.match(await missing.textContent("#errors"), /could not be loaded/);
  await close(missing);
});
