// The iframe embedding protocol: host page and player on two different loopback
// ports (two origins). The host gets ready, step, choice, resize and complete (with
// the score), can restart the player, and a message from a third origin is ignored.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { launch, close, shot, nativeRuns, playByClicks, BASE } from "../lib.mjs";

let browser;
let runs;
const servers = [];
before(async () => { browser = await launch(); runs = nativeRuns(); });
after(async () => { await browser?.close(); for (const s of servers) s.close(); });

/** A page on its own loopback port; `html(port)` writes it. */
function servePage(html) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(html(server.address().port));
    });
    servers.push(server);
    server.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });
}

const SCENARIO = "hospitality/front-desk-overbooked";


test("a host on another origin receives the events and the score, and nobody else can drive the player", async () => {
  const run = runs.find((r) => r.scenario === SCENARIO && r.passed);
  const third = await servePage(() => `<!doctype html><html lang="en"><title>Third</title><script>
    window.attack = () => parent.frames[0].postMessage({ protocol: "firstshift", version: 1, type: "restart" }, "*");
  </script></html>`);
  const host = await servePage((port) => `<!doctype html><html lang="en"><head><title>Host</title>
    <script src="${BASE}embed.js"></script></head><body>
    <iframe id="fs" title="FirstShift" style="width:1200px;height:300px"
      src="${BASE}?scenario=${SCENARIO}&clock=manual&seed=${run.transcript.seed}&parent_origin=http://127.0.0.1:${port}"></iframe>
    <iframe id="third" title="Another site" src="http://127.0.0.1:${third}/"></iframe>
    <script>
      window.events = [];
      window.player = FirstShift.embed(document.getElementById("fs"), { onEvent: (m) => window.events.push(m) });
    </script></body></html>`);
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(`http://127.0.0.1:${host}/`);
  assert.equal(response.status(), 200);
  const frame = await (await page.waitForSelector("#fs")).contentFrame();
  await frame.waitForSelector('#app[data-screen="play"]');
  await page.waitForFunction(() => window.events.some((m) => m.type === "ready"));
  const types = () => page.evaluate(() => window.events.map((m) => m.type));
  assert.ok((await types()).includes("step"), "the first step is announced");
  await page.waitForFunction(() => window.events.some((m) => m.type === "resize"));
  assert.notEqual(await page.$eval("#fs", (f) => f.style.height), "300px", "the host sized the frame to the player");
  assert.ok(await frame.isVisible("#open-in-tab"), "an embedded player offers a new tab");
  assert.doesNotMatch(await frame.getAttribute("#open-in-tab", "href"), /parent_origin/);
  await shot(page, "embedded-in-host");

  const choices = run.transcript.choices.map((c) => c.choice);
  await playByClicks(frame, choices.slice(0, 2));
  // A third origin tries to restart the player: ignored.
  await (await (await page.waitForSelector("#third")).contentFrame()).evaluate(() => window.attack());
  await playByClicks(frame, choices.slice(2, 3));
  assert.equal(await frame.getAttribute("#app", "data-turn"), "3", "the run was not restarted");

  const choiceEvents = await page.evaluate(() => window.events.filter((m) => m.type === "choice"));
  assert.deepEqual(choiceEvents.map((m) => m.choice), choices.slice(0, 3));
  assert.ok(choiceEvents.every((m) => m.label && m.step && typeof m.at === "number" && m.protocol === "firstshift" && m.version === 1));

  await playByClicks(frame, choices.slice(3));
  await frame.waitForSelector('#app[data-screen="debrief"]');
  await page.waitForFunction(() => window.events.some((m) => m.type === "complete"));
  const complete = await page.evaluate(() => window.events.find((m) => m.type === "complete"));
  assert.equal(complete.report.percent, run.percent);
  assert.equal(complete.report.passed, run.passed);
  assert.ok(complete.report.criteria.length > 0);
  assert.deepEqual(complete.transcript.choices.map((c) => c.choice), choices);

  // The host (the parent's origin) may restart it.
  await page.evaluate(() => window.player.restart());
  await frame.waitForSelector('#app[data-screen="play"]');
  await frame.waitForFunction(() => document.querySelector("#app").dataset.turn === "0");
  await close(page);
});

test("without parent_origin a framed player posts nothing, and the server says who may frame it", async () => {
  const host = await servePage(() => `<!doctype html><html lang="en"><title>Host</title><body>
    <iframe id="fs" title="FirstShift" src="${BASE}?scenario=${SCENARIO}"></iframe>
    <script>window.events = []; window.addEventListener("message", (e) => window.events.push(e.data));</script></body></html>`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${host}/`);
  const frame = await (await page.waitForSelector("#fs")).contentFrame();
  await frame.waitForSelector('#app[data-screen="play"]');
  await frame.click("#choices button");
  await frame.waitForFunction(() => document.querySelector("#app").dataset.turn === "1");
  assert.deepEqual(await page.evaluate(() => window.events), []);
  const res = await page.request.get(BASE);
  assert.match(res.headers()["content-security-policy"], /^frame-ancestors 'self' /);
  await close(page);
});

test("a resumed run tells the host only of the choices made after it resumed", async () => {
  const run = runs.find((r) => r.scenario === SCENARIO && r.passed);
  const choices = run.transcript.choices.map((c) => c.choice);
  const host = await servePage((port) => `<!doctype html><html lang="en"><head><title>Host</title>
    <script src="${BASE}embed.js"></script></head><body>
    <iframe id="fs" title="FirstShift" style="width:1200px;height:600px"
      src="${BASE}?scenario=${SCENARIO}&clock=manual&seed=0&parent_origin=http://127.0.0.1:${port}"></iframe>
    <script>
      window.events = [];
      FirstShift.embed(document.getElementById("fs"), { onEvent: (m) => window.events.push(m) });
    </script></body></html>`);
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${host}/`);
  let frame = await (await page.waitForSelector("#fs")).contentFrame();
  await frame.waitForSelector('#app[data-screen="play"]');
  await playByClicks(frame, choices.slice(0, 2));
  // The student reloads; the host page stays, the player offers to continue.
  await page.evaluate(() => { window.events = []; document.getElementById("fs").src += ""; });
  frame = await (await page.waitForSelector("#fs")).contentFrame();
  await frame.waitForSelector('#app[data-screen="resume"]');
  await frame.click("#continue");
  await frame.waitForFunction(() => document.querySelector("#app").dataset.turn === "2");
  await playByClicks(frame, choices.slice(2, 3));
  const told = await page.evaluate(() => window.events.filter((m) => m.type === "choice").map((m) => m.choice));
  assert.deepEqual(told, choices.slice(2, 3), "the two earlier choices were told before the reload, not again");
  await close(page);
});

test("malformed messages from the parent itself are ignored without an error", async () => {
  const run = runs.find((r) => r.scenario === SCENARIO && r.passed);
  const choices = run.transcript.choices.map((c) => c.choice);
  const host = await servePage((port) => `<!doctype html><html lang="en"><head><title>Host</title></head><body>
    <iframe id="fs" title="FirstShift" style="width:1200px;height:600px"
      src="${BASE}?scenario=${SCENARIO}&clock=manual&seed=0&parent_origin=http://127.0.0.1:${port}"></iframe>
    <script>
      window.events = [];
      window.addEventListener("message", (e) => window.events.push(e.data));
      window.hostile = () => {
        const target = document.getElementById("fs").contentWindow;
        const cyclic = { protocol: "firstshift", version: 1, type: "restart" };
        cyclic.self = cyclic;
        let deep = [];
        for (let i = 0; i < 10000; i++) deep = [deep];
        const messages = [
          null, "restart", 42, [], { type: "restart" },
          { protocol: "firstshift", version: 2, type: "restart" },
          { protocol: "firstshift", version: "1", type: "restart" },
          { protocol: "firstshift", version: 1, type: "RESTART" },
          { protocol: "firstshift", version: 1, type: { toString: null } },
          { protocol: "firstshift", version: 1, type: "restart", big: 10n },
          { protocol: "firstshift", version: 1, type: "x".repeat(1 << 20) },
          cyclic, deep, new Uint8Array(1 << 16),
        ];
        let sent = 0;
        for (const m of messages) { try { target.postMessage(m, "*"); sent++; } catch (e) { /* not cloneable */ } }
        return sent;
      };
    </script></body></html>`);
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${host}/`);
  const frame = await (await page.waitForSelector("#fs")).contentFrame();
  const errors = [];
  frame.page().on("pageerror", (e) => errors.push(String(e)));
  await frame.waitForSelector('#app[data-screen="play"]');
  await playByClicks(frame, choices.slice(0, 2));
  const readies = () => page.evaluate(() => window.events.filter((m) => m?.type === "ready").length);
  const before = await readies();
  assert.ok(await page.evaluate(() => window.hostile()) >= 12, "the messages were posted");
  // Then one valid restart: messages arrive in order, so once it has been obeyed
  // every hostile one was handled, and exactly one restart (one "ready") happened.
  await page.evaluate(() => document.getElementById("fs").contentWindow.postMessage({ protocol: "firstshift", version: 1, type: "restart" }, "*"));
  await frame.waitForFunction(() => document.querySelector("#app").dataset.turn === "0");
  await page.waitForFunction((n) => window.events.filter((m) => m?.type === "ready").length > n, before);
  assert.equal(await readies(), before + 1, "only the valid restart was obeyed");
  assert.deepEqual(errors, []);
  await close(page);
});
