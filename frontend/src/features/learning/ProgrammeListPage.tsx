// Program Pelatihan: the agency's learning programmes, searched by title or code and filtered by
// status, each leading to its editor.
import { useCallback } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Named } from "../../ui/Button";
import { SelectField, TextField } from "../../ui/Field";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { useSearchBox } from "../../ui/hooks";
import { positiveInt } from "../../ui/urlParams";
import { PROGRAMME_STATUSES, isProgrammeStatus, useProgrammes } from "./api";
import { paths } from "./paths";
import { ChooseAgency, ProgrammeStatusBadge, useUrlState } from "./shared";

const URL_DEFAULTS = { q: "", status: "", page: "1", per_page: "20" };

export function ProgrammeListPage() {
  const { t, i18n } = useTranslation("learning");
  const { agencyId, isSuperAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const status = get("status");
  const q = get("q");
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 20;
  const commit = useCallback((v: string) => set({ q: v, page: "1" }), [set]);
  const [text, setText] = useSearchBox(q, commit);
  const needsAgency = isSuperAdmin && !agencyId;
  const list = useProgrammes({ agencyId, q, status: isProgrammeStatus(status) ? status : null, page, perPage }, !needsAgency);
  const lng = i18n.language;

  return (
    <>
      <PageHeader
        title={t("programmes.title")}
        subtitle={t("programmes.subtitle")}
        actions={
          needsAgency ? null : (
            <Link to={paths.newProgramme} className="btn btn-primary">
              {t("programmes.create")}
            </Link>
          )
        }
      />
      {needsAgency ? (
        <ChooseAgency />
      ) : (
        <>
          <div className="filters" role="search">
            <TextField label={t("programmes.search")} name="q" type="search" value={text} onChange={(e) => setText(e.target.value)} optionalMarker={false} autoComplete="off" />
            <SelectField label={t("fields.status")} name="status" value={status} onChange={(e) => set({ status: e.target.value, page: "1" })} optionalMarker={false}>
              <option value="">{t("programmes.allStatuses")}</option>
              {PROGRAMME_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`enums:programmeStatus.${s}`)}
                </option>
              ))}
            </SelectField>
          </div>
          {list.isPending ? (
            <Loading />
          ) : list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.items.length === 0 ? (
            <Empty>{status || q ? t("common:states.noResults") : t("programmes.empty")}</Empty>
          ) : (
            <>
              <div className="table-wrap" aria-busy={list.isFetching}>
                <table>
                  <caption className="visually-hidden">{t("programmes.title")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("fields.code")}</th>
                      <th scope="col">{t("fields.title")}</th>
                      <th scope="col">{t("fields.kind")}</th>
                      <th scope="col">{t("fields.jp")}</th>
                      <th scope="col">{t("fields.status")}</th>
                      <th scope="col">{t("programmes.sessions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((p) => (
                      <tr key={p.id}>
                        <td>{p.code}</td>
                        <th scope="row">
                          <Link to={paths.programme(p.id)}>{p.title}</Link>
                        </th>
                        <td>
                          {t(`kind.${p.activity_kind}`)}
                          <div className="muted small">{t(`enums:developmentForm.${p.form}`)}</div>
                        </td>
                        <td className="num">{formatNumber(p.jp, lng)}</td>
                        <td>
                          <ProgrammeStatusBadge status={p.status} />
                        </td>
                        <td>
                          <Link to={paths.sessionsOf(p.id)}>
                            <Named label={t("programmes.seeSessions")} name={p.title} />
                          </Link>
                        </td>
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
