import { afterEach, describe, expect, it } from "vitest";
import { ELEMENTS } from "./constants";
import { explain } from "./explain";
import { T } from "./text";
import { clearErrors, renderForm, showErrors } from "./view";

afterEach(() => document.body.replaceChildren());

function mount() {
  const form = renderForm();
  document.body.append(form);
  return form;
}

const byId = <E extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as E;

describe("renderForm", () => {
  it("has every element as a labelled radio group with its four wordings and «Tidak berlaku»", () => {
    mount();
    for (const e of ELEMENTS) {
      const group = byId<HTMLFieldSetElement>(`answers-${e.code}`);
      expect(group.tagName).toBe("FIELDSET");
      expect(group.querySelector("legend")!.textContent).toBe(`${e.code} ${e.name}`);
      const radios = Array.from(group.querySelectorAll<HTMLInputElement>("input[type=radio]"));
      expect(radios.map((r) => r.value)).toEqual(["1", "2", "3", "4", "0"]);
      expect(radios.map((r) => r.labels?.[0]?.textContent)).toEqual([...e.answers, T.notApplicable]);
      expect(new Set(radios.map((r) => r.name))).toEqual(new Set([e.code]));
    }
    expect(byId("U4-4").labels![0]!.textContent).toBe("Gratis");
    expect(byId("U8-1").labels![0]!.textContent).toBe("Tidak ada");
  });

  it("labels the profile, the optional fields and offers service types", () => {
    mount();
    expect(byId("sex-female").labels![0]!.textContent).toBe("Perempuan");
    expect(byId("age_band-under_20").getAttribute("value")).toBe("under_20");
    expect(byId("age_band-60_plus").getAttribute("value")).toBe("60_plus");
    expect(Array.from(byId<HTMLSelectElement>("respondent-education").options).map((o) => o.value)).toEqual([
      "",
      "sd",
      "smp",
      "sma",
      "diploma",
      "s1",
      "s2",
      "s3",
    ]);
    for (const id of ["service_type", "respondent-education", "respondent-occupation", "waiting_minutes", "ticket", "comment"]) {
      expect(byId<HTMLInputElement>(id).labels).toHaveLength(1);
    }
    expect(byId("service_type").getAttribute("list")).toBe("service-types");
    expect(byId("service-types").querySelectorAll("option").length).toBeGreaterThan(5);
    expect(document.body.textContent).toContain("tidak ada nama atau NIK");
  });

  it("hides the honeypot from people and assistive technology", () => {
    mount();
    const trap = byId<HTMLInputElement>("website");
    expect(trap.name).toBe("website");
    expect(trap.getAttribute("tabindex")).toBe("-1");
    expect(trap.getAttribute("autocomplete")).toBe("off");
    expect(trap.closest("[aria-hidden=true]")).not.toBeNull();
  });
});

describe("showErrors", () => {
  it("shows a 422's messages at the named fields and focuses the first in page order", () => {
    const form = mount();
    const e = explain({
      status: 422,
      code: "validation_failed",
      detail: "",
      errors: [
        { field: "respondent.sex", code: "required" },
        { field: "answers.U3", code: "out_of_range" },
      ],
    });
    showErrors(form, e.fields, e.general);
    expect(byId("answers-U3-error").textContent).toBe(T.errElement);
    expect(byId("answers-U3-error").hidden).toBe(false);
    expect(byId("respondent-sex-error").textContent).toBe(T.errChoose);
    expect(byId("U3-1").getAttribute("aria-invalid")).toBe("true");
    expect(byId("answers-U3").getAttribute("aria-describedby")).toContain("answers-U3-error");
    expect(document.activeElement).toBe(byId("U3-1"));
    expect(byId("form-error").textContent).toBe(T.fixErrors);
    expect(byId("answers-U2-error").hidden).toBe(true);
  });

  it("focuses the chosen radio of a group, a text field, or the general message", () => {
    const form = mount();
    byId<HTMLInputElement>("U5-2").checked = true;
    showErrors(form, { "answers.U5": T.errElement, comment: "x" });
    expect(document.activeElement).toBe(byId("U5-2"));
    showErrors(form, { ticket: T.ticketUsed });
    expect(document.activeElement).toBe(byId("ticket"));
    expect(byId("ticket").getAttribute("aria-invalid")).toBe("true");
    expect(byId("U5-2").hasAttribute("aria-invalid")).toBe(false);
    showErrors(form, {}, T.badLink);
    expect(document.activeElement).toBe(byId("form-error"));
    clearErrors(form);
    expect(byId("form-error").hidden).toBe(true);
  });
});
