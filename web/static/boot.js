// Starts the player. Everything the student sees is built by the Rust code.
import init, { waitSeconds } from "./firstshift_web.js";

// A small, documented hook for tests and assistive tools (see docs/player.md).
window.firstshift = { waitSeconds };

init().catch((error) => {
  const boot = document.getElementById("boot");
  if (boot) {
    boot.textContent =
      "FirstShift could not start (" + error + "). Please try a current version of Chrome, Edge, Firefox or Safari.";
  }
  console.error(error);
});

// live-reload:start (`cargo xtask package` leaves this block out of LMS packages)
// Live reload while a teacher edits scenarios: only `cargo xtask serve` answers
// this address, so on any other host it stops after one request.
fetch("__livereload")
  .then((response) => (response.ok ? response.text() : null))
  .then((version) => {
    if (!version) return;
    setInterval(async () => {
      try {
        const now = await (await fetch("__livereload")).text();
        if (now !== version) location.reload();
      } catch {
        /* the server stopped; keep the page as it is */
      }
    }, 1000);
  })
  .catch(() => {});
// live-reload:end
