import { describe, expect, it } from "vitest";
import { ELEMENT_CODES } from "./constants";
import { buildBody, emptyState, readForm, validate, type FormState } from "./form";
import { renderForm } from "./view";

/** A complete, valid state: U1–U9 scored 4,3,2,1,4,3,2,1,4. */
function filled(): FormState {
  const s = emptyState();
  ELEMENT_CODES.forEach((c, i) => (s.answers[c] = String(4 - (i % 4))));
  s.service_type = "  Imunisasi ";
  s.respondent = { sex: "female", age_band: "30_39", education: "s1", occupation: "entrepreneur" };
  return s;
}

describe("buildBody", () => {
  it("sends the scores by code, the profile and only the optional fields that are filled", () => {
    const body = buildBody(filled(), "id-1");
    expect(body).toEqual({
      id: "id-1",
      answers: { U1: 4, U2: 3, U3: 2, U4: 1, U5: 4, U6: 3, U7: 2, U8: 1, U9: 4 },
      service_type: "Imunisasi",
      respondent: { sex: "female", age_band: "30_39", education: "s1", occupation: "entrepreneur" },
    });
    expect(JSON.stringify(body)).not.toContain("waiting_minutes");
  });

  it("leaves out elements answered «Tidak berlaku / tidak tahu»", () => {
    const s = filled();
    s.answers.U4 = "0";
    s.answers.U8 = "0";
    const body = buildBody(s, "id-2");
    expect(Object.keys(body.answers)).toEqual(["U1", "U2", "U3", "U5", "U6", "U7", "U9"]);
    expect(validate(s)).toEqual({});
  });

  it("adds waiting time as a number, trimmed ticket and comment, and a filled honeypot", () => {
    const s = filled();
    s.waiting_minutes = " 25 ";
    s.ticket = " A-017 ";
    s.comment = "  Antrean rapi. ";
    s.website = "http://spam.example";
    expect(buildBody(s, "x")).toMatchObject({
      waiting_minutes: 25,
      ticket: "A-017",
      comment: "Antrean rapi.",
      website: "http://spam.example",
    });
  });
});

describe("validate", () => {
  it("names every missing field by its API name", () => {
    const errors = validate(emptyState());
    expect(Object.keys(errors).sort()).toEqual(
      [
        "service_type",
        ...ELEMENT_CODES.map((c) => `answers.${c}`),
        "respondent.sex",
        "respondent.age_band",
        "respondent.education",
        "respondent.occupation",
      ].sort(),
    );
  });

  it("asks for at least one scored element when all are «Tidak berlaku»", () => {
    const s = filled();
    for (const c of ELEMENT_CODES) s.answers[c] = "0";
    expect(Object.keys(validate(s))).toEqual(["answers"]);
  });

  it("rejects unknown profile values, odd waiting times and over-long texts", () => {
    const s = filled();
    s.respondent.age_band = "18";
    s.waiting_minutes = "2,5";
    s.comment = "x".repeat(1001);
    expect(Object.keys(validate(s)).sort()).toEqual(["comment", "respondent.age_band", "waiting_minutes"]);
    s.waiting_minutes = "1441";
    expect(validate(s).waiting_minutes).toBeDefined();
    s.waiting_minutes = "0";
    expect(validate(s).waiting_minutes).toBeUndefined();
  });
});

describe("readForm", () => {
  it("reads the rendered form by its controls' names", () => {
    const form = renderForm();
    document.body.append(form);
    const check = (id: string) => ((document.getElementById(id) as HTMLInputElement).checked = true);
    (document.getElementById("service_type") as HTMLInputElement).value = "Laboratorium";
    ELEMENT_CODES.forEach((c) => check(`${c}-3`));
    check("U4-0");
    check("sex-male");
    check("age_band-60_plus");
    (document.getElementById("respondent-education") as HTMLSelectElement).value = "sma";
    (document.getElementById("respondent-occupation") as HTMLSelectElement).value = "other";
    (document.getElementById("waiting_minutes") as HTMLInputElement).value = "40";
    const state = readForm(form);
    expect(validate(state)).toEqual({});
    const body = buildBody(state, "id");
    expect(body.answers).toEqual({ U1: 3, U2: 3, U3: 3, U5: 3, U6: 3, U7: 3, U8: 3, U9: 3 });
    expect(body.respondent).toEqual({ sex: "male", age_band: "60_plus", education: "sma", occupation: "other" });
    expect(body.waiting_minutes).toBe(40);
    expect(body.website).toBeUndefined();
    form.remove();
  });
});
