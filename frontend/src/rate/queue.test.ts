import { describe, expect, it, vi } from "vitest";
import type { RatingBody } from "./form";
import { deliver, flush, pendingCount, send, withQueueLock, type FetchLike, type QueuedRating } from "./queue";
import { memoryStore } from "./store";

const T0 = Date.parse("2026-03-02T08:00:00Z");

function item(id: string, queuedAt = T0): QueuedRating {
  const body: RatingBody = {
    id,
    answers: { U1: 4, U3: 2 },
    service_type: "Imunisasi",
    respondent: { sex: "female", age_band: "30_39", education: "sma", occupation: "other" },
  };
  return { id, url: `/api/v1/public/units/PKM-01/ratings?t=tok`, body, queuedAt, attempts: 0 };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });

/** A fake network: answers from the list in turn; `"offline"` throws like fetch without a connection. */
function fakeFetch(...answers: ("offline" | (() => Response))[]) {
  const calls: { url: string; body: RatingBody }[] = [];
  const fn = vi.fn<FetchLike>(async (url, init) => {
    calls.push({ url, body: JSON.parse(String(init.body)) as RatingBody });
    const next = answers.shift();
    if (!next) throw new Error("unexpected request");
    if (next === "offline") throw new TypeError("Failed to fetch");
    return next();
  });
  return { fn, calls };
}

describe("exactly once", () => {
  it("retries after a network failure with the same id and body, and removes the item only after a 2xx", async () => {
    const store = memoryStore();
    await store.put(item("a"));
    const net = fakeFetch("offline", "offline", () => json(201, { id: "a" }));

    expect(await flush(store, net.fn, { now: () => T0 })).toMatchObject({ sent: [], pending: 1, stopped: "network" });
    expect(await store.get("a")).toMatchObject({ attempts: 1 });
    expect(await flush(store, net.fn, { now: () => T0 })).toMatchObject({ pending: 1 });
    expect(await pendingCount(store)).toBe(1);
    expect(await flush(store, net.fn, { now: () => T0 })).toMatchObject({ sent: ["a"], pending: 0 });

    expect(net.calls).toHaveLength(3);
    expect(new Set(net.calls.map((c) => c.body.id))).toEqual(new Set(["a"]));
    expect(net.calls[0]!.body).toEqual(net.calls[2]!.body);
    expect(net.calls[0]!.url).toBe("/api/v1/public/units/PKM-01/ratings?t=tok");
    expect(await store.list()).toEqual([]);
    // Nothing left: a further flush sends nothing.
    await flush(store, net.fn);
    expect(net.fn).toHaveBeenCalledTimes(3);
  });

  it("keeps the item after a server error until a later attempt succeeds (200 for a repeated id too)", async () => {
    const store = memoryStore();
    await store.put(item("a"));
    const net = fakeFetch(() => json(503, { status: 503, code: "unavailable", detail: "" }), () => json(200, {}));
    const first = await flush(store, net.fn, { now: () => T0 });
    expect(first).toMatchObject({ pending: 1, stopped: "server", retryAt: T0 + 60_000 });
    // Held back until its time…
    expect(await flush(store, net.fn, { now: () => T0 + 1_000 })).toMatchObject({ pending: 1, retryAt: T0 + 60_000 });
    expect(net.fn).toHaveBeenCalledTimes(1);
    // …then sent.
    expect(await flush(store, net.fn, { now: () => T0 + 60_000 })).toMatchObject({ sent: ["a"], pending: 0 });
    expect(await store.list()).toEqual([]);
  });

  it("treats a 4xx as final: out of the queue, kept as a failure to report, never sent again", async () => {
    const store = memoryStore();
    await store.put(item("a"));
    const net = fakeFetch(() => json(404, { status: 404, code: "not_found", detail: "no such unit" }));
    expect(await flush(store, net.fn, { now: () => T0 })).toMatchObject({ rejected: ["a"], pending: 0 });
    expect(await pendingCount(store)).toBe(0);
    expect(await store.get("a")).toMatchObject({ failed: { at: T0, problem: { status: 404, code: "not_found" } } });
    await flush(store, net.fn);
    expect(net.fn).toHaveBeenCalledTimes(1);
  });

  it("keeps a rate-limited item and waits for Retry-After, stopping the flush", async () => {
    const store = memoryStore();
    await store.put(item("a", T0));
    await store.put(item("b", T0 + 1));
    const net = fakeFetch(() => json(429, { status: 429, code: "too_many_requests", detail: "" }, { "Retry-After": "120" }));
    const r = await flush(store, net.fn, { now: () => T0 });
    expect(r).toMatchObject({ sent: [], pending: 2, stopped: "rate_limited", retryAt: T0 + 120_000 });
    expect(net.calls.map((c) => c.body.id)).toEqual(["a"]);
    expect(await store.get("a")).toMatchObject({ notBefore: T0 + 120_000, attempts: 1 });
    expect(await store.get("b")).toMatchObject({ attempts: 0 });
  });

  it("sends the oldest first and goes on after a final rejection", async () => {
    const store = memoryStore();
    await store.put(item("new", T0 + 5));
    await store.put(item("old", T0));
    await store.put(item("mid", T0 + 2));
    const net = fakeFetch(
      () => json(201, {}),
      () => json(422, { status: 422, code: "validation_failed", detail: "", errors: [{ field: "answers.U1", code: "out_of_range" }] }),
      () => json(201, {}),
    );
    const r = await flush(store, net.fn, { now: () => T0 });
    expect(net.calls.map((c) => c.body.id)).toEqual(["old", "mid", "new"]);
    expect(r).toEqual({ sent: ["old", "new"], rejected: ["mid"], pending: 0 });
  });
});

describe("deliver (the page's own submission)", () => {
  it("drops a rejected item instead of keeping it, since the page shows the errors at once", async () => {
    const store = memoryStore();
    await store.put(item("a"));
    const net = fakeFetch(() =>
      json(422, { status: 422, code: "validation_failed", detail: "", errors: [{ field: "respondent.sex", code: "required" }] }),
    );
    const outcome = await deliver(store, "a", net.fn, { keepFailure: false });
    expect(outcome).toMatchObject({ kind: "rejected", problem: { errors: [{ field: "respondent.sex" }] } });
    expect(await store.list()).toEqual([]);
  });

  it("reports an item another sender delivered meanwhile without sending it again", async () => {
    const store = memoryStore();
    const net = fakeFetch();
    expect(await deliver(store, "a", net.fn)).toEqual({ kind: "gone" });
    expect(net.fn).not.toHaveBeenCalled();
  });

  it("gives up on a hanging request after the timeout and keeps the item", async () => {
    const store = memoryStore();
    await store.put(item("a"));
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("", "AbortError"))));
    expect(await deliver(store, "a", hang, { timeoutMs: 10 })).toEqual({ kind: "retry", reason: "network" });
    expect(await store.get("a")).toMatchObject({ attempts: 1 });
  });
});

describe("send", () => {
  it("posts JSON without credentials", async () => {
    const net = fakeFetch(() => json(201, {}));
    await send(item("a"), net.fn);
    const init = net.fn.mock.calls[0]![1];
    expect(init).toMatchObject({ method: "POST", credentials: "omit" });
    expect((init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("retries a 408 and treats other 4xx as final", async () => {
    expect(await send(item("a"), fakeFetch(() => json(408, {})).fn, { now: () => T0 })).toMatchObject({ kind: "retry", reason: "server" });
    expect(await send(item("a"), fakeFetch(() => json(409, { status: 409, code: "ticket_used", detail: "" })).fn)).toMatchObject({
      kind: "rejected",
      problem: { code: "ticket_used" },
    });
  });
});

describe("withQueueLock", () => {
  it("runs one sender at a time when Web Locks are missing", async () => {
    const order: string[] = [];
    const task = (name: string, ms: number) => async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([withQueueLock(task("a", 20)), withQueueLock(task("b", 1))]);
    expect(results).toEqual(["a", "b"]);
    expect(order).toEqual(["a start", "a end", "b start", "b end"]);
  });

  it("keeps going after a failed task", async () => {
    await expect(withQueueLock(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withQueueLock(async () => 1)).toBe(1);
  });
});
