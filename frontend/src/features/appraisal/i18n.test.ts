import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { common } from "../../i18n/common";
import { PREDIKATS, RATINGS, RATING_SOURCES, UNIT_RESULTS } from "./api";
import { appraisal, registerAppraisalTexts } from "./i18n";

/** Every key path of a nested text object, e.g. `distribution.title`. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** Every warning of the curve (crates/domain/src/appraisal/curve.rs), by the unit result it is read against. */
const CURVE_WARNINGS: Record<(typeof UNIT_RESULTS)[number], string[]> = {
  istimewa: ["too_many_sangat_baik"],
  baik: ["too_many_baik", "none_below_baik"],
  butuh_perbaikan: ["too_few_butuh_perbaikan", "too_many_sangat_baik"],
  kurang: ["too_few_kurang", "too_few_butuh_perbaikan", "too_many_sangat_baik"],
  sangat_kurang: ["too_few_sangat_kurang", "too_few_kurang", "any_sangat_baik"],
};

describe("appraisal texts", () => {
  it("have the same keys in Indonesian and English, here and in the shared texts, none empty", () => {
    expect(keys(appraisal.en).sort()).toEqual(keys(appraisal.id).sort());
    expect(keys(common.en).sort()).toEqual(keys(common.id).sort());
    for (const lang of [appraisal.id, appraisal.en]) {
      for (const k of keys(lang)) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], lang);
        expect(value, k).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it("label every value of the API's appraisal enums, in the regulation's words", () => {
    expect(Object.keys(appraisal.id.predikat)).toEqual([...PREDIKATS]);
    expect(Object.values(appraisal.id.predikat)).toEqual(["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]);
    expect(Object.keys(appraisal.id.rating).sort()).toEqual([...RATINGS].sort());
    expect(Object.values(appraisal.id.rating)).toEqual(["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]);
    expect(Object.keys(appraisal.id.unitResult)).toEqual([...UNIT_RESULTS]);
    expect(Object.values(appraisal.id.unitResult)).toEqual(["Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]);
    expect(appraisal.id.source).toEqual({ skp: "SKP Pembina", import: "Impor" });
    expect(Object.keys(appraisal.id.source).sort()).toEqual([...RATING_SOURCES].sort());
    expect(Object.keys(appraisal.id.curve)).toEqual([...UNIT_RESULTS]);
  });

  it("word every warning of the curve for each unit result, and nothing else", () => {
    for (const lang of [appraisal.id, appraisal.en]) {
      expect(Object.keys(lang.warning)).toEqual([...UNIT_RESULTS]);
      for (const result of UNIT_RESULTS) expect(Object.keys(lang.warning[result]).sort(), result).toEqual([...CURVE_WARNINGS[result]].sort());
    }
  });

  it("name the navigation entries and register their namespace once, in both languages", () => {
    expect(common.id.nav).toMatchObject({ appraisalDistribution: "Distribusi Predikat", myAppraisal: "Predikat Saya" });
    registerAppraisalTexts(i18n);
    registerAppraisalTexts(i18n);
    expect(i18n.t("appraisal:distribution.title", { lng: "id" })).toBe("Distribusi Predikat");
    expect(i18n.t("appraisal:distribution.title", { lng: "en" })).toBe("Rating Distribution");
    expect(i18n.t("appraisal:outcomes.caution", { lng: "id" })).toBe("Perbandingan ini menunjukkan keterkaitan, bukan bukti sebab-akibat.");
  });
});
