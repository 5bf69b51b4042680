/// <reference lib="webworker" />
// The citizen app's service worker, built by vite-plugin-pwa (injectManifest) with Workbox from
// npm, bundled into dist/sw.js; no code from anywhere else.
//
// - Precache: the app shell (index.html, the citizen entry, the module chunks, icons); the staff
//   console's chunks are left out (see vite.config.ts), citizens never download them.
// - Pages (navigations): network first, so the server's per-city head (manifest link, feed
//   links, theme colour) is kept; offline the last copy of the page or the precached shell.
// - Public API reads: network first with a short timeout, then the last answer seen, so a
//   citizen on a train still sees the news and events they loaded. Which reads are public, each
//   module declares (src/modules/<name>/module.ts, read through sw_routes.ts). Staff and session
//   routes are never cached.
// - Media images: cache first (their URLs are content hashes, immutable), bounded.
// - A module's files (photos of public reports): network first (staff may hide one), then the
//   copy seen last.
// - Never: POST/PATCH/DELETE (a report is sent by the app's own queue, report_queue.ts, which
//   keeps it until the server answered), and requests with a report's X-Report-Token (personal).
// - A new version waits until the person chooses "reload" (SKIP_WAITING from the app).
import { CacheableResponsePlugin } from "workbox-cacheable-response";
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";
import { fileCacheOf, fileCaches, isMedia, isPublicApiRead } from "./sw_routes";

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const day = 24 * 60 * 60;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/** A GET of this origin that is the same for everyone (no reporter's token). */
const sharedGet = (url: URL, request: Request) =>
  url.origin === self.location.origin && request.method === "GET" && !request.headers.has("X-Report-Token");

registerRoute(
  ({ url, request }) => sharedGet(url, request) && isPublicApiRead(url.pathname),
  new NetworkFirst({
    cacheName: "mosaik-api",
    networkTimeoutSeconds: 4,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * day, purgeOnQuotaError: true }),
    ],
  }),
);

registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.method === "GET" && isMedia(url.pathname),
  new CacheFirst({
    cacheName: "mosaik-media",
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * day, purgeOnQuotaError: true }),
    ],
  }),
);

// A module's files (the photos of public reports): network first, since staff may hide one,
// then the copy seen last; each module's in a cache of its own.
for (const { rule } of fileCaches())
  registerRoute(
    ({ url, request }) => sharedGet(url, request) && fileCacheOf(url.pathname) === rule,
    new NetworkFirst({
      cacheName: rule.cacheName,
      networkTimeoutSeconds: 4,
      plugins: [
        new CacheableResponsePlugin({ statuses: [200] }),
        new ExpirationPlugin({
          maxEntries: rule.maxEntries,
          maxAgeSeconds: rule.maxAgeDays * day,
          purgeOnQuotaError: true,
        }),
      ],
    }),
  );

const pages = new NetworkFirst({
  cacheName: "mosaik-pages",
  networkTimeoutSeconds: 4,
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({ maxEntries: 50, maxAgeSeconds: 30 * day, purgeOnQuotaError: true }),
  ],
});

registerRoute(
  new NavigationRoute(
    async (options) => {
      try {
        return await pages.handle(options);
      } catch {
        return (await matchPrecache("/index.html")) ?? Response.error();
      }
    },
    { denylist: [/^\/api\//] },
  ),
);

self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === "object" && data !== null && (data as { type?: unknown }).type === "SKIP_WAITING")
    void self.skipWaiting();
});

// The first worker controls the open page at once, so what it loads next is cached.
clientsClaim();
