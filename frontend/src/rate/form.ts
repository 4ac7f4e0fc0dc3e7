// The form's state, its checks and the request body built from it (pure; no DOM but FormData).
import {
  ELEMENT_CODES,
  LIMITS,
  NOT_APPLICABLE,
  PROFILE,
  PROFILE_FIELDS,
  type ElementCode,
  type ProfileField,
  type Score,
} from "./constants";
import { T } from "./text";

/** What the form holds, as strings, keyed by the controls' names. */
export interface FormState {
  /** "1"–"4", NOT_APPLICABLE, or absent when nothing is chosen yet. */
  answers: Partial<Record<ElementCode, string>>;
  service_type: string;
  respondent: Record<ProfileField, string>;
  waiting_minutes: string;
  ticket: string;
  comment: string;
  /** The honeypot: people never see it, so it stays empty. */
  website: string;
}

/** `POST /api/v1/public/units/{unit_code}/ratings`. */
export interface RatingBody {
  id: string;
  answers: Partial<Record<ElementCode, Score>>;
  service_type: string;
  respondent: Record<ProfileField, string>;
  waiting_minutes?: number;
  ticket?: string;
  comment?: string;
  website?: string;
}

/** Field errors keyed by the API's field names (`answers.U3`, `respondent.sex`, `service_type`). */
export type FieldErrors = Record<string, string>;

export function emptyState(): FormState {
  return {
    answers: {},
    service_type: "",
    respondent: { sex: "", age_band: "", education: "", occupation: "" },
    waiting_minutes: "",
    ticket: "",
    comment: "",
    website: "",
  };
}

export function readForm(form: HTMLFormElement): FormState {
  const data = new FormData(form);
  const str = (name: string) => {
    const v = data.get(name);
    return typeof v === "string" ? v : "";
  };
  const state = emptyState();
  for (const code of ELEMENT_CODES) {
    const v = str(code);
    if (v) state.answers[code] = v;
  }
  for (const f of PROFILE_FIELDS) state.respondent[f] = str(f);
  state.service_type = str("service_type");
  state.waiting_minutes = str("waiting_minutes");
  state.ticket = str("ticket");
  state.comment = str("comment");
  state.website = str("website");
  return state;
}

const SCORE = /^[1-4]$/;
const MINUTES = /^\d{1,5}$/;

export function validate(s: FormState): FieldErrors {
  const errors: FieldErrors = {};
  const service = s.service_type.trim();
  if (!service) errors.service_type = T.errService;
  else if (service.length > LIMITS.serviceType) errors.service_type = T.errTooLong(LIMITS.serviceType);
  let scored = 0;
  for (const code of ELEMENT_CODES) {
    const v = s.answers[code];
    if (v === undefined || (v !== NOT_APPLICABLE && !SCORE.test(v))) errors[`answers.${code}`] = T.errElement;
    else if (v !== NOT_APPLICABLE) scored++;
  }
  const allChosen = ELEMENT_CODES.every((c) => !(`answers.${c}` in errors));
  if (allChosen && scored === 0) errors.answers = T.errAllSkipped;
  for (const f of PROFILE_FIELDS) {
    const v = s.respondent[f];
    if (!PROFILE[f].some((c) => c.value === v)) errors[`respondent.${f}`] = T.errChoose;
  }
  const wait = s.waiting_minutes.trim();
  if (wait && (!MINUTES.test(wait) || Number(wait) > LIMITS.waitingMinutesMax)) {
    errors.waiting_minutes = T.errWaiting(LIMITS.waitingMinutesMax);
  }
  if (s.ticket.trim().length > LIMITS.ticket) errors.ticket = T.errTooLong(LIMITS.ticket);
  if (s.comment.trim().length > LIMITS.comment) errors.comment = T.errTooLong(LIMITS.comment);
  return errors;
}

/**
 * The request body: scored elements only ("Tidak berlaku" and unanswered ones are left out),
 * trimmed texts, optional fields only when filled. Call after `validate` found nothing.
 */
export function buildBody(s: FormState, id: string): RatingBody {
  const answers: Partial<Record<ElementCode, Score>> = {};
  for (const code of ELEMENT_CODES) {
    const v = s.answers[code];
    if (v && SCORE.test(v)) answers[code] = Number(v) as Score;
  }
  const body: RatingBody = {
    id,
    answers,
    service_type: s.service_type.trim(),
    respondent: { ...s.respondent },
  };
  const wait = s.waiting_minutes.trim();
  if (wait && MINUTES.test(wait)) body.waiting_minutes = Number(wait);
  const ticket = s.ticket.trim();
  if (ticket) body.ticket = ticket;
  const comment = s.comment.trim();
  if (comment) body.comment = comment;
  if (s.website) body.website = s.website;
  return body;
}
