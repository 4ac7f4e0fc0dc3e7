// Form pieces of the account dialogs: field errors from problems, the role checkboxes and the
// notice above a form that failed.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem, type ProblemField } from "../../api/problem";
import { FieldMessages, describedBy } from "../../ui/Field";
import { Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { ROLES, type Role } from "./api";

export type FieldErrors = Record<string, ProblemField>;

/** Conflicts (409) that belong to one field even when the problem names none. */
const CONFLICT_FIELDS: Record<string, string> = { duplicate_email: "email", employee_already_linked: "employee_id" };

export const MIN_PASSWORD = 10;

/** The field errors of a failed request, conflicts included. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiProblem)) return {};
  const out = error.fieldErrors();
  const field = CONFLICT_FIELDS[error.code];
  if (field && !(field in out)) out[field] = { field, code: error.code, message: error.problem.detail };
  return out;
}

/** A field error found before sending, worded by the same `errors:field.*` texts as the API's. */
export function localError(field: string, code: "required" | "password_too_short"): ProblemField {
  return { field, code, message: code };
}

/** What went wrong, above the form: "check the marked fields", or the problem itself when no field shows it. */
export function FormProblem({ error, errors, shown }: { error: unknown; errors: FieldErrors; shown: readonly string[] }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const placed = Object.keys(errors).filter((f) => shown.includes(f));
  const unplaced = Object.values(errors).filter((e) => !shown.includes(e.field));
  if (!error && placed.length === 0) return null;
  return (
    <Notice kind="error">
      {placed.length > 0 && unplaced.length === 0 ? t("form.fixErrors") : text.problem(error)}
      {unplaced.map((e) => (
        <span key={e.field}> {text.field(e)}</span>
      ))}
    </Notice>
  );
}

type RoleProps = {
  value: Role[];
  onChange: (roles: Role[]) => void;
  offered: readonly Role[];
  /** Roles shown checked that cannot be taken away. */
  locked?: readonly Role[];
  hint?: string | undefined;
  error?: string | undefined;
};

/** The roles of an account as a group of checkboxes. */
export function RoleFieldset({ value, onChange, offered, locked = [], hint, error }: RoleProps) {
  const { t } = useTranslation("accounts");
  const id = useId();
  // Kept in the order of ROLES, whatever the order of the clicks.
  const toggle = (r: Role, on: boolean) => onChange(ROLES.filter((x) => (x === r ? on : value.includes(x))));
  return (
    <fieldset className={`field${error ? " field-invalid" : ""}`} aria-describedby={describedBy(id, error, hint)}>
      <legend>
        {t("form.roles")}
        <span className="req" aria-hidden="true">
          {" "}
          *
        </span>
      </legend>
      {offered.map((r) => (
        <label key={r} className="inline">
          <input
            type="checkbox"
            name="roles"
            value={r}
            checked={value.includes(r)}
            disabled={locked.includes(r)}
            aria-invalid={error ? true : undefined}
            onChange={(e) => toggle(r, e.target.checked)}
          />
          {t(`enums:role.${r}`)}
        </label>
      ))}
      <FieldMessages id={id} error={error} hint={hint} />
    </fieldset>
  );
}
