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

performance.mark("firstshift:boot");
init().then(() => {
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
