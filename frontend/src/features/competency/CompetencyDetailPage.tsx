// One competency: its description and the five levels with their behavioural indicators.
// Admins change, retire or reinstate technical competencies; the national catalogue is read-only.
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { useCompetency, useUpdateCompetency } from "./api";
import { CompetencyBadges } from "./CompetencyBadges";
import { paths } from "./paths";

function justSaved(state: unknown): boolean {
  return typeof state === "object" && state !== null && "saved" in state && state.saved === true;
}

export function CompetencyDetailPage({ id }: { id: string }) {
  const { t } = useTranslation("competency");
  const { isAdmin } = useSession();
  const location = useLocation();
  const text = useProblemText();
  const competency = useCompetency(id);
  const update = useUpdateCompetency();
  const [confirming, setConfirming] = useState(false);
  const [flash, setFlash] = useState<string | null>(justSaved(location.state) ? t("form.saved") : null);

  const back = (
    <p>
      <Link to={paths.dictionary}>← {t("detail.back")}</Link>
    </p>
  );
  if (competency.isPending) return <Loading />;
  if (competency.isError) {
    return (
      <>
        <ErrorState error={competency.error} onRetry={() => void competency.refetch()} />
        {back}
      </>
    );
  }
  const c = competency.data;
  const editable = isAdmin && !c.national;
  const close = () => {
    setConfirming(false);
    update.reset();
  };

  return (
    <>
      <PageHeader
        title={`${c.code} · ${c.name}`}
        subtitle={
          <>
            {t(`enums:competencyGroup.${c.group}`)} <CompetencyBadges competency={c} />
          </>
        }
        actions={
          editable ? (
            <>
              <Link to={paths.edit(c.id)} className="btn">
                {t("common:actions.edit")}
              </Link>
              <Button variant={c.retired ? "secondary" : "danger"} onClick={() => setConfirming(true)}>
                {c.retired ? t("detail.reinstate") : t("detail.retire")}
              </Button>
            </>
          ) : undefined
        }
      />
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      {c.national ? <Notice kind="info">{t("detail.nationalNote")}</Notice> : null}
      {c.retired ? <Notice kind="info">{t("detail.retiredNote")}</Notice> : null}
      {c.description ? <p>{c.description}</p> : null}

      <section className="panel" aria-labelledby="competency-levels">
        <h2 id="competency-levels">{t("detail.levels")}</h2>
        <ol className="levels">
          {[...c.levels]
            .sort((a, b) => a.level - b.level)
            .map((l) => (
              <li key={l.level} className="level">
                <h3>{t("fields.level", { level: l.level })}</h3>
                <p>{l.description}</p>
                {l.indicators && l.indicators.length > 0 ? (
                  <>
                    <p className="muted">{t("detail.indicators")}</p>
                    <ul>
                      {l.indicators.map((ind, i) => (
                        <li key={i}>{ind}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </li>
            ))}
        </ol>
      </section>
      {back}

      <Dialog open={confirming} title={c.retired ? t("detail.reinstateTitle") : t("detail.retireTitle")} onClose={close}>
        <p>{t(c.retired ? "detail.reinstateText" : "detail.retireText", { name: c.name })}</p>
        {update.isError ? <Notice kind="error">{text.problem(update.error)}</Notice> : null}
        <div className="form-actions">
          <Button
            variant={c.retired ? "primary" : "danger"}
            disabled={update.isPending}
            onClick={() =>
              update.mutate(
                { id: c.id, patch: { retired: !c.retired } },
                {
                  onSuccess: (saved) => {
                    setConfirming(false);
                    setFlash(saved.retired ? t("detail.retired") : t("detail.reinstated"));
                  },
                },
              )
            }
          >
            {c.retired ? t("detail.reinstate") : t("detail.retire")}
          </Button>
          <Button onClick={close}>{t("common:actions.cancel")}</Button>
        </div>
      </Dialog>
    </>
  );
}
