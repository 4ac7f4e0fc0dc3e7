import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { common } from "../../i18n/common";
import { ELEMENTS, FLAG_REASONS, GRADES, REVIEW_STATES } from "./api";
import { registerRatingsTexts, ratings } from "./i18n";

/** Every key path of a nested text object, e.g. `flags.title`. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("ratings texts", () => {
  it("have the same keys in Indonesian and English, here and in the shared texts, none empty", () => {
    expect(keys(ratings.en).sort()).toEqual(keys(ratings.id).sort());
    expect(keys(common.en).sort()).toEqual(keys(common.id).sort());
    for (const lang of [ratings.id, ratings.en]) {
      for (const k of keys(lang)) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], lang);
        expect(value, k).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it("label every grade, flag reason, review state and element, in the regulation's words", () => {
    expect(Object.keys(ratings.id.grade)).toEqual([...GRADES]);
    expect(Object.values(ratings.id.grade)).toEqual(["Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"]);
    expect(Object.keys(ratings.id.reason)).toEqual([...FLAG_REASONS]);
    expect(ratings.id.reason).toEqual({
      honeypot: "Kolom jebakan terisi",
      address_burst: "Banyak penilaian dari perangkat yang sama",
      unit_burst: "Lonjakan penilaian di unit",
    });
    expect(Object.keys(ratings.id.state)).toEqual([...REVIEW_STATES]);
    expect(Object.keys(ratings.id.element)).toEqual([...ELEMENTS]);
    expect(ratings.id.element.U8).toBe("Penanganan Pengaduan, Saran dan Masukan");
  });

  it("name the navigation entries and register their namespace once, in both languages", () => {
    expect(common.id.nav).toMatchObject({ ratings: "Kepuasan Masyarakat", ratingsUnits: "Kepuasan Layanan", ratingsFlags: "Penilaian Ditandai", ratingsAgency: "Kepuasan per Instansi" });
    registerRatingsTexts(i18n);
    registerRatingsTexts(i18n);
    expect(i18n.t("ratings:unitPage.title", { lng: "id" })).toBe("Kepuasan Layanan");
    expect(i18n.t("ratings:unitPage.title", { lng: "en" })).toBe("Service Satisfaction");
    expect(i18n.t("ratings:link.poster", { lng: "id" })).toBe("Unduh poster (PDF)");
  });
});
