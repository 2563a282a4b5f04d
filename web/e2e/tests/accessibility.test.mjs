// Every screen checked with axe-core against WCAG 2.1 A and AA rules (contrast,
// names, roles, headings, landmarks), at desktop and phone widths.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, screen, close, playByKeyboard, BASE, ROOT, axeViolations } from "../lib.mjs";
import { join } from "node:path";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function page(query, viewport) {
  // axe is injected as a script, which the player's CSP would block.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const p = await context.newPage();
  await p.goto(BASE + query);
  return p;
}


for (const viewport of [{ width: 1366, height: 768 }, { width: 360, height: 740 }]) {
  test(`every screen passes WCAG 2.1 AA checks at ${viewport.width}px`, async () => {
    const catalog = await page("", viewport);
    await screen(catalog, "catalog");
    assert.deepEqual(await axeViolations(catalog), [], "catalog");
    await catalog.setInputFiles("#file-input", {
      name: "broken.ron", mimeType: "text/plain",
      buffer: readFileSync(join(ROOT, "scenarios/_invalid/unknown-field.ron")),
    });
    await screen(catalog, "errors");
    assert.deepEqual(await axeViolations(catalog), [], "error panel");
    await close(catalog);

    const play = await page("?scenario=hospitality/front-desk-overbooked&clock=manual", viewport);
    await screen(play, "play");
    await play.waitForSelector("#choices button");
    assert.deepEqual(await axeViolations(play), [], "play");
    await playByKeyboard(play, [{ Choose: "greet-warmly" }]);
    await play.reload();
    await screen(play, "resume");
    assert.deepEqual(await axeViolations(play), [], "resume prompt");
    await play.click("#continue");
    await screen(play, "play");
    await playByKeyboard(play, ["check-system", "explain-apologise", "arrange-walk", "walk-partial", "skip-log"].map((id) => ({ Choose: id })));
    await screen(play, "debrief");
    assert.deepEqual(await axeViolations(play), [], "debrief");
    await close(play);
  });
}

test("the authoring guide opens from the catalog, its links work, and it passes WCAG 2.1 AA checks", async () => {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 360, height: 740 }]) {
    const catalog = await page("", viewport);
    await screen(catalog, "catalog");
    await catalog.click("#guide-link");
    await catalog.waitForSelector("h1");
    assert.equal(await catalog.textContent("h1"), "Writing a FirstShift scenario");
    assert.match(catalog.url(), /\/docs\/authoring\.html$/);
    // The reference's anchors exist, and a link to another guide opens its page.
    await catalog.click('a[href="#part-2-reference"]');
    assert.ok(await catalog.$("#part-2-reference"));
    assert.equal(await catalog.$$eval("pre", (pres) => pres.length >= 10), true, "the examples are shown");
    assert.equal(await catalog.$("text=<!-- check"), null);
    assert.deepEqual(await axeViolations(catalog), [], `guide at ${viewport.width}px`);
    await catalog.click('a[href="diagnostics.html"]');
    await catalog.waitForSelector("#fs0301-unknown-step");
    await close(catalog);
  }
});
