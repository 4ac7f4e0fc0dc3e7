// Errors of one form, and page state kept in the URL: hooks every feature's screens share.
import { useCallback, useState } from "react";
import { useSearchParams } from "react-router";
import { ApiProblem, type ProblemField } from "../api/problem";
import { useProblemText } from "./problemText";

/**
 * Errors of one form: per field (from the API's problem+json, from blank required fields, or
 * found before sending) and one general message for whatever no field of the form shows.
 * `place` maps an API field (`levels[0].indicators[2]`) to the form field showing it
 * (`levels[0].indicators`), or null.
 */
export function useFormErrors(place: (field: string) => string | null) {
  const text = useProblemText();
  const [byField, setByField] = useState<Record<string, ProblemField>>({});
  const [general, setGeneral] = useState<string | null>(null);

  /** Marks errors found before sending (`field` → reason code); true when there are none. */
  function mark(errors: Record<string, string>): boolean {
    setByField(Object.fromEntries(Object.entries(errors).map(([field, code]) => [field, { field, code, message: code }])));
    setGeneral(null);
    return Object.keys(errors).length === 0;
  }

  return {
    /** The translated message for the form field `field`, if it has one. */
    at: (field: string) => text.field(byField[field]),
    general,
    /** Whether any field shows an error. */
    any: Object.keys(byField).length > 0,
    mark,
    /** Marks blank required values; true when none is blank. */
    requireFilled(values: Record<string, string | null>): boolean {
      const missing: Record<string, string> = {};
      for (const [field, v] of Object.entries(values)) {
        if (v === null || !v.trim()) missing[field] = "required";
      }
      return mark(missing);
    },
    clear(): void {
      setByField({});
      setGeneral(null);
    },
    /** Shows a failed request: field errors at the form's fields, the rest as one message. */
    fail(err: unknown): void {
      const all = err instanceof ApiProblem ? (err.problem.errors ?? []) : [];
      const shown: Record<string, ProblemField> = {};
      const rest: string[] = [];
      for (const e of all) {
        const at = place(e.field);
        if (at !== null) {
          if (!(at in shown)) shown[at] = e;
        } else rest.push(`${e.field}: ${text.field(e) ?? e.message}`);
      }
      setByField(shown);
      const unshown = Object.keys(shown).length === 0 || rest.length > 0;
      setGeneral(unshown ? [text.problem(err), ...rest].join(" ") : null);
    },
  };
}

/**
 * Page state (a filter, a chosen unit, a page) kept in the URL, so reloads and links keep it.
 * `defaults` should be a module-level constant; values equal to their default stay out of the URL.
 */
export function useUrlState<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const get = (k: K): string => params.get(k) ?? defaults[k];
  const set = useCallback(
    (patch: Partial<Record<K, string>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of Object.keys(patch) as K[]) {
            const v = patch[k];
            if (v === undefined || v === defaults[k]) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams, defaults],
  );
  return [get, set] as const;
}
