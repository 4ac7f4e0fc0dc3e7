// A final answer of the API, explained at the form's fields in Bahasa Indonesia.
import { ELEMENT_CODES, LIMITS, PROFILE_FIELDS } from "./constants";
import type { FieldErrors } from "./form";
import type { ProblemDoc, ProblemField } from "./problem";
import { T } from "./text";

const FORM_FIELDS = new Set<string>([
  "service_type",
  "answers",
  ...ELEMENT_CODES.map((c) => `answers.${c}`),
  ...PROFILE_FIELDS.map((f) => `respondent.${f}`),
  "waiting_minutes",
  "ticket",
  "comment",
]);

/** Whether the form shows errors of this API field next to a control. */
export const isFormField = (field: string) => FORM_FIELDS.has(field);

function fieldMessage(e: ProblemField): string {
  const { field, code } = e;
  if (field === "answers") return T.errAllSkipped;
  if (field.startsWith("answers.")) return T.errElement;
  if (field.startsWith("respondent.")) return T.errChoose;
  if (field === "waiting_minutes") return T.errWaiting(LIMITS.waitingMinutesMax);
  if (field === "ticket" && code === "ticket_used") return T.ticketUsed;
  if (code === "too_long") {
    const max = field === "comment" ? LIMITS.comment : field === "ticket" ? LIMITS.ticket : LIMITS.serviceType;
    return T.errTooLong(max);
  }
  if (field === "service_type") return T.errService;
  return T.errInvalid;
}

/** What to tell the citizen: a message for the whole form and/or messages at fields. */
export interface Explained {
  general?: string;
  fields: FieldErrors;
}

/** A final (non-retryable) answer of the API, explained in the form's terms. */
export function explain(p: ProblemDoc): Explained {
  const fields: FieldErrors = {};
  if (p.status === 404) return { general: T.badLink, fields };
  if (p.status === 429) return { general: T.tooMany, fields };
  if (p.status === 409) {
    if (p.code === "ticket_used") return { fields: { ticket: T.ticketUsed } };
    return { general: T.conflict, fields };
  }
  for (const e of p.errors) {
    if (isFormField(e.field) && !(e.field in fields)) fields[e.field] = fieldMessage(e);
  }
  // Errors about fields the citizen cannot change (`id`, an unknown element code) are ours.
  return { general: Object.keys(fields).length > 0 ? T.fixErrors : T.rejected, fields };
}

/** One sentence on why a rating saved on the device was refused later (the form is gone by then). */
export function refusalReason(p: ProblemDoc): string {
  const e = explain(p);
  return e.fields.ticket ?? (e.general && e.general !== T.fixErrors ? e.general : T.rejected);
}
