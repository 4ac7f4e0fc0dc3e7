import { describe, expect, it } from "vitest";
import type { QueuedRating } from "./queue";
import { LOCAL_KEY, openStore, storageStore } from "./store";

const item = (id: string): QueuedRating => ({
  id,
  url: "/api/v1/public/units/U/ratings?t=t",
  body: { id, answers: { U1: 4 }, service_type: "x", respondent: { sex: "male", age_band: "60_plus", education: "sd", occupation: "other" } },
  queuedAt: 1,
  attempts: 0,
});

describe("storageStore", () => {
  it("keeps the outbox in localStorage, one entry per id", async () => {
    const s = storageStore(localStorage);
    await s.put(item("a"));
    await s.put(item("b"));
    await s.put({ ...item("a"), attempts: 2 });
    expect((await s.list()).map((i) => [i.id, i.attempts])).toEqual([
      ["b", 0],
      ["a", 2],
    ]);
    expect(await s.get("a")).toMatchObject({ attempts: 2 });
    await s.remove("a");
    await s.remove("b");
    expect(localStorage.getItem(LOCAL_KEY)).toBeNull();
  });

  it("survives garbage in storage", async () => {
    localStorage.setItem(LOCAL_KEY, "{not json");
    expect(await storageStore(localStorage).list()).toEqual([]);
  });
});

describe("openStore", () => {
  it("falls back to localStorage where IndexedDB is missing (as in jsdom)", async () => {
    expect(globalThis.indexedDB).toBeUndefined();
    const s = await openStore();
    await s.put(item("a"));
    expect(JSON.parse(localStorage.getItem(LOCAL_KEY)!)).toHaveLength(1);
  });
});
