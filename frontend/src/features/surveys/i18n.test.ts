import { describe, expect, it } from "vitest";
import { surveys } from "./i18n";
import { enums } from "../../i18n/enums";
import { errors } from "../../i18n/errors";
import { common } from "../../i18n/common";

/** Every key path of a nested text object, e.g. `results.mean`. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("survey texts", () => {
  it("have the same keys in Indonesian and English, none empty", () => {
    expect(keys(surveys.en).sort()).toEqual(keys(surveys.id).sort());
    expect(keys(common.en).sort()).toEqual(keys(common.id).sort());
    for (const lang of [surveys.id, surveys.en]) {
      for (const k of keys(lang)) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], lang);
        expect(value, k).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it("label every value of the API's survey enums, and name the API's survey problems", () => {
    expect(Object.keys(enums.id.surveyAudience).sort()).toEqual(["employees", "public", "supervisors"]);
    expect(Object.keys(enums.id.surveyStatus).sort()).toEqual(["closed", "draft", "open"]);
    expect(Object.keys(enums.id.questionKind).sort()).toEqual(["likert", "multiple_choice", "single_choice", "text"]);
    for (const code of ["not_draft", "not_open", "already_answered"]) expect(errors.id.problem).toHaveProperty(code);
    for (const code of ["no_options", "option_count", "duplicate_option", "unknown_option", "wrong_type"]) expect(errors.id.field).toHaveProperty(code);
  });
});
