import { launch } from "./lib.mjs";
const base = process.argv[2];
const browser = await launch();
for (let i = 0; i < 3; i++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(`${base}?scenario=healthcare/night-shift-opioid`);
  await page.locator("#choices button").first().waitFor();
  const t = await page.evaluate(() => {
    const r = Object.fromEntries(performance.getEntriesByType("resource").map((e) => [e.name.split("/").pop(), [Math.round(e.startTime), Math.round(e.responseEnd)]]));
    const m = Object.fromEntries(performance.getEntriesByType("mark").map((e) => [e.name, Math.round(e.startTime)]));
    const nav = performance.getEntriesByType("navigation")[0];
    const paint = Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, Math.round(e.startTime)]));
    return { r, m, paint, dcl: Math.round(nav.domContentLoadedEventEnd), resp: Math.round(nav.responseEnd) };
  });
  console.log(JSON.stringify(t));
  await context.close();
}
await browser.close();
