// Turns API problems and field errors into text in the reader's language.
import { useTranslation } from "react-i18next";
import { ApiProblem, type ProblemField } from "../api/problem";

export function useProblemText() {
  const { t } = useTranslation("errors");
  return {
    /** The message for a whole failed request. */
    problem(error: unknown): string {
      if (error instanceof ApiProblem) {
        const minutes = Math.max(1, Math.round(Number(/(\d+) more minute/.exec(error.problem.detail)?.[1] ?? 15)));
        return t(`problem.${error.code}`, { defaultValue: error.problem.detail, minutes });
      }
      return t("problem.network_error");
    },
    /** The message for one field's error. */
    field(e: ProblemField | undefined): string | undefined {
      if (!e) return undefined;
      return t(`field.${e.code}`, { defaultValue: e.message });
    },
  };
}
