// The outbox of ratings. A rating is written here before its first attempt and leaves only when
// the API has answered for good: a 2xx (stored), or a 4xx other than 408/429 (rejected; kept
// aside as a failure to report). Every attempt sends the same body with the same `id`, so a
// retry after a lost response is harmless: the API treats a repeated id as the same rating.
// The page and the service worker both send from here, one at a time (Web Locks where present).
import type { RatingBody } from "./form";
import { readProblem, retryAfterMs, type ProblemDoc } from "./problem";

export interface QueuedRating {
  /** The rating's id (`body.id`), the key of the queue. */
  id: string;
  /** Path and query of the POST, token included. */
  url: string;
  body: RatingBody;
  queuedAt: number;
  attempts: number;
  /** No attempt before this time (after a 429 or a server error). */
  notBefore?: number;
  /** A final rejection, kept so the page can report it; such items are not sent again. */
  failed?: { at: number; problem: ProblemDoc };
}

export interface QueueStore {
  get(id: string): Promise<QueuedRating | undefined>;
  list(): Promise<QueuedRating[]>;
  put(item: QueuedRating): Promise<void>;
  remove(id: string): Promise<void>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type Outcome =
  | { kind: "sent"; status: number }
  /** Someone else (the service worker, another tab) delivered it meanwhile. */
  | { kind: "gone" }
  | { kind: "rejected"; problem: ProblemDoc }
  | { kind: "retry"; reason: "network" | "server" | "rate_limited"; retryAt?: number };

export interface SendOptions {
  now?: () => number;
  timeoutMs?: number;
}

const SERVER_RETRY_MS = 60_000;
const RATE_LIMIT_RETRY_MS = 60_000;

/** One attempt; never throws. */
export async function send(item: QueuedRating, fetchFn: FetchLike, opts: SendOptions = {}): Promise<Outcome> {
  const now = opts.now ?? Date.now;
  const controller = typeof AbortController === "function" ? new AbortController() : undefined;
  const timer = controller ? setTimeout(() => controller.abort(), opts.timeoutMs ?? 30_000) : undefined;
  let res: Response;
  try {
    res = await fetchFn(item.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json, application/problem+json" },
      body: JSON.stringify(item.body),
      credentials: "omit",
      signal: controller?.signal,
    });
  } catch {
    return { kind: "retry", reason: "network" };
  } finally {
    clearTimeout(timer);
  }
  if (res.ok) return { kind: "sent", status: res.status };
  const wait = retryAfterMs(res.headers.get("Retry-After"), now());
  if (res.status === 429) return { kind: "retry", reason: "rate_limited", retryAt: now() + (wait ?? RATE_LIMIT_RETRY_MS) };
  if (res.status === 408 || res.status >= 500 || res.status < 400) {
    return { kind: "retry", reason: "server", retryAt: now() + (wait ?? SERVER_RETRY_MS) };
  }
  return { kind: "rejected", problem: await readProblem(res) };
}

export interface DeliverOptions extends SendOptions {
  /** Keep a rejected item as a failure to report later (background sends), or drop it (the page shows it now). */
  keepFailure?: boolean;
}

/** Sends one queued item and settles it in the store. Call inside `withQueueLock`. */
export async function deliver(
  store: QueueStore,
  id: string,
  fetchFn: FetchLike,
  opts: DeliverOptions = {},
): Promise<Outcome> {
  const item = await store.get(id);
  if (!item) return { kind: "gone" };
  if (item.failed) return { kind: "rejected", problem: item.failed.problem };
  const outcome = await send(item, fetchFn, opts);
  if (outcome.kind === "sent") {
    await store.remove(id);
  } else if (outcome.kind === "rejected") {
    if (opts.keepFailure) await store.put({ ...item, failed: { at: (opts.now ?? Date.now)(), problem: outcome.problem } });
    else await store.remove(id);
  } else if (outcome.kind === "retry") {
    const next: QueuedRating = { ...item, attempts: item.attempts + 1 };
    if (outcome.retryAt !== undefined) next.notBefore = outcome.retryAt;
    else delete next.notBefore;
    await store.put(next);
  }
  return outcome;
}

export interface FlushResult {
  sent: string[];
  rejected: string[];
  /** Items still waiting. */
  pending: number;
  /** The earliest time a waiting item may be tried again (when one is held back). */
  retryAt?: number;
  /** Why the flush stopped early, if it did. */
  stopped?: "network" | "server" | "rate_limited";
}

/**
 * Sends the waiting items, oldest first, keeping rejections as failures to report. Stops at
 * the first failure to get through (no network, server trouble, rate limit): the rest wait too.
 * Call inside `withQueueLock`.
 */
export async function flush(store: QueueStore, fetchFn: FetchLike, opts: SendOptions = {}): Promise<FlushResult> {
  const now = opts.now ?? Date.now;
  const waiting = (await store.list()).filter((i) => !i.failed).sort((a, b) => a.queuedAt - b.queuedAt);
  const result: FlushResult = { sent: [], rejected: [], pending: 0 };
  const hold = (at: number | undefined) => {
    if (at !== undefined) result.retryAt = Math.min(result.retryAt ?? at, at);
  };
  for (const [i, item] of waiting.entries()) {
    if (item.notBefore !== undefined && item.notBefore > now()) {
      result.pending++;
      hold(item.notBefore);
      continue;
    }
    const outcome = await deliver(store, item.id, fetchFn, { ...opts, keepFailure: true });
    if (outcome.kind === "sent") result.sent.push(item.id);
    else if (outcome.kind === "rejected") result.rejected.push(item.id);
    else if (outcome.kind === "retry") {
      result.pending += waiting.length - i;
      result.stopped = outcome.reason;
      hold(outcome.retryAt);
      break;
    }
  }
  return result;
}

/** Items waiting to be sent (not the reported failures). */
export async function pendingCount(store: QueueStore): Promise<number> {
  return (await store.list()).filter((i) => !i.failed).length;
}

/** The Background Sync tag under which the service worker sends the outbox. */
export const SYNC_TAG = "pembina-rate-outbox";
/** The message the service worker posts to its pages after it sent from the outbox. */
export const FLUSHED_MESSAGE = "pembina-rate-flushed";

const LOCK = "pembina-rate-queue";
let local: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` alone: across the page and the service worker with Web Locks, else within this
 * context only (a second sender elsewhere is still safe, only wasteful: the id makes it so).
 */
export function withQueueLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (locks && typeof locks.request === "function") return locks.request(LOCK, fn) as Promise<T>;
  const run = local.then(fn, fn);
  local = run.catch(() => undefined);
  return run;
}
