// Angkatan: the sessions that run the agency's programmes — how each is delivered, when, and how
// many hold a place or wait — filtered by programme.
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { SelectField } from "../../ui/Field";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { positiveInt } from "../../ui/urlParams";
import { useProgrammeOptions, useSessions } from "./api";
import { paths } from "./paths";
import { ChooseAgency, dateRange, useUrlState } from "./shared";

const URL_DEFAULTS = { programme_id: "", page: "1", per_page: "20" };

export function SessionListPage() {
  const { t, i18n } = useTranslation("learning");
  const { agencyId, isSuperAdmin, isAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const programmeId = get("programme_id");
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 20;
  const needsAgency = isSuperAdmin && !agencyId;
  const programmes = useProgrammeOptions(agencyId, !needsAgency);
  const list = useSessions({ agencyId, programmeId: programmeId || null, page, perPage }, !needsAgency);
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);

  return (
    <>
      <PageHeader
        title={t("sessions.title")}
        subtitle={t("sessions.subtitle")}
        actions={
          needsAgency || !isAdmin ? null : (
            <Link to={paths.newSession(programmeId || undefined)} className="btn btn-primary">
              {t("sessions.create")}
            </Link>
          )
        }
      />
      {needsAgency ? (
        <ChooseAgency />
      ) : (
        <>
          <div className="filters">
            <SelectField label={t("sessions.programme")} name="programme_id" value={programmeId} onChange={(e) => set({ programme_id: e.target.value, page: "1" })} optionalMarker={false} aria-busy={programmes.isPending}>
              <option value="">{t("sessions.allProgrammes")}</option>
              {(programmes.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {`${p.code} · ${p.title}`}
                </option>
              ))}
            </SelectField>
          </div>
          {list.isPending ? (
            <Loading />
          ) : list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.items.length === 0 ? (
            <Empty>{programmeId ? t("sessions.emptyProgramme") : t("sessions.empty")}</Empty>
          ) : (
            <>
              <div className="table-wrap" aria-busy={list.isFetching}>
                <table>
                  <caption className="visually-hidden">{t("sessions.title")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("sessionFields.name")}</th>
                      <th scope="col">{t("sessions.programme")}</th>
                      <th scope="col">{t("sessionFields.delivery")}</th>
                      <th scope="col">{t("sessionFields.dates")}</th>
                      <th scope="col">{t("sessions.participants")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          <Link to={paths.session(s.id)}>{s.name}</Link>
                        </th>
                        <td>{s.programme_title}</td>
                        <td>{t(`enums:delivery.${s.delivery}`)}</td>
                        <td>{dateRange(s.start_date, s.end_date, lng, t("sessions.openEnded"))}</td>
                        <td>
                          {s.capacity != null ? t("sessions.placesOf", { n: n(s.enrolled), capacity: n(s.capacity) }) : t("sessions.places", { n: n(s.enrolled) })}
                          {s.waitlisted > 0 ? <div className="muted small">{t("sessions.waiting", { n: n(s.waitlisted) })}</div> : null}
                          {s.completed > 0 ? <div className="muted small">{t("sessions.completedN", { n: n(s.completed) })}</div> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={page} perPage={perPage} total={list.data.total} onPage={(p) => set({ page: String(p) })} onPerPage={(v) => set({ per_page: String(v), page: "1" })} />
            </>
          )}
        </>
      )}
    </>
  );
}
