import { describe, expect, it } from "vitest";
import { competency } from "./i18n";
import { enums } from "../../i18n/enums";
import { errors } from "../../i18n/errors";

/** Every key path of a nested text object, e.g. `needs.title`. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("competency texts", () => {
  it("have the same keys in Indonesian and English, here and in the shared enums and errors", () => {
    expect(keys(competency.en).sort()).toEqual(keys(competency.id).sort());
    expect(keys(enums.en).sort()).toEqual(keys(enums.id).sort());
    expect(keys(errors.en).sort()).toEqual(keys(errors.id).sort());
  });

  it("leave no text empty", () => {
    for (const lang of [competency.id, competency.en]) {
      for (const k of keys(lang)) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], lang);
        expect(value, k).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it("label every value of the API's competency enums", () => {
    expect(Object.keys(enums.id.competencyGroup).sort()).toEqual(["managerial", "socio_cultural", "technical"]);
    expect(Object.keys(enums.id.assessmentMethod).sort()).toEqual(["assessment_centre", "imported", "self", "supervisor", "test"]);
    expect(Object.keys(enums.id.matchCategory).sort()).toEqual(["does_not_meet", "meets", "still_meets"]);
    expect(Object.keys(enums.id.needSignal).sort()).toEqual(["citizen", "depth", "gap", "performance", "survey"]);
    expect(enums.id.matchCategory).toEqual({ meets: "Memenuhi", still_meets: "Masih memenuhi", does_not_meet: "Belum memenuhi" });
  });
});
