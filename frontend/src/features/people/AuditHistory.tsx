// An employee's change history (admins only): each event with its action, its time and the
// changed fields before → after, references shown by name.
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../i18n/format";
import { Pagination } from "../../ui/Pagination";
import { ErrorState, Loading } from "../../ui/States";
import { AUDIT_PAGE_SIZE, useEmployee, useEmployeeAudit, useOrgUnits, usePositions } from "./api";
import { paths } from "./values";

type Change = { field: string; before: unknown; after: unknown };

/** Recorded, but never changing and shown elsewhere. */
const HIDDEN = ["id", "agency_id"];

/** The `changes` object of an event (`{"name": {"before": "A", "after": "B"}}`) as a list. */
function changesOf(raw: unknown): Change[] {
  if (typeof raw !== "object" || raw === null) return [];
  return Object.entries(raw).flatMap(([field, v]: [string, unknown]) =>
    !HIDDEN.includes(field) && typeof v === "object" && v !== null && "before" in v && "after" in v
      ? [{ field, before: v.before, after: v.after }]
      : [],
  );
}

/** Fields whose values are enum codes, with the `enums` group that labels them. */
const ENUM_FIELDS: Record<string, string> = {
  status: "employeeStatus",
  employment_type: "employmentType",
  sex: "sex",
  position_kind: "positionKind",
};

/** A supervisor named in the history, by name once known. */
function EmployeeRef({ id }: { id: string }) {
  const e = useEmployee(id);
  return <Link to={paths.detail(id)}>{e.data?.full_name ?? id}</Link>;
}

export function AuditHistory({ employeeId, agencyId, headingId }: { employeeId: string; agencyId: string; headingId: string }) {
  const { t, i18n } = useTranslation("people");
  const [page, setPage] = useState(1);
  const events = useEmployeeAudit(employeeId, page);
  const units = useOrgUnits(agencyId);
  const positions = usePositions(agencyId);

  function show(field: string, value: unknown): ReactNode {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "boolean") return t(value ? "common:yes" : "common:no");
    if (typeof value !== "string") return JSON.stringify(value);
    if (field === "org_unit_id") return units.data?.find((u) => u.id === value)?.name ?? value;
    if (field === "position_id") return positions.data?.find((p) => p.id === value)?.title ?? value;
    if (field === "supervisor_id") return <EmployeeRef id={value} />;
    if (field === "birth_date") return formatDate(value, i18n.language);
    const group = ENUM_FIELDS[field];
    return group ? t(`enums:${group}.${value}`, { defaultValue: value }) : value;
  }

  if (events.isPending) return <Loading />;
  if (events.isError) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.total === 0) return <p className="muted">{t("detail.noHistory")}</p>;
  return (
    <>
      <div className="table-wrap" aria-busy={events.isFetching}>
        <table aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t("detail.when")}</th>
              <th scope="col">{t("detail.action")}</th>
              <th scope="col">{t("detail.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.map((ev) => (
              <tr key={ev.id}>
                <td>
                  <time dateTime={ev.occurred_at}>{formatDateTime(ev.occurred_at, i18n.language)}</time>
                </td>
                <td>{t(`audit.${ev.action}`, { defaultValue: ev.action })}</td>
                <td>
                  <ul className="change-list">
                    {changesOf(ev.changes).map((c) => (
                      <li key={c.field}>
                        <strong>{t(`fields.${c.field}`, { defaultValue: c.field })}</strong>: {show(c.field, c.before)} → {show(c.field, c.after)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.data.total > AUDIT_PAGE_SIZE ? (
        <Pagination page={page} perPage={AUDIT_PAGE_SIZE} total={events.data.total} onPage={setPage} />
      ) : null}
    </>
  );
}
