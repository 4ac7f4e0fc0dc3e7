import { describe, expect, it } from "vitest";
import { people } from "./i18n";

/** Every key path of a nested bundle, e.g. `fields.nip`. */
function keys(bundle: object, prefix = ""): string[] {
  return Object.entries(bundle).flatMap(([k, v]: [string, unknown]) =>
    typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("people texts", () => {
  it("have the same keys in Indonesian and English", () => {
    expect(keys(people.en).sort()).toEqual(keys(people.id).sort());
  });

  it("keep the field labels end-to-end tests look for", () => {
    expect([people.id.fields.nip, people.en.fields.nip]).toEqual(["NIP", "NIP"]);
    expect([people.id.fields.name, people.en.fields.name]).toEqual(["Nama", "Name"]);
  });
});
