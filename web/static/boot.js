// Starts the player. Everything the student sees is built by the Rust code.
import init, { waitSeconds } from "./firstshift_web.js";

// The browser tests' hook (docs/player.md): only on a page their server marked.
if (document.querySelector('meta[name="firstshift-test-hooks"][content="on"]')) {
  window.firstshift = { waitSeconds };
}

// Offline play (sw.js): registered once the player is running, so its download
// never competes with the first choice. Not on the developer's live-reload server,
// where every edit must show at once.
function keepForOffline() {
  const live = document.documentElement.dataset.liveReload === "on";
  if (!("serviceWorker" in navigator) || live) return;
  // A browser that refuses (private mode, a partitioned frame) just plays online.
  navigator.serviceWorker.register("sw.js").catch(() => {});
}

// The teacher's checker (web/checker): a module of its own, imported the first
// time a teacher opens a file, so no student downloads it before playing.
let checker;
globalThis.firstshiftChecker = {
  check(name, text) {
    checker ??= import("./firstshift_checker.js").then(async (module) => {
      await module.default();
      return module;
    });
    return checker.then((module) => module.check(name, text));
  },
};

// The scenario the URL names, fetched now rather than once the wasm has started:
// the file web/src/route.rs asks for first (the compiled form, in the student's
// language when it is not English). Its text waits in `firstshiftEarly` for the
// player (web/src/inbox.rs), which takes it the moment it starts: a promise already
// settled, so the first step is drawn in the same task as the start, without
// waiting for another fetch's round trip to the network stack and the frames the
// browser renders meanwhile. A cmi5 launch takes its language from the LMS, so it
// is left to the route. Any failure here is silent: the player then fetches the
// file itself and says in words what went wrong.
function preloadScenario() {
  const query = new URLSearchParams(location.search);
  const id = query.get("scenario");
  if (!id || query.has("view") || query.has("src") || query.has("fetch")) return;
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id)) return;
  const spoken = (code) => ["en", "es"].find((l) => l === (code ?? "").split("-")[0].toLowerCase());
  const language = spoken(query.get("lang")) ?? navigator.languages.map(spoken).find(Boolean) ?? "en";
  const path = `scenarios/${id}${language === "en" ? "" : "." + language}.scenario.json`;
  const text = fetch(path)
    .then((response) => (response.ok ? response.text() : null))
    .catch(() => null);
  globalThis.firstshiftEarly = { path, text };
}
preloadScenario();

performance.mark("firstshift:boot");
// The player starts once the scenario's text is here (its wasm is downloading
// meanwhile, preloaded by the page), so its first step is drawn in the task that
// starts it; a slow file waits a second at most, and is then awaited in Rust.
const scenarioText = globalThis.firstshiftEarly?.text;
const waited = new Promise((resolve) => setTimeout(resolve, 1000));
Promise.race([scenarioText ?? Promise.resolve(), waited]).then(() => init()).then(() => {
  if (document.readyState === "complete") setTimeout(keepForOffline, 1000);
  else addEventListener("load", () => setTimeout(keepForOffline, 1000), { once: true });
}).catch((error) => {
  const boot = document.getElementById("boot");
  if (boot) {
    boot.textContent =
      "FirstShift could not start (" + error + "). Please try a current version of Chrome, Edge, Firefox or Safari.";
  }
  console.error(error);
});
