// Live reload while a teacher edits scenarios. Only `cargo xtask serve` adds this
// script to the page (and answers `__livereload`); a static host, an LMS package
// and the public site never load it.

// Tells boot.js not to register the offline service worker: every edit must show.
document.documentElement.dataset.liveReload = "on";
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
