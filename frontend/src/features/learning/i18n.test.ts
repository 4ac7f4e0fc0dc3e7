import { describe, expect, it } from "vitest";
import { learning } from "./i18n";
import { common } from "../../i18n/common";
import { enums } from "../../i18n/enums";
import { errors } from "../../i18n/errors";
import { ACTIVITY_KINDS, DELIVERIES, PROGRAMME_STATUSES } from "./api";

/** Every key path of a nested text object, e.g. `player.markDone`. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("learning texts", () => {
  it("have the same keys in Indonesian and English, here and in the shared texts, none empty", () => {
    expect(keys(learning.en).sort()).toEqual(keys(learning.id).sort());
    expect(keys(common.en).sort()).toEqual(keys(common.id).sort());
    expect(keys(enums.en).sort()).toEqual(keys(enums.id).sort());
    expect(keys(errors.en).sort()).toEqual(keys(errors.id).sort());
    for (const lang of [learning.id, learning.en]) {
      for (const k of keys(lang)) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], lang);
        expect(value, k).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it("label every value of the API's learning enums, and name the API's learning problems", () => {
    expect(Object.keys(learning.id.kind).sort()).toEqual([...ACTIVITY_KINDS].sort());
    expect(ACTIVITY_KINDS).toHaveLength(14);
    expect(learning.id.kind.on_the_job).toBe("Pembelajaran di tempat kerja");
    expect(Object.keys(enums.id.programmeStatus).sort()).toEqual([...PROGRAMME_STATUSES].sort());
    expect(Object.keys(enums.id.delivery).sort()).toEqual([...DELIVERIES].sort());
    expect(Object.keys(enums.id.enrolmentStatus).sort()).toEqual(["cancelled", "completed", "enrolled", "waitlisted"]);
    expect(Object.keys(enums.id.unmet).sort()).toEqual(["attendance", "modules", "post_test"]);
    for (const code of ["quiz_not_passed", "already_taken", "not_published", "not_over", "self_paced", "no_attendance", "in_use", "archived"]) expect(errors.id.problem).toHaveProperty(code);
    for (const code of ["choice_count", "duplicate_choice", "correct_required", "single_correct", "outside_session", "programme_code"]) expect(errors.id.field).toHaveProperty(code);
  });
});
