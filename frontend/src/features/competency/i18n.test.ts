import { describe, expect, it } from "vitest";
import { competency } from "./i18n";
import { enums } from "../../i18n/enums";
import { errors } from "../../i18n/errors";
import { CLASSICAL_KINDS, NON_CLASSICAL_KINDS, formOf } from "./api";

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

  it("label the 14 kinds of development activity and their two forms", () => {
    expect(Object.keys(enums.id.activityKind).sort()).toEqual([...CLASSICAL_KINDS, ...NON_CLASSICAL_KINDS].sort());
    expect(CLASSICAL_KINDS.length + NON_CLASSICAL_KINDS.length).toBe(14);
    expect(enums.id.developmentForm).toEqual({ classical: "Klasikal", non_classical: "Nonklasikal" });
    expect(enums.id.activityKind.bimtek).toBe("Bimbingan teknis");
    expect(formOf("workshop")).toBe("classical");
    expect(formOf("on_the_job")).toBe("non_classical");
  });
});
