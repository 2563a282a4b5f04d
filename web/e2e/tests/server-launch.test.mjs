// An LTI 1.3 launch through the FirstShift server, end to end: a stand-in LMS of
// our own (its keys made here, its JWKS and OIDC authorisation endpoint on
// loopback) launches the server, which sends the browser to the player it
// serves. The student plays by keyboard; every choice reaches the server, which
// scores the run itself: its score is the one the debrief shows. With the network
// cut mid-run the choices wait and are delivered when it returns; a second launch
// (another device) goes on from the server's choices.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { spawn, execFileSync } from "node:child_process";
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { launch, nativeRuns, playByKeyboard, screen, shot, ROOT } from "../lib.mjs";

const SERVER = process.env.FIRSTSHIFT_SERVER_BIN ?? join(ROOT, "target", "debug", "firstshift-server");
const SITE = process.env.FIRSTSHIFT_SITE ?? join(ROOT, "target", "web");
const SCENARIO = "hospitality/front-desk-overbooked";
const ISSUER = "https://lms.test.example";
const CLIENT_ID = "firstshift-e2e";
const DEPLOYMENT = "deployment-e2e";

const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: "jwk" }), kid: "e2e-key", alg: "RS256", use: "sig" };
const b64 = (x) => Buffer.from(typeof x === "string" ? x : JSON.stringify(x)).toString("base64url");

function idToken(claims) {
  const head = `${b64({ alg: "RS256", typ: "JWT", kid: "e2e-key" })}.${b64(claims)}`;
  return `${head}.${sign("sha256", Buffer.from(head), privateKey).toString("base64url")}`;
}

let browser, lms, tool, serverProcess, dir;
let subject = "student-1";

/** The stand-in LMS: its keys, and an authorisation endpoint that answers the
 * tool's OIDC login with an auto-submitting form carrying a signed launch. */
function startLms() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/jwks") {
      res.setHeader("content-type", "application/json");
      return res.end(JSON.stringify({ keys: [jwk] }));
    }
    if (url.pathname === "/authorize") {
      const q = url.searchParams;
      const now = Math.floor(Date.now() / 1000);
      const token = idToken({
        iss: ISSUER, aud: CLIENT_ID, sub: subject, exp: now + 300, iat: now, nonce: q.get("nonce"),
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": DEPLOYMENT,
        "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": `${tool}/lti/launch`,
        "https://purl.imsglobal.org/spec/lti/claim/resource_link": { id: "placement-1", title: "Front desk" },
        "https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        "https://purl.imsglobal.org/spec/lti/claim/custom": { scenario: SCENARIO },
      });
      res.setHeader("content-type", "text/html");
      return res.end(`<!doctype html><form method="post" action="${q.get("redirect_uri")}">
        <input type="hidden" name="id_token" value="${token}"><input type="hidden" name="state" value="${q.get("state")}">
        </form><script>document.forms[0].submit()</script>`);
    }
    res.statusCode = 404;
    res.end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

before(async () => {
  browser = await launch();
  lms = await startLms();
  const lmsBase = `http://127.0.0.1:${lms.address().port}`;
  dir = mkdtempSync(join(tmpdir(), "firstshift-e2e-server-"));
  const database = `sqlite://${join(dir, "runs.db")}`;
  execFileSync(SERVER, [
    "--database", database, "register-platform", "--issuer", ISSUER, "--client-id", CLIENT_ID,
    "--auth-login-url", `${lmsBase}/authorize`, "--jwks-url", `${lmsBase}/jwks`, "--token-url", `${lmsBase}/token`,
    "--deployment", DEPLOYMENT, "--name", "Stand-in LMS",
  ], { stdio: "ignore" });
  serverProcess = spawn(SERVER, ["--database", database, "--listen", "127.0.0.1:0", "--site", SITE, "--scenarios", join(ROOT, "scenarios")], { stdio: ["ignore", "ignore", "pipe"] });
  tool = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: serverProcess.stderr });
    lines.on("line", (line) => {
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    serverProcess.on("exit", (code) => reject(new Error(`the server stopped (${code})`)));
  });
});

after(async () => {
  await browser?.close();
  lms?.close();
  serverProcess?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A student opening the activity from their course, in a fresh browser. */
async function launchFromCourse(viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, serviceWorkers: "block" });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  const login = new URLSearchParams({ iss: ISSUER, login_hint: subject, target_link_uri: `${tool}/lti/launch`, client_id: CLIENT_ID });
  await page.goto(`${tool}/lti/login?${login}`);
  await page.waitForSelector('#app[data-server="on"]', { timeout: 30_000 });
  await screen(page, "play");
  return { context, page };
}

/** The run as the server holds it, read with the token in the player's URL. */
async function serverRun(page) {
  const url = new URL(page.url());
  const id = url.searchParams.get("server-run");
  const token = url.hash.replace("#token=", "");
  const response = await fetch(`${tool}/api/runs/${id}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  return response.json();
}

async function until(what, check, timeout = 20_000) {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("a launch from the course plays by keyboard and the server scores the run as the debrief does", async () => {
  const runs = nativeRuns();
  const best = runs.find((x) => x.scenario === SCENARIO && x.passed);
  const { context, page } = await launchFromCourse();
  await playByKeyboard(page, best.transcript.choices.map((c) => ({ Choose: c.choice })));
  await screen(page, "debrief");
  const shown = Number(await page.getAttribute("#score", "data-percent"));
  const held = await until("the server's result", async () => (await serverRun(page)).result);
  assert.equal(held.report.percent, shown, "the server's score is the debrief's");
  assert.equal(shown, best.percent);
  const state = await serverRun(page);
  assert.deepEqual(state.transcript.choices.map((c) => c.choice), best.transcript.choices.map((c) => c.choice));
  assert.deepEqual(page.errors, []);
  await shot(page, "server-launch-debrief");
  await context.close();
});

test("with the network cut mid-run the choices wait, and a launch on another device goes on from the server's", async () => {
  subject = "student-2";
  const runs = nativeRuns();
  const best = runs.find((x) => x.scenario === SCENARIO && x.passed);
  const choices = best.transcript.choices.map((c) => ({ Choose: c.choice }));
  const { context, page } = await launchFromCourse({ width: 360, height: 740 });
  await playByKeyboard(page, choices.slice(0, 1));
  await until("the first choice on the server", async () => (await serverRun(page)).transcript.choices.length === 1);

  await context.setOffline(true);
  await playByKeyboard(page, choices.slice(1, 3));
  await page.waitForSelector("#server-status", { timeout: 20_000 });
  assert.match(await page.textContent("#server-status"), /cannot be reached/);
  await shot(page, "server-launch-offline-phone");
  await context.setOffline(false);
  await until("the held choices on the server", async () => (await serverRun(page)).transcript.choices.length === 3, 40_000);
  await page.waitForSelector("#server-status", { state: "detached", timeout: 40_000 });
  await context.close();

  // Another device: the server's three choices, and the rest played there.
  const other = await launchFromCourse();
  assert.equal(await other.page.getAttribute("#app", "data-turn"), "3");
  await playByKeyboard(other.page, choices.slice(3));
  await screen(other.page, "debrief");
  const shown = Number(await other.page.getAttribute("#score", "data-percent"));
  const held = await until("the server's result", async () => (await serverRun(other.page)).result);
  assert.equal(held.report.percent, shown);
  await other.context.close();
});
