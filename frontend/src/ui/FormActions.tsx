import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Button } from "./Button";

/** Cancelling closes a dialog (`onCancel`) or goes back to a page (`cancelTo`). */
type Cancel = { onCancel: () => void; cancelTo?: never } | { cancelTo: string; onCancel?: never };

/** Submit and cancel, at the foot of every form; the submit button says "Menyimpan…" while busy. */
export function FormActions({ busy, submitLabel, ...cancel }: { busy: boolean; submitLabel?: string } & Cancel) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? t("actions.saving") : (submitLabel ?? t("actions.save"))}
      </Button>
      {cancel.cancelTo !== undefined ? (
        <Link to={cancel.cancelTo} className="btn">
          {t("actions.cancel")}
        </Link>
      ) : (
        <Button onClick={cancel.onCancel}>{t("actions.cancel")}</Button>
      )}
    </div>
  );
}
