import { launch } from "./lib.mjs";
const base = process.argv[2];
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
const events = [];
cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
const done = new Promise((r) => cdp.on("Tracing.tracingComplete", r));
await cdp.send("Tracing.start", { categories: "devtools.timeline,v8,blink.user_timing,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
await page.goto(`${base}?scenario=healthcare/night-shift-opioid`);
await page.locator("#choices button").first().waitFor();
await page.waitForTimeout(300);
await cdp.send("Tracing.end");
await done;
const nav = events.find((e) => e.name === "navigationStart" || e.name === "NavigationStart" ) ?? events.find(e=>e.name==="firstshift:boot");
const marks = events.filter((e) => e.name.startsWith("firstshift:") && e.ph !== "e");
const t0 = Math.min(...events.filter(e=>e.name==="navigationStart").map(e=>e.ts));
console.log("marks", marks.map((m) => [m.name, Math.round((m.ts - t0) / 1000)]));
// main-thread top-level tasks (RunTask) with their biggest children
const main = events.filter((e) => e.name === "RunTask" && e.ph === "X" && e.dur > 3000);
const pid = marks[0]?.pid, tid = marks[0]?.tid;
for (const t of main.filter((e) => e.tid === tid && e.pid === pid).sort((a,b)=>a.ts-b.ts)) {
  const start = (t.ts - t0) / 1000, end = start + t.dur / 1000;
  if (end < 200 || start > 1100) continue;
  const kids = events.filter((e) => e.tid === tid && e.pid === pid && e.ph === "X" && e.ts >= t.ts && e.ts < t.ts + t.dur && e !== t && e.dur > 2000 && e.name !== "RunTask");
  const top = kids.sort((a, b) => b.dur - a.dur).slice(0, 5).map((k) => `${k.name}${k.args?.data?.url ? "(" + k.args.data.url.split("/").pop() + ")" : ""}${k.args?.data?.functionName ? "(" + k.args.data.functionName + ")" : ""}:${(k.dur / 1000).toFixed(0)}`);
  console.log(`${start.toFixed(0)}-${end.toFixed(0)} (${(t.dur / 1000).toFixed(0)} ms) ${top.join(", ")}`);
}
await browser.close();
