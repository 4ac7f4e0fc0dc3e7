// The rating history on its pages: the caller's own ("Predikat Saya", `/me/appraisal`) and an
// employee's (`/employees/:id/appraisal`, for administrators, the employee and their direct
// supervisor — whom else the API tells the employee does not exist).
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useEmployee, useRatings, type RatingsOf } from "./api";
import { paths } from "./paths";
import { RatingHistory } from "./RatingHistory";

function History({ of }: { of: RatingsOf }) {
  const ratings = useRatings(of);
  if (ratings.isPending) return <Loading />;
  if (ratings.isError) return <ErrorState error={ratings.error} onRetry={() => void ratings.refetch()} />;
  return <RatingHistory ratings={ratings.data} />;
}

export function MyRatingsPage() {
  const { t } = useTranslation("appraisal");
  const { me } = useSession();
  return (
    <>
      <PageHeader title={t("mine.title")} subtitle={t("mine.subtitle")} />
      {me?.employee_id ? <History of="me" /> : <Notice kind="info">{t("mine.noEmployee")}</Notice>}
    </>
  );
}

export function EmployeeRatingsPage({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation("appraisal");
  const employee = useEmployee(employeeId);
  const back = (
    <p>
      <Link to={paths.employeeRecord(employeeId)}>← {t("employee.back")}</Link>
    </p>
  );
  return (
    <>
      {back}
      <PageHeader
        title={t("history.title")}
        subtitle={employee.data ? t("employee.subtitle", { name: employee.data.full_name, nip: employee.data.nip }) : undefined}
      />
      {employee.isError ? <ErrorState error={employee.error} onRetry={() => void employee.refetch()} /> : <History of={{ employeeId }} />}
    </>
  );
}
