import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { jp, registerJpTexts } from "./i18n";

/** Every key path of a nested text object, e.g. `ledger.title`. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("JP texts", () => {
  it("have the same keys in Indonesian and English", () => {
    expect(keys(jp.en).sort()).toEqual(keys(jp.id).sort());
  });

  it("leave no text empty", () => {
    for (const lang of [jp.id, jp.en]) {
      for (const k of keys(lang)) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], lang);
        expect(value, k).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it("label every source of a credit", () => {
    expect(Object.keys(jp.id.source).sort()).toEqual(["activity", "external", "session"]);
    expect(jp.id.source).toEqual({ session: "Pembina", external: "Pelatihan luar", activity: "Kegiatan nonklasikal" });
  });

  it("register their namespace once, in both languages", () => {
    registerJpTexts(i18n);
    registerJpTexts(i18n);
    expect(i18n.t("jp:dashboard.title", { lng: "id" })).toBe("Capaian 20 JP");
    expect(i18n.t("jp:dashboard.title", { lng: "en" })).toBe("20 JP Attainment");
  });
});
