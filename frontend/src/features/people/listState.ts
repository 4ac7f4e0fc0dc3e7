// The employee list's state lives in the URL (`?q=…&status=active&sort=-nip&page=2`), so back,
// forward, reload and shared links all show the same list.
import { PAGE_SIZES } from "../../ui/Pagination";
import { positiveInt } from "../../ui/urlParams";
import type { EmployeeListQuery } from "./api";
import { EMPLOYEE_STATUSES, POSITION_KINDS, oneOf, type EmployeeStatus, type PositionKind } from "./values";

export const SORT_KEYS = ["name", "nip", "created_at"] as const;
export const DEFAULT_SORT = "name";
export const DEFAULT_PER_PAGE = 20;

export type ListState = {
  q: string;
  page: number;
  perPage: number;
  sort: string;
  orgUnitId: string;
  positionKind: PositionKind | undefined;
  status: EmployeeStatus | undefined;
};

export function readListState(p: URLSearchParams): ListState {
  const sort = p.get("sort") ?? "";
  const perPage = positiveInt(p.get("per_page"));
  return {
    q: p.get("q") ?? "",
    page: positiveInt(p.get("page")) ?? 1,
    perPage: perPage && PAGE_SIZES.includes(perPage) ? perPage : DEFAULT_PER_PAGE,
    sort: SORT_KEYS.some((k) => sort === k || sort === `-${k}`) ? sort : DEFAULT_SORT,
    orgUnitId: p.get("org_unit_id") ?? "",
    positionKind: oneOf(POSITION_KINDS, p.get("position_kind")),
    status: oneOf(EMPLOYEE_STATUSES, p.get("status")),
  };
}

/** Whether the list is narrowed by a search or a filter (an empty result then means "no match"). */
export function isFiltered(s: ListState): boolean {
  return Boolean(s.q || s.orgUnitId || s.positionKind || s.status);
}

/** The API query for the list state; super admins viewing one agency send its id. */
export function toQuery(s: ListState, agencyId: string | null): EmployeeListQuery {
  return {
    page: s.page,
    per_page: s.perPage,
    sort: s.sort,
    ...(agencyId ? { agency_id: agencyId } : {}),
    ...(s.q ? { q: s.q } : {}),
    ...(s.orgUnitId ? { org_unit_id: s.orgUnitId } : {}),
    ...(s.positionKind ? { position_kind: s.positionKind } : {}),
    ...(s.status ? { status: s.status } : {}),
  };
}

/**
 * The search params after `changes`: empty values and defaults are dropped so URLs stay short;
 * any change other than the page itself starts again at page 1.
 */
export function withChanges(prev: URLSearchParams, changes: Record<string, string | number | null>): URLSearchParams {
  const next = new URLSearchParams(prev);
  if (!("page" in changes)) next.delete("page");
  for (const [key, value] of Object.entries(changes)) {
    const v = value === null ? "" : String(value);
    const isDefault = (key === "page" && v === "1") || (key === "per_page" && v === String(DEFAULT_PER_PAGE)) || (key === "sort" && v === DEFAULT_SORT);
    if (v === "" || isDefault) next.delete(key);
    else next.set(key, v);
  }
  return next;
}
