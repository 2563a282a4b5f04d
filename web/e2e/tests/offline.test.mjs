// Offline play: after one visit the service worker keeps the player and every
// built-in scenario, so a second visit plays with the network off (a classroom
// with no Wi-Fi, the next student on a shared cart).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, open, screen, close } from "../lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a second visit with the network off shows the catalog and plays every built-in scenario", async () => {
  const page = await open(browser, "", { width: 1366, height: 768 }, { serviceWorkers: "allow" });
  await screen(page, "catalog");
  // The worker installs in the background once the player runs; wait until it
  // controls the page (its cache is then complete: `install` fills it first).
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
  const ids = (await (await fetch(new URL("scenarios/index.json", BASE))).json()).scenarios.map((s) => s.id);
  assert.ok(ids.length >= 12, `the catalog lists ${ids.length} scenarios`);

  const context = page.context();
  await context.setOffline(true);
  const offline = await context.newPage();
  offline.errors = [];
  offline.on("pageerror", (e) => offline.errors.push(String(e)));
  await offline.goto(BASE);
  await screen(offline, "catalog");
  assert.equal(await offline.locator("li.card[data-scenario]").count(), ids.length, "every scenario is listed offline");
  for (const id of ids) {
    await offline.goto(`${BASE}?scenario=${id}`);
    await screen(offline, "play");
    await offline.locator("#choices button").first().waitFor({ state: "visible" });
    await offline.locator("#choices button").first().click();
    await offline.waitForSelector('#app[data-turn="1"]');
  }
  // The Spanish translations are kept too. (The runs above are saved: start afresh,
  // or the player offers to continue the one begun there.)
  await offline.evaluate(() => localStorage.clear());
  await offline.goto(`${BASE}?scenario=hospitality/front-desk-overbooked&lang=es`);
  await screen(offline, "play");
  assert.match(await offline.textContent("#step-heading"), /Paso 1/);
  assert.deepEqual(offline.errors, []);
  await close(page);
});
