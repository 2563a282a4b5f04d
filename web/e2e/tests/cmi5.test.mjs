// cmi5 as an LMS runs it: one loopback server hosts the unpacked cmi5 package
// (written by `cargo xtask package --format cmi5` in CI's smoke test) and a small
// LRS of our own. The player is launched with endpoint, fetch, actor, registration
// and activityId, fetches its token, reads LMS.LaunchData, and sends statements.
// Every statement must pass an xAPI 1.0.3 validator and the cmi5 rules on verbs,
// order, context and results.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";
import { existsSync, readFileSync } from "node:fs";
import { join, normalize, extname } from "node:path";
import { launch, close, nativeRuns, shot, ROOT } from "../lib.mjs";

const require = createRequire(import.meta.url);
const validateStatement = require("@learninglocker/xapi-validation").default;

let browser;
let runs;
let lrs;
before(async () => { browser = await launch(); runs = nativeRuns(); });
after(async () => { await browser?.close(); lrs?.server.close(); });

const TOKEN = Buffer.from("au:secret").toString("base64");
const ACTOR = { objectType: "Agent", account: { homePage: "https://lms.example.edu", name: "learner-42" } };
const ACTIVITY = "https://lms.example.edu/cmi5/au/front-desk";
const SESSION = "c0ffee00-0000-4000-8000-000000000001";
const SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

const PACKAGE = process.env.FIRSTSHIFT_CMI5_SITE ?? join(ROOT, "target", "packages", "smoke-cmi5");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".ron": "text/plain; charset=utf-8", ".xml": "application/xml", ".css": "text/css" };

/** The test servers' mark: without it the player ignores ?clock=manual and ?seed=. */
const TEST_HOOKS = '<meta name="firstshift-test-hooks" content="on">';

/** The package's files, as the LMS's web server would send them; the page gets
 * the test-hooks mark unless `plain` (as a real LMS serves it). */
function servePackage(url, res, plain) {
  const file = normalize(join(PACKAGE, decodeURIComponent(url.pathname)));
  if (!file.startsWith(PACKAGE) || !existsSync(file)) {
    res.statusCode = 404;
    return res.end();
  }
  res.setHeader("content-type", TYPES[extname(file)] ?? "application/octet-stream");
  let body = readFileSync(file);
  if (file.endsWith("index.html") && !plain) body = body.toString().replace("</head>", `${TEST_HOOKS}</head>`);
  res.end(body);
}

const PROGRESS = "https://firstshift.dev/state/progress";

/** The LMS: the package's files, a one-time fetch URL per launch, the State API
 * (LMS.LaunchData, and documents the player stores), and an LRS that records
 * statements. Whatever a request gets wrong is collected in `problems`.
 * `slowBatchesMs` holds every batch of statements but the one with `terminated`
 * that long before it is recorded, as a slow network would. */
function startLrs(launchData, { preferences = null, plain = false, slowBatchesMs = 0 } = {}) {
  assert.ok(existsSync(join(PACKAGE, "cmi5.xml")), `no unpacked cmi5 package at ${PACKAGE}; run cargo xtask test (it writes one)`);
  const state = { statements: [], documents: new Map(), usedFetches: new Set(), fetches: 0, problems: [], profileReads: 0 };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (req.method === "GET" && !url.pathname.startsWith("/xapi/") && !url.pathname.startsWith("/fetch/")) return servePackage(url, res, plain);
    let body = "";
    req.on("data", (d) => { body += d; });
    req.on("end", () => {
      const json = (value) => { res.setHeader("content-type", "application/json"); res.end(JSON.stringify(value)); };
      if (url.pathname.startsWith("/fetch/") && req.method === "POST") {
        state.fetches += 1;
        const launchKey = url.pathname;
        if (state.usedFetches.has(launchKey)) return json({ "error-code": "1", "error-text": "this launch's token was already fetched" });
        state.usedFetches.add(launchKey);
        return json({ "auth-token": TOKEN });
      }
      if (req.headers.authorization !== `Basic ${TOKEN}` || req.headers["x-experience-api-version"] !== "1.0.3") {
        state.problems.push(`${req.method} ${url.pathname} without the token and version headers`);
        res.statusCode = 401;
        return res.end();
      }
      if (url.pathname === "/xapi/activities/state") {
        const q = url.searchParams;
        if (q.get("activityId") !== ACTIVITY) state.problems.push(`state for activity ${q.get("activityId")}`);
        if (!isDeepStrictEqual(JSON.parse(q.get("agent") ?? "null"), ACTOR)) state.problems.push(`state for agent ${q.get("agent")}`);
        const key = `${q.get("registration")} ${q.get("stateId")}`;
        if (req.method === "GET" && q.get("stateId") === "LMS.LaunchData") return json(launchData);
        if (req.method === "GET") {
          if (!state.documents.has(key)) { res.statusCode = 404; return res.end(); }
          return json(state.documents.get(key));
        }
        if (req.method === "PUT") {
          if (q.get("stateId") === "LMS.LaunchData") state.problems.push("the player wrote LMS.LaunchData");
          state.documents.set(key, JSON.parse(body));
          res.statusCode = 204;
          return res.end();
        }
      }
      if (url.pathname === "/xapi/agents/profile" && req.method === "GET") {
        state.profileReads += 1;
        if (url.searchParams.get("profileId") !== "cmi5LearnerPreferences") state.problems.push(`profile ${url.searchParams.get("profileId")}`);
        if (!isDeepStrictEqual(JSON.parse(url.searchParams.get("agent") ?? "null"), ACTOR)) state.problems.push(`profile of ${url.searchParams.get("agent")}`);
        // An LMS with no preferences for this learner answers 404 (cmi5 allows 403 too).
        if (!preferences) { res.statusCode = 404; return res.end(); }
        return json(preferences);
      }
      if (url.pathname === "/xapi/statements" && req.method === "POST") {
        const got = JSON.parse(body);
        const list = Array.isArray(got) ? got : [got];
        const record = () => { state.statements.push(...list); json(list.map((s) => s.id)); };
        if (slowBatchesMs && !list.some((s) => verb(s) === "terminated")) return void setTimeout(record, slowBatchesMs);
        return record();
      }
      state.problems.push(`unexpected ${req.method} ${url.pathname}`);
      res.statusCode = 404;
      res.end();
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, state, port: server.address().port })));
}

let launches = 0;
/** A launch as the LMS makes it: a fresh fetch URL unless `fetchKey` reuses one. */
function launchUrl(port, registration, query, fetchKey = `/fetch/${++launches}`, endpoint = `http://127.0.0.1:${port}/xapi/`) {
  const p = new URLSearchParams({
    endpoint,
    fetch: `http://127.0.0.1:${port}${fetchKey}`,
    actor: JSON.stringify(ACTOR),
    registration,
    activityId: ACTIVITY,
  });
  return `http://127.0.0.1:${port}/index.html?${query}&${p}`;
}

/** Leaves the page as a student closing the tab would, and waits for terminated. */
async function leave(page, lrs, count) {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide")));
  const deadline = Date.now() + 10_000;
  while (lrs.state.statements.filter((s) => verb(s) === "terminated").length < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function play(page, ids) {
  for (const id of ids) {
    const turn = Number(await page.getAttribute("#app", "data-turn"));
    await page.click(`#choices button[data-choice="${id}"]`);
    await page.waitForFunction(
      (t) => document.querySelector("#app").dataset.turn === String(t + 1) || document.querySelector("#app").dataset.screen === "debrief",
      turn,
    );
  }
}

const categories = (s) => (s.context?.contextActivities?.category ?? []).map((c) => c.id);
const CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const verb = (s) => s.verb.id.split("/").pop();

/** Launches, plays `run`'s choices, leaves; returns the statements of that session. */
async function session(lrs, registration, run, reflect = false) {
  const before = lrs.state.statements.length;
  const terminatedBefore = lrs.state.statements.filter((s) => verb(s) === "terminated").length;
  const page = await (await browser.newContext()).newPage();
  page.errors = [];
  // Chromium logs every 4xx answer as a console error; the State API's 404 for a
  // progress document not yet stored is expected, so answers are checked apart.
  page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) page.errors.push(m.text()); });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.refused = [];
  page.on("response", (r) => {
    const u = new URL(r.url());
    if (r.status() >= 400) page.refused.push(`${r.status()} ${u.searchParams.get("stateId") ?? u.searchParams.get("profileId") ?? r.url()}`);
  });
  await page.goto(launchUrl(lrs.port, registration, `scenario=${run.scenario}&clock=manual&seed=${run.transcript.seed}`));
  await page.waitForSelector('#app[data-screen="play"]');
  assert.equal(await page.getAttribute("#app", "data-lms"), "cmi5");
  await play(page, run.transcript.choices.map((c) => c.choice));
  await page.waitForSelector('#app[data-screen="debrief"]');
  if (reflect) {
    await page.check("#interest-3");
    await page.fill("#surprised", "Calm matters more than speed.");
    await page.click("#save-reflection");
    await page.waitForFunction(() => document.querySelector("#reflection-status").textContent.startsWith("Saved"));
  }
  await leave(page, lrs, terminatedBefore + 1);
  assert.deepEqual(page.errors, [], "no console errors (a CSP refusal would be one)");
  assert.ok(page.refused.every((r) => r === `404 ${PROGRESS}` || r === "404 cmi5LearnerPreferences"), page.refused.join());
  assert.equal(await page.$("#lms-status"), null, "no LMS problem shown");
  await close(page);
  return lrs.state.statements.slice(before);
}

test("cmi5 launches send valid statements in the cmi5 order; the LMS's mastery score decides; a registration is told completed and passed once", async () => {
  const SCENARIO = "hospitality/front-desk-overbooked";
  const mine = runs.filter((r) => r.scenario === SCENARIO);
  // Passes the scenario's own mark (70) but not the LMS's masteryScore (0.8).
  const middling = mine.find((r) => r.passed && r.percent < 80);
  const best = mine.find((r) => r.percent >= 80);
  const worst = mine.find((r) => r.percent < 30);
  assert.ok(middling && best && worst, "the scenario's playthroughs changed; pick others");
  const registration = "6f1e5c9a-2b7d-4e3f-9a8b-1c2d3e4f5a6b";
  lrs = await startLrs({
    contextTemplate: {
      contextActivities: { grouping: [{ objectType: "Activity", id: ACTIVITY }] },
      extensions: { [SESSION_EXT]: SESSION },
    },
    launchMode: "Normal",
    moveOn: "CompletedAndPassed",
    masteryScore: 0.8,
  }, { slowBatchesMs: 300 });

  const first = await session(lrs, registration, middling);
  const second = await session(lrs, registration, best, true);
  const third = await session(lrs, registration, worst);
  assert.deepEqual(lrs.state.problems, []);
  assert.equal(lrs.state.fetches, 3, "one token fetch per launch");
  assert.equal(lrs.state.profileReads, 3, "the Learner Preferences read on every startup (cmi5 11.0)");

  // Every statement is valid xAPI 1.0.3 and carries the launch's context.
  for (const s of [...first, ...second, ...third]) {
    assert.deepEqual(validateStatement(s), [], JSON.stringify(s));
    assert.deepEqual(s.actor, ACTOR);
    assert.equal(s.context.registration, registration);
    assert.equal(s.context.extensions[SESSION_EXT], SESSION, "the session id from the context template");
    assert.ok(s.context.contextActivities.grouping.some((g) => g.id === ACTIVITY));
    if (verb(s) === "answered") {
      assert.ok(!categories(s).includes(CMI5), "allowed statements carry no cmi5 category");
      assert.equal(s.object.definition.type, "http://adlnet.gov/expapi/activities/cmi.interaction");
      const reflection = s.object.id.includes("/reflection/");
      assert.equal(s.object.definition.interactionType === "choice", !reflection, s.object.id);
    } else {
      assert.ok(categories(s).includes(CMI5), `${verb(s)} is a cmi5 defined statement`);
      assert.equal(s.object.id, ACTIVITY);
      assert.equal(categories(s).includes(MOVEON), ["completed", "passed", "failed"].includes(verb(s)), `moveon category on ${verb(s)}`);
    }
  }

  // Each session: initialized first, one answered per choice in order, terminated last.
  for (const [statements, run] of [[first, middling], [second, best], [third, worst]]) {
    const verbs = statements.map(verb);
    assert.equal(verbs[0], "initialized");
    assert.equal(verbs.at(-1), "terminated");
    assert.equal(verbs.filter((v) => v === "terminated").length, 1);
    const choices = statements.filter((s) => verb(s) === "answered" && s.object.id.includes("/steps/"));
    assert.deepEqual(choices.map((s) => s.result.response), run.transcript.choices.map((c) => c.choice));
    assert.match(statements.at(-1).result.duration, /^PT/);
  }

  // First session: completed, then failed against the LMS's 0.8 although the
  // scenario's own pass mark was met.
  assert.deepEqual(first.map(verb).filter((v) => v !== "answered"), ["initialized", "completed", "failed", "terminated"]);
  const failed = first.find((s) => verb(s) === "failed");
  assert.equal(failed.result.score.scaled, middling.percent / 100);
  assert.equal(failed.result.success, false);
  assert.equal(failed.context.extensions["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"], 0.8);
  assert.equal(first.find((s) => verb(s) === "completed").result.completion, true);
  assert.ok(first.map(verb).indexOf("completed") > first.map(verb).lastIndexOf("answered"));

  // Second session: passed, but no second completed.
  assert.deepEqual(second.map(verb).filter((v) => v !== "answered"), ["initialized", "passed", "terminated"]);
  assert.equal(second.find((s) => verb(s) === "passed").result.score.scaled, best.percent / 100);

  // The reflection: answered statements (likert, long fill-in) before terminated.
  const reflection = second.filter((s) => s.object.id.includes("/reflection/"));
  assert.deepEqual(reflection.map((s) => s.object.definition.interactionType), ["likert", "long-fill-in"]);
  assert.deepEqual(reflection.map((s) => s.result.response), ["3", "Calm matters more than speed."]);

  // Third session: a worse run after passing is not judged again.
  assert.deepEqual(third.map(verb).filter((v) => v !== "answered"), ["initialized", "terminated"]);
  assert.deepEqual(lrs.state.documents.get(`${registration} ${PROGRESS}`), { completed: true, passed: true });
});

test("a Browse launch sends no judgement, and an unreachable LRS never stops play", async () => {
  const SCENARIO = "hospitality/front-desk-overbooked";
  const browse = await startLrs({ contextTemplate: { extensions: { [SESSION_EXT]: SESSION } }, launchMode: "Browse", moveOn: "Passed" });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(launchUrl(browse.port, "1a2b3c4d-0000-4000-8000-000000000002", `scenario=${SCENARIO}&clock=manual&seed=0`, "/fetch/browse"));
  await page.waitForSelector('#app[data-screen="play"]');
  const run = runs.find((r) => r.scenario === SCENARIO);
  await play(page, run.transcript.choices.map((c) => c.choice));
  await page.waitForSelector('#app[data-screen="debrief"]');
  await leave(page, browse, 1);
  const verbs = browse.state.statements.map(verb);
  assert.ok(!verbs.includes("passed") && !verbs.includes("failed") && !verbs.includes("completed"), verbs.join());
  assert.equal(verbs.at(-1), "terminated");
  assert.equal(browse.state.documents.size, 0, "nothing stored for a Browse launch");
  await close(page);

  // A relaunch that reuses the fetch URL gets no token (cmi5 allows one fetch per
  // launch): the player plays on and says so quietly.
  const page2 = await (await browser.newContext()).newPage();
  await page2.goto(launchUrl(browse.port, "1a2b3c4d-0000-4000-8000-000000000002", `scenario=${SCENARIO}&clock=manual`, "/fetch/browse"));
  await page2.waitForSelector('#app[data-screen="play"]');
  await page2.waitForFunction(() => (document.querySelector("#lms-status")?.textContent ?? "").includes("could not be reached"));
  assert.match(await page2.textContent("#lms-status"), /no auth token/);
  await page2.click("#choices button");
  await page2.waitForFunction(() => document.querySelector("#app").dataset.turn === "1");
  await close(page2);
  browse.server.close();
});

const LAUNCH_DATA = {
  contextTemplate: { extensions: { [SESSION_EXT]: SESSION } },
  launchMode: "Normal",
  moveOn: "Completed",
};

test("on a shared computer a registration's save is never offered to another, and a resumed run sends no choice twice", async () => {
  const SCENARIO = "hospitality/front-desk-overbooked";
  const run = runs.find((r) => r.scenario === SCENARIO);
  const shared = await startLrs(LAUNCH_DATA);
  // One browser profile, as on a Chromebook cart: localStorage is shared.
  const context = await browser.newContext();
  const [A, B] = ["aaaaaaaa-0000-4000-8000-00000000000a", "bbbbbbbb-0000-4000-8000-00000000000b"];
  const visit = async (registration) => {
    const page = await context.newPage();
    await page.goto(launchUrl(shared.port, registration, `scenario=${SCENARIO}&clock=manual&seed=0`));
    await page.waitForSelector('#app[data-screen="play"], #app[data-screen="resume"]');
    return page;
  };
  const answered = (registration) => shared.state.statements
    .filter((s) => verb(s) === "answered" && s.context.registration === registration)
    .map((s) => s.result.response);

  // Student A makes two choices and leaves mid-run.
  let page = await visit(A);
  await play(page, run.transcript.choices.slice(0, 2).map((c) => c.choice));
  await leave(page, shared, 1);
  await page.close();

  // Student B, same computer, same scenario: a fresh run, no resume offered.
  page = await visit(B);
  assert.equal(await page.getAttribute("#app", "data-screen"), "play");
  assert.equal(await page.getAttribute("#app", "data-turn"), "0");
  await leave(page, shared, 2);
  await page.close();

  // Student A comes back: offered their own run; continuing sends only new choices.
  page = await visit(A);
  assert.equal(await page.getAttribute("#app", "data-screen"), "resume");
  await page.click("#continue");
  await page.waitForFunction(() => document.querySelector("#app").dataset.turn === "2");
  await play(page, run.transcript.choices.slice(2, 3).map((c) => c.choice));
  await leave(page, shared, 3);
  await page.close();
  await context.close();
  assert.deepEqual(answered(A), run.transcript.choices.slice(0, 3).map((c) => c.choice), "each of A's choices sent once");
  assert.deepEqual(answered(B), []);
  assert.deepEqual(shared.state.problems, []);
  shared.server.close();
});

test("the learner's language preference from the LMS is honoured", async () => {
  const SCENARIO = "hospitality/front-desk-overbooked";
  const spanish = await startLrs(LAUNCH_DATA, { preferences: { languagePreference: "es-MX,en-US", audioPreference: "on" } });
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await page.goto(launchUrl(spanish.port, "cccccccc-0000-4000-8000-00000000000c", `scenario=${SCENARIO}`));
  await page.waitForSelector('#app[data-screen="play"]');
  assert.equal(await page.getAttribute("html", "lang"), "es");
  assert.equal(spanish.state.profileReads, 1);
  await close(page);
  spanish.server.close();
});

test("a launch whose LRS is on an origin the package does not allow is refused before anything is sent", async () => {
  const SCENARIO = "hospitality/front-desk-overbooked";
  const lms = await startLrs(LAUNCH_DATA);
  const page = await (await browser.newContext()).newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(launchUrl(lms.port, "dddddddd-0000-4000-8000-00000000000d", `scenario=${SCENARIO}`, undefined, "https://evil.example/xapi/"));
  await page.waitForSelector('#app[data-screen="refused"]');
  assert.match(await page.textContent("#refused"), /address \(endpoint\) that this package may not use: https:\/\/evil\.example is neither/);
  await shot(page, "cmi5-launch-refused");
  assert.equal(lms.state.fetches, 0, "no token was fetched");
  assert.ok(requests.every((u) => u.startsWith(`http://127.0.0.1:${lms.port}/`)), requests.join());
  await close(page);
  lms.server.close();
});

test("a package served as an LMS serves it ignores the test hooks and asks for no live reload", async () => {
  const SCENARIO = "hospitality/front-desk-overbooked";
  const lms = await startLrs(LAUNCH_DATA, { plain: true });
  const page = await (await browser.newContext()).newPage();
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(launchUrl(lms.port, "eeeeeeee-0000-4000-8000-00000000000e", `scenario=${SCENARIO}&clock=manual&seed=7`));
  await page.waitForSelector('#app[data-screen="play"]');
  assert.equal(await page.evaluate(() => typeof window.firstshift), "undefined");
  await page.waitForFunction(() => Number(document.querySelector("#app").dataset.clock) >= 2, null, { timeout: 10_000 });
  await page.click("#choices button");
  await page.waitForFunction(() => document.querySelector("#app").dataset.turn === "1");
  assert.ok(!requests.some((p) => p.includes("livereload") || p.includes("live-reload")), "a package never asks for live reload");
  await close(page);
  lms.server.close();
});
