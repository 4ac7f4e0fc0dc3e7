// Survei Kebutuhan: the agency's needs surveys, newest first, filtered by status.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { SelectField } from "../../ui/Field";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { positiveInt } from "../../ui/urlParams";
import { STATUSES, isStatus, useSurveys } from "./api";
import { paths } from "./paths";
import { ChooseAgency, StatusBadge, UnitName, useUrlState } from "./shared";

const URL_DEFAULTS = { status: "", page: "1", per_page: "20" };

export function SurveyListPage() {
  const { t, i18n } = useTranslation("surveys");
  const { agencyId, isSuperAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const status = get("status");
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 20;
  const needsAgency = isSuperAdmin && !agencyId;
  const list = useSurveys({ agencyId, status: isStatus(status) ? status : null, page, perPage }, !needsAgency);

  return (
    <>
      <PageHeader
        title={t("list.title")}
        subtitle={t("list.subtitle")}
        actions={
          needsAgency ? null : (
            <Link to={paths.create} className="btn btn-primary">
              {t("list.create")}
            </Link>
          )
        }
      />
      {needsAgency ? (
        <ChooseAgency />
      ) : (
        <>
          <div className="filters">
            <SelectField label={t("fields.status")} name="status" value={status} onChange={(e) => set({ status: e.target.value, page: "1" })} optionalMarker={false}>
              <option value="">{t("list.allStatuses")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`enums:surveyStatus.${s}`)}
                </option>
              ))}
            </SelectField>
          </div>
          {list.isPending ? (
            <Loading />
          ) : list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.items.length === 0 ? (
            <Empty>{status ? t("common:states.noResults") : t("list.empty")}</Empty>
          ) : (
            <>
              <div className="table-wrap" aria-busy={list.isFetching}>
                <table>
                  <caption className="visually-hidden">{t("list.title")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("fields.title")}</th>
                      <th scope="col">{t("fields.audience")}</th>
                      <th scope="col">{t("fields.unit")}</th>
                      <th scope="col">{t("fields.status")}</th>
                      <th scope="col">{t("fields.created")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          <Link to={paths.detail(s.id)}>{s.title}</Link>
                        </th>
                        <td>{t(`enums:surveyAudience.${s.audience}`)}</td>
                        <td>
                          <UnitName id={s.org_unit_id} />
                        </td>
                        <td>
                          <StatusBadge status={s.status} />
                        </td>
                        <td>{formatDate(s.created_at, i18n.language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={page} perPage={perPage} total={list.data.total} onPage={(p) => set({ page: String(p) })} onPerPage={(n) => set({ per_page: String(n), page: "1" })} />
            </>
          )}
        </>
      )}
    </>
  );
}
