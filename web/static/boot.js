// Starts the player. Everything the student sees is built by the Rust code.
import init, { waitSeconds } from "./firstshift_web.js";

// The browser tests' hook (docs/player.md): only on a page their server marked.
if (document.querySelector('meta[name="firstshift-test-hooks"][content="on"]')) {
  window.firstshift = { waitSeconds };
}

init().catch((error) => {
  const boot = document.getElementById("boot");
  if (boot) {
    boot.textContent =
      "FirstShift could not start (" + error + "). Please try a current version of Chrome, Edge, Firefox or Safari.";
  }
  console.error(error);
});
