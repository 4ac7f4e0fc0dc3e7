import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { common } from "../../i18n/common";
import { ASPECTS, FOLLOW_UP_ROLES, FOLLOW_UP_STATUSES, GAIN_BANDS, RATINGS, USAGES } from "./api";
import { evaluation, registerEvaluationTexts } from "./i18n";

/** Every key path of a nested text object, e.g. `reaction.title`. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("evaluation texts", () => {
  it("have the same keys in Indonesian and English, here and in the shared texts, none empty", () => {
    expect(keys(evaluation.en).sort()).toEqual(keys(evaluation.id).sort());
    expect(keys(common.en).sort()).toEqual(keys(common.id).sort());
    for (const lang of [evaluation.id, evaluation.en]) {
      for (const k of keys(lang)) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], lang);
        expect(value, k).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it("label every value of the API's evaluation enums, in Indonesian", () => {
    expect(Object.keys(evaluation.id.usage)).toEqual([...USAGES]);
    expect(evaluation.id.usage).toEqual({ not_used: "Belum diterapkan", partly: "Sebagian diterapkan", regularly: "Rutin diterapkan" });
    expect(Object.keys(evaluation.id.status)).toEqual([...FOLLOW_UP_STATUSES]);
    expect(evaluation.id.status).toEqual({ not_due: "Belum jatuh tempo", open: "Terbuka", overdue: "Terlambat", answered: "Terjawab" });
    expect(Object.keys(evaluation.id.role)).toEqual([...FOLLOW_UP_ROLES]);
    // Hake's bands (crates/domain/src/learning/evaluation.rs GainBand).
    expect(Object.keys(evaluation.id.band)).toEqual([...GAIN_BANDS]);
    expect(evaluation.id.band).toEqual({ high: "Tinggi", medium: "Sedang", low: "Rendah" });
    expect(Object.keys(evaluation.id.aspect)).toEqual([...ASPECTS, "overall"]);
    expect(Object.keys(evaluation.id.aspectHint)).toEqual([...ASPECTS]);
    expect(Object.keys(evaluation.id.rating)).toEqual(RATINGS.map(String));
  });

  it("name the navigation entries and register their namespace once, in both languages", () => {
    expect(common.id.nav).toMatchObject({ myFollowUps: "Evaluasi Pasca Pelatihan", evaluationFollowUps: "Tindak Lanjut Evaluasi" });
    registerEvaluationTexts(i18n);
    registerEvaluationTexts(i18n);
    expect(i18n.t("evaluation:reaction.title", { lng: "id" })).toBe("Penilaian Pelatihan");
    expect(i18n.t("evaluation:reaction.title", { lng: "en" })).toBe("Training Feedback");
    expect(i18n.t("evaluation:mine.title", { lng: "id" })).toBe(common.id.nav.myFollowUps);
    expect(i18n.t("evaluation:admin.title", { lng: "id" })).toBe(common.id.nav.evaluationFollowUps);
  });
});
