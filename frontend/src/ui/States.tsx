// Loading, empty and error states, the same everywhere.
import { useTranslation } from "react-i18next";
import { Button } from "./Button";
import { useProblemText } from "./problemText";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("states.loading")}
    </div>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  return <div className="state state-empty">{children ?? t("states.empty")}</div>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useProblemText();
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{t("states.error")}</strong> {text.problem(error)}
      </p>
      {onRetry ? <Button onClick={onRetry}>{t("actions.retry")}</Button> : null}
    </div>
  );
}

export function Notice({ kind, children }: { kind: "error" | "success" | "info"; children: React.ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
