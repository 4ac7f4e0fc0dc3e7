import { describe, expect, it } from "vitest";
import { org } from "./i18n";

/** Every key path of a nested text object, e.g. `units.title`. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("org texts", () => {
  it("have the same keys in Indonesian and English", () => {
    expect(keys(org.en).sort()).toEqual(keys(org.id).sort());
  });

  it("leave no text empty", () => {
    for (const lang of [org.id, org.en]) {
      for (const k of keys(lang)) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], lang);
        expect(value, k).toEqual(expect.stringMatching(/\S/));
      }
    }
  });
});
