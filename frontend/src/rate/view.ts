// The page's DOM, built by hand (no framework: the page must stay tiny). Every control has a
// stable id derived from its API field (`answers.U3` → `answers-U3`, `respondent.sex` →
// `respondent-sex`), its message `<id>-error`, and its container `data-field="<API field>"`.
import {
  COMMON_SERVICE_TYPES,
  ELEMENTS,
  LIMITS,
  NOT_APPLICABLE,
  PROFILE,
  type Choice,
  type ElementDef,
  type ProfileField,
} from "./constants";
import type { FieldErrors } from "./form";
import { T } from "./text";

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === true) el.setAttribute(k, "");
    else if (v !== false && v !== undefined) el.setAttribute(k, String(v));
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

/** The DOM id of an API field's control or group. */
export const domId = (field: string) => field.replace(".", "-");
/** A value made safe as part of an id (`<` → `lt`, `+` → `plus`). */
export const idPart = (value: string) => value.replace("<", "lt").replace("+", "plus");

const errorOf = (field: string) => h("p", { id: `${domId(field)}-error`, class: "error", hidden: true });
const hintOf = (field: string, text: string) => h("p", { id: `${domId(field)}-hint`, class: "hint" }, text);
const tag = (text: string) => h("span", { class: "tag" }, text);

function choiceRow(name: string, id: string, value: string, label: string, extra?: string): HTMLLabelElement {
  return h(
    "label",
    { class: extra ? `choice ${extra}` : "choice", for: id },
    h("input", { type: "radio", name, id, value }),
    h("span", null, label),
  );
}

function elementGroup(e: ElementDef): HTMLFieldSetElement {
  const field = `answers.${e.code}`;
  const id = domId(field);
  return h(
    "fieldset",
    { id, class: "card q", "data-field": field, "aria-describedby": `${id}-q ${id}-error` },
    h("legend", null, h("span", { class: "code" }, e.code), " ", e.name),
    h("p", { id: `${id}-q`, class: "hint" }, e.question),
    errorOf(field),
    ...e.answers.map((label, i) => choiceRow(e.code, `${e.code}-${i + 1}`, String(i + 1), label)),
    choiceRow(e.code, `${e.code}-${NOT_APPLICABLE}`, NOT_APPLICABLE, T.notApplicable, "na"),
  );
}

function radioGroup(f: ProfileField, legend: string, choices: readonly Choice[]): HTMLFieldSetElement {
  const field = `respondent.${f}`;
  const id = domId(field);
  return h(
    "fieldset",
    { id, class: "chips", "data-field": field, "aria-describedby": `${id}-error` },
    h("legend", null, legend),
    errorOf(field),
    ...choices.map((c) => choiceRow(f, `${f}-${idPart(c.value)}`, c.value, c.label)),
  );
}

function selectField(f: ProfileField, label: string, choices: readonly Choice[]): HTMLDivElement {
  const field = `respondent.${f}`;
  const id = domId(field);
  return h(
    "div",
    { class: "field", "data-field": field },
    h("label", { for: id }, label),
    errorOf(field),
    h(
      "select",
      { id, name: f, "aria-describedby": `${id}-error` },
      h("option", { value: "" }, T.choose),
      ...choices.map((c) => h("option", { value: c.value }, c.label)),
    ),
  );
}

function textField(
  field: string,
  label: string,
  hint: string | null,
  input: HTMLInputElement | HTMLTextAreaElement,
  optional: boolean,
): HTMLDivElement {
  const id = domId(field);
  input.id = id;
  input.name = field;
  input.setAttribute("aria-describedby", `${hint ? `${id}-hint ` : ""}${id}-error`);
  return h(
    "div",
    { class: "field", "data-field": field },
    h("label", { for: id }, label, " ", tag(optional ? T.optional : T.required)),
    hint ? hintOf(field, hint) : null,
    errorOf(field),
    input,
  );
}

export function serviceTypeOptions(list: HTMLDataListElement, types: readonly string[]): void {
  list.replaceChildren(...types.map((t) => h("option", { value: t })));
}

/** The rating form, empty. */
export function renderForm(serviceTypes: readonly string[] = COMMON_SERVICE_TYPES): HTMLFormElement {
  const datalist = h("datalist", { id: "service-types" });
  serviceTypeOptions(datalist, serviceTypes);
  return h(
    "form",
    { id: "rating-form", novalidate: true, "aria-describedby": "consent" },
    h(
      "section",
      { id: "consent", class: "card note", "aria-labelledby": "consent-title" },
      h("h2", { id: "consent-title" }, T.consentTitle),
      h("p", null, T.consent),
    ),
    h("p", { id: "form-error", class: "alert", role: "alert", tabindex: -1, hidden: true }),
    textField(
      "service_type",
      T.serviceType,
      T.serviceTypeHint,
      h("input", { type: "text", list: "service-types", maxlength: LIMITS.serviceType, autocomplete: "off" }),
      false,
    ),
    datalist,
    h(
      "section",
      { id: "answers", tabindex: -1, "aria-labelledby": "answers-title", "data-field": "answers" },
      h("h2", { id: "answers-title" }, T.elementsTitle),
      h("p", { class: "hint" }, T.elementsHint),
      errorOf("answers"),
      ...ELEMENTS.map(elementGroup),
    ),
    h(
      "section",
      { "aria-labelledby": "profile-title" },
      h("h2", { id: "profile-title" }, T.profileTitle),
      h("p", { class: "hint" }, T.profileHint),
      radioGroup("sex", T.sex, PROFILE.sex),
      radioGroup("age_band", T.ageBand, PROFILE.age_band),
      selectField("education", T.education, PROFILE.education),
      selectField("occupation", T.occupation, PROFILE.occupation),
    ),
    h(
      "section",
      { "aria-labelledby": "extra-title" },
      h("h2", { id: "extra-title" }, T.extraTitle),
      textField(
        "waiting_minutes",
        T.waitingMinutes,
        T.waitingHint,
        // Text with a numeric keypad: a number input would drop "2,5" silently instead of saying so.
        h("input", { type: "text", inputmode: "numeric", pattern: "[0-9]*", maxlength: 4, autocomplete: "off" }),
        true,
      ),
      textField("ticket", T.ticket, T.ticketHint, h("input", { type: "text", maxlength: LIMITS.ticket, autocomplete: "off" }), true),
      textField("comment", T.comment, T.commentHint, h("textarea", { rows: 4, maxlength: LIMITS.comment }), true),
    ),
    // The honeypot: out of sight, out of the tab order and of assistive technology.
    h(
      "div",
      { class: "hp", "aria-hidden": "true" },
      h("label", { for: "website" }, T.honeypot),
      h("input", { type: "text", id: "website", name: "website", tabindex: -1, autocomplete: "off" }),
    ),
    h("button", { type: "submit", id: "submit", class: "btn" }, T.submit),
  );
}

const controlsOf = (el: Element) =>
  el.matches("input, select, textarea") ? [el] : Array.from(el.querySelectorAll("input, select, textarea"));

export function clearErrors(form: HTMLFormElement): void {
  for (const p of form.querySelectorAll<HTMLElement>(".error, #form-error")) {
    p.textContent = "";
    p.hidden = true;
  }
  for (const c of form.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
}

/**
 * Shows messages at their fields (and `general` above the form), marks the controls invalid and
 * focuses the first field in page order, or the general message when no field is named.
 */
export function showErrors(form: HTMLFormElement, errors: FieldErrors, general?: string): void {
  clearErrors(form);
  let first: HTMLElement | undefined;
  for (const box of form.querySelectorAll<HTMLElement>("[data-field]")) {
    const field = box.dataset.field!;
    const message = errors[field];
    if (!message) continue;
    const p = form.querySelector<HTMLElement>(`[id="${domId(field)}-error"]`);
    if (p) {
      p.textContent = message;
      p.hidden = false;
    }
    const controls = field === "answers" ? [] : controlsOf(box);
    for (const c of controls) c.setAttribute("aria-invalid", "true");
    if (!first) {
      const radios = controls.filter((c): c is HTMLInputElement => c instanceof HTMLInputElement && c.type === "radio");
      first = (radios.find((r) => r.checked) ?? controls[0] ?? box) as HTMLElement;
    }
  }
  const top = form.querySelector<HTMLElement>("#form-error")!;
  if (general) {
    top.textContent = general;
    top.hidden = false;
  }
  (first ?? (general ? top : undefined))?.focus();
}

export interface Notice {
  id: string;
  text: string;
}

/** The notices above the form: items waiting to be sent, and refusals to report. */
export function renderNotices(
  box: HTMLElement,
  pending: string | null,
  refusals: Notice[],
  onClose: (id: string) => void,
): void {
  const items: Node[] = refusals.map((r) => {
    const close = h("button", { type: "button", class: "btn link" }, T.close);
    close.addEventListener("click", () => onClose(r.id));
    return h("div", { class: "card notice bad", "data-refusal": r.id }, h("p", null, r.text), close);
  });
  if (pending) items.unshift(h("p", { class: "card notice", id: "pending" }, pending));
  box.replaceChildren(...items);
}

/** The page after a submission: thanks, or saved for later. */
export function renderDone(title: string, text: string, againHref: string): HTMLElement {
  return h(
    "section",
    { id: "done", class: "card done", "aria-labelledby": "done-title" },
    h("h2", { id: "done-title", tabindex: -1 }, title),
    h("p", { id: "done-text", role: "status" }, text),
    h("a", { id: "rate-again", class: "btn", href: againHref }, T.rateAgain),
  );
}
