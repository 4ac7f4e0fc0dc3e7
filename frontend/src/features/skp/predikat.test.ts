import { describe, expect, it } from "vitest";
import { RATINGS, type Predikat, type Rating } from "./api";
import { predikatOf } from "./predikat";

describe("the predikat matrix", () => {
  // (work results, work behaviour) → predikat, as the domain rules (§1) give it.
  const cells: [Rating, Rating, Predikat][] = [
    ["above", "below", "kurang"],
    ["above", "as_expected", "baik"],
    ["above", "above", "sangat_baik"],
    ["as_expected", "below", "kurang"],
    ["as_expected", "as_expected", "baik"],
    ["as_expected", "above", "baik"],
    ["below", "below", "sangat_kurang"],
    ["below", "as_expected", "butuh_perbaikan"],
    ["below", "above", "butuh_perbaikan"],
  ];

  it.each(cells)("results %s, behaviour %s → %s", (results, behaviour, predikat) => {
    expect(predikatOf(results, behaviour)).toBe(predikat);
  });

  it("covers every pair of ratings once", () => {
    const pairs = cells.map(([r, b]) => `${r}/${b}`).sort();
    expect(pairs).toEqual(RATINGS.flatMap((r) => RATINGS.map((b) => `${r}/${b}`)).sort());
    expect(new Set(pairs).size).toBe(9);
  });
});
