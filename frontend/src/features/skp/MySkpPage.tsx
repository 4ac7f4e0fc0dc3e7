// SKP Saya: the caller's own yearly performance plan. A year is chosen (the current one by
// default); without a plan for it there is a button to start one (the API refuses when the
// employee record names no direct supervisor, who rates the plan); with one, the plan itself.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { useUrlState } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { positiveInt } from "../../ui/urlParams";
import { useCreatePlan, useMyPlan } from "./api";
import { PlanView } from "./PlanView";
import { currentYear, YearSelect } from "./shared";

const URL_DEFAULTS = { year: "" };

export function MySkpPage() {
  const { t } = useTranslation("skp");
  const { me } = useSession();
  const text = useProblemText();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const year = positiveInt(get("year")) ?? currentYear();
  const linked = !!me?.employee_id;
  const plan = useMyPlan(year, linked);
  const create = useCreatePlan();
  const [created, setCreated] = useState<number | null>(null);
  const shown = plan.data ?? undefined;

  return (
    <>
      <PageHeader title={t("mine.title")} subtitle={t("mine.subtitle")} />
      {!linked ? (
        <Notice kind="info">{t("mine.noEmployee")}</Notice>
      ) : (
        <>
          <div className="filters">
            <YearSelect
              year={year}
              onChange={(y) => {
                setCreated(null);
                create.reset();
                set({ year: y === currentYear() ? "" : String(y) });
              }}
            />
          </div>
          {plan.isPending ? (
            <Loading />
          ) : plan.isError ? (
            <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
          ) : plan.data === null ? (
            <section className="panel" aria-labelledby="skp-none">
              <h2 id="skp-none">{t("mine.none", { year })}</h2>
              <p>{t("mine.noneHint")}</p>
              {create.isError ? <Notice kind="error">{text.problem(create.error)}</Notice> : null}
              <Button
                variant="primary"
                disabled={create.isPending}
                onClick={() =>
                  create.mutate(year, {
                    onSuccess: () => setCreated(year),
                    // Made meanwhile (another tab): show it.
                    onError: (err) => void (err instanceof ApiProblem && err.code === "duplicate" && plan.refetch()),
                  })
                }
              >
                {create.isPending ? t("mine.creating") : t("mine.create", { year })}
              </Button>
            </section>
          ) : shown ? (
            <div aria-busy={plan.isFetching}>
              <PlanView key={shown.id} plan={shown} viewer="owner" notice={created === year ? t("mine.created", { year }) : null} />
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
