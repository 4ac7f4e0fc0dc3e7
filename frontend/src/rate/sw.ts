// The rating page's service worker (`/rate-sw.js`, scope `/r/`), built on its own into one
// classic script by the `rateServiceWorker` plugin in vite.config.ts, which fills in the files
// of the page (`__RATE_PRECACHE__`) and a version that changes with them.
//  - install: caches the page's shell (rate.html and its JS and CSS);
//  - fetch: any `/r/…` page is the cached shell (so the form opens offline), the shell's files
//    come from the cache, everything else (the API) goes to the network untouched;
//  - sync: sends the outbox (the same code and store as the page) when the connection returns.
import { flush, FLUSHED_MESSAGE, SYNC_TAG, withQueueLock } from "./queue";
import { openIdbStore } from "./store";

declare const __RATE_PRECACHE__: string[];
declare const __RATE_VERSION__: string;

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface SyncEvent extends ExtendableEvent {
  tag: string;
}
interface Scope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: {
    claim(): Promise<void>;
    matchAll(o?: { type?: string; includeUncontrolled?: boolean }): Promise<{ postMessage(m: unknown): void }[]>;
  };
  addEventListener(type: "install" | "activate", l: (e: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", l: (e: FetchEvent) => void): void;
  addEventListener(type: "sync", l: (e: SyncEvent) => void): void;
}

const sw = self as unknown as Scope;
const PREFIX = "pembina-rate-";
const CACHE = PREFIX + __RATE_VERSION__;
const SHELL = "/rate.html";
const FILES = new Set(__RATE_PRECACHE__);

sw.addEventListener("install", (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(__RATE_PRECACHE__.map((u) => new Request(u, { cache: "reload" }))))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener("fetch", (e) => {
  const req = e.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin) return;
  const shell = req.mode === "navigate" && url.pathname.startsWith("/r/");
  if (!shell && !FILES.has(url.pathname)) return;
  e.respondWith(
    caches
      .open(CACHE)
      .then((c) => c.match(shell ? SHELL : url.pathname))
      .then((hit) => hit ?? fetch(req)),
  );
});

sw.addEventListener("sync", (e) => {
  if (e.tag !== SYNC_TAG) return;
  e.waitUntil(
    openIdbStore()
      .then((store) => withQueueLock(() => flush(store, (u, i) => fetch(u, i))))
      .then(async (r) => {
        for (const c of await sw.clients.matchAll({ type: "window" })) c.postMessage({ type: FLUSHED_MESSAGE, ...r });
        // A rejection asks the browser to fire `sync` again later (with its own back-off).
        if (r.pending) throw new Error(`${r.pending} rating(s) still waiting`);
      }),
  );
});
