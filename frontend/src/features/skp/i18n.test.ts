import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { common } from "../../i18n/common";
import { errors } from "../../i18n/errors";
import { APPROACHES, BEHAVIOUR_VALUES, PREDIKATS, QUARTERS, RATINGS, SECTIONS, STATES, STEPS } from "./api";
import { registerSkpTexts, skp } from "./i18n";

/** Every key path of a nested text object, e.g. `plan.title`. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("SKP texts", () => {
  it("have the same keys in Indonesian and English, none empty", () => {
    expect(keys(skp.en).sort()).toEqual(keys(skp.id).sort());
    expect(keys(common.en).sort()).toEqual(keys(common.id).sort());
    expect(keys(errors.en).sort()).toEqual(keys(errors.id).sort());
    for (const lang of [skp.id, skp.en]) {
      for (const k of keys(lang)) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], lang);
        expect(value, k).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it("label every value of the API's SKP enums, in the regulation's words", () => {
    expect(Object.keys(skp.id.state).sort()).toEqual([...STATES].sort());
    expect(Object.keys(skp.id.rating).sort()).toEqual([...RATINGS].sort());
    expect(Object.keys(skp.id.predikat).sort()).toEqual([...PREDIKATS].sort());
    expect(Object.keys(skp.id.step).sort()).toEqual([...STEPS].sort());
    expect(Object.keys(skp.id.stepDone).sort()).toEqual([...STEPS].sort());
    expect(Object.keys(skp.id.section).sort()).toEqual([...SECTIONS].sort());
    expect(Object.keys(skp.id.approach).sort()).toEqual([...APPROACHES].sort());
    expect(Object.keys(skp.id.quarter)).toEqual(QUARTERS.map(String));
    expect(Object.keys(skp.id.next.owner).sort()).toEqual([...STATES].sort());
    expect(Object.keys(skp.id.next.rater).sort()).toEqual([...STATES].sort());
    expect(skp.id.state).toEqual({ draft: "Draf", agreed: "Disepakati", in_progress: "Berjalan", evaluated: "Dinilai", final: "Final" });
    expect(Object.values(skp.id.rating)).toEqual(["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]);
    expect(Object.values(skp.id.predikat)).toEqual(["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]);
    expect(Object.keys(skp.id.behaviour)).toEqual([...BEHAVIOUR_VALUES]);
    expect(Object.values(skp.id.behaviour)).toEqual(["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]);
  });

  it("word every step of the workflow in the plan's history", () => {
    // The steps are recorded under their own names, as actions on the plan.
    for (const step of STEPS) expect(skp.id.history.event.skp_plan, step).toHaveProperty(step);
    expect(Object.keys(skp.id.history.event).sort()).toEqual(["skp_evidence", "skp_feedback", "skp_periodic_rating", "skp_plan", "skp_realisation"]);
  });

  it("name the API's SKP problems and field reasons in both languages", () => {
    for (const code of ["no_supervisor", "invalid_transition", "result_supported"]) {
      expect(errors.id.problem).toHaveProperty(code);
      expect(errors.en.problem).toHaveProperty(code);
    }
    expect(errors.id.field).toHaveProperty("invalid_url");
    expect(common.id.nav).toMatchObject({ performance: "Kinerja", mySkp: "SKP Saya", myTeam: "Tim Saya" });
  });

  it("register their namespace once, in both languages", () => {
    registerSkpTexts(i18n);
    registerSkpTexts(i18n);
    expect(i18n.t("skp:mine.title", { lng: "id" })).toBe("SKP Saya");
    expect(i18n.t("skp:mine.title", { lng: "en" })).toBe("My Performance Plan");
  });
});
