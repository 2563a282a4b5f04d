// The player's service worker: keeps the player and the built-in scenarios so a
// second visit plays with the network off, and so the next student on a shared
// Chromebook cart loads nothing again.
//
// `cargo xtask build-web` writes the BUILD line: every file a student needs (not
// the guides, not the host-side embed script) and a version that changes whenever
// any of them does. A new version installs in the background, fills its own cache,
// and takes over; the old cache is then deleted. Only this site's GET requests are
// answered; anything else goes to the network untouched. Nothing personal is ever
// cached: only the site's own public files.
const BUILD = { version: "unbuilt", files: [] }; // xtask writes this line
const CACHE = "firstshift-" + BUILD.version;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `reload`: fetch past the HTTP cache, so the set is exactly this build's.
    await cache.addAll(BUILD.files.map((file) => new Request(file, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("firstshift-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Any page of the player (`?scenario=…`, `?view=…`) is the one page.
    const cached = request.mode === "navigate"
      ? await cache.match(new URL("index.html", self.registration.scope).href)
      : await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    // Not kept (a teacher's own file, a guide): the network, as without a worker.
    return fetch(request);
  })());
});
