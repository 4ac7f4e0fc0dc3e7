// The employee list: search as you type, filters, sortable columns and server-side pages, all
// kept in the URL.
import { useCallback, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { SelectField, TextField } from "../../ui/Field";
import { useSearchBox } from "../../ui/hooks";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { SortHeader } from "../../ui/SortHeader";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { useEmployees, useOrgUnits } from "./api";
import { isFiltered, readListState, toQuery, withChanges } from "./listState";
import { EmployeeStatusBadge } from "./EmployeeStatusBadge";
import { EMPLOYEE_STATUSES, POSITION_KINDS, paths } from "./values";

export function EmployeeListPage() {
  const { t, i18n } = useTranslation("people");
  const { isAdmin, agencyId } = useSession();
  const [params, setParams] = useSearchParams();
  const state = readListState(params);
  const list = useEmployees(toQuery(state, agencyId));
  // Units to filter by belong to one agency: the viewer's, or the one a super admin chose.
  const units = useOrgUnits(agencyId, agencyId !== null);

  const update = (changes: Record<string, string | number | null>) => setParams((prev) => withChanges(prev, changes));

  // Search as you type: the box follows the keyboard, the URL (and the request) follow the
  // box once typing pauses; back/forward put the URL's search back into the box.
  const commitSearch = useCallback((q: string) => setParams((prev) => withChanges(prev, { q }), { replace: true }), [setParams]);
  const [text, setText] = useSearchBox(state.q, commitSearch);

  const dash = "—";
  const filtered = isFiltered(state);

  let content: ReactNode;
  if (list.isPending) {
    content = <Loading />;
  } else if (list.isError) {
    content = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  } else if (list.data.items.length === 0) {
    content = (
      <>
        {filtered || state.page > 1 ? (
          <Empty>
            <p>{t("common:states.noResults")}</p>
            <Button onClick={() => update({ q: null, org_unit_id: null, position_kind: null, status: null })}>{t("list.clearFilters")}</Button>
          </Empty>
        ) : (
          <Empty>{t("list.empty")}</Empty>
        )}
        {list.data.total > 0 ? (
          <Pagination page={state.page} perPage={state.perPage} total={list.data.total} onPage={(p) => update({ page: p })} />
        ) : null}
      </>
    );
  } else {
    const sortHeader = (key: string, label: string) => <SortHeader label={label} sortKey={key} sort={state.sort} onSort={(s) => update({ sort: s })} />;
    content = (
      <>
        <div className="table-wrap" aria-busy={list.isFetching}>
          <table>
            <caption className="visually-hidden">{t("list.caption")}</caption>
            <thead>
              <tr>
                {sortHeader("nip", t("fields.nip"))}
                {sortHeader("name", t("fields.name"))}
                <th scope="col">{t("fields.position_id")}</th>
                <th scope="col">{t("fields.org_unit_id")}</th>
                <th scope="col">{t("fields.status")}</th>
                {sortHeader("created_at", t("list.registered"))}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{e.nip}</td>
                  <td>
                    <Link to={paths.detail(e.id)}>{e.full_name}</Link>
                  </td>
                  <td>
                    {e.position_title ?? dash}
                    {e.position_kind ? (
                      <>
                        <br />
                        <span className="muted">{t(`enums:positionKind.${e.position_kind}`)}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{e.org_unit_name ?? dash}</td>
                  <td>
                    <EmployeeStatusBadge status={e.status} />
                  </td>
                  <td>{formatDate(e.created_at, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination
          page={state.page}
          perPage={state.perPage}
          total={list.data.total}
          onPage={(p) => update({ page: p })}
          onPerPage={(n) => update({ per_page: n })}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t("title")}
        actions={
          isAdmin ? (
            <Link to={paths.create} className="btn btn-primary">
              {t("list.add")}
            </Link>
          ) : undefined
        }
      />
      <div className="filters" role="search">
        <TextField label={t("list.search")} name="q" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" optionalMarker={false} />
        {agencyId !== null ? (
          <SelectField label={t("fields.org_unit_id")} name="org_unit_id" value={state.orgUnitId} onChange={(e) => update({ org_unit_id: e.target.value })} optionalMarker={false}>
            <option value="">{t("list.allUnits")}</option>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {"\u00a0\u00a0".repeat(u.depth)}
                {u.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField label={t("list.positionKind")} name="position_kind" value={state.positionKind ?? ""} onChange={(e) => update({ position_kind: e.target.value })} optionalMarker={false}>
          <option value="">{t("list.allKinds")}</option>
          {POSITION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`enums:positionKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("fields.status")} name="status" value={state.status ?? ""} onChange={(e) => update({ status: e.target.value })} optionalMarker={false}>
          <option value="">{t("list.allStatuses")}</option>
          {EMPLOYEE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`enums:employeeStatus.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {content}
    </>
  );
}
