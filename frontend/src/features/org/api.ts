// Server state of the org feature: query keys, queries and mutations for agencies, org units
// and positions. Every mutation invalidates the keys whose data it changes.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";

export type Agency = Schemas["AgencyResponse"];
export type Unit = Schemas["OrgUnitResponse"];
export type Position = Schemas["PositionResponse"];
export type UnitKind = Schemas["OrgUnitKind"];
export type PositionKind = Schemas["PositionKind"];
export type FunctionalLevel = Schemas["FunctionalLevel"];
export type AgencyKind = Schemas["AgencyKind"];

export const AGENCY_KINDS: readonly AgencyKind[] = ["province", "regency", "city"];
export const UNIT_KINDS: readonly UnitKind[] = ["secretariat", "agency", "division", "technical_unit", "service_unit"];
export const POSITION_KINDS: readonly PositionKind[] = ["jpt_madya", "jpt_pratama", "administrator", "pengawas", "pelaksana", "fungsional"];
export const FUNCTIONAL_LEVELS: readonly FunctionalLevel[] = ["ahli_utama", "ahli_madya", "ahli_muda", "ahli_pertama", "penyelia", "mahir", "terampil", "pemula"];

/** Units listed per request when a tree node (or the top level) opens. */
const CHILDREN_PER_PAGE = 100;
/** Units offered by a unit picker for one search. */
export const PICKER_SIZE = 50;

export type UnitSort = "code" | "name";
export type PositionSort = "code" | "-code" | "title" | "-title";

export type AgencyListParams = { page: number; perPage: number };
export type UnitSearchParams = { agencyId: string; q: string; sort: UnitSort; page: number; perPage: number };
export type PositionListParams = {
  agencyId: string | null;
  q: string;
  kind: PositionKind | null;
  active: boolean | null;
  sort: PositionSort;
  page: number;
  perPage: number;
};

export const agencyKeys = {
  all: ["org", "agencies"] as const,
  list: (p: AgencyListParams) => [...agencyKeys.all, "list", p] as const,
  /** Every agency at once (for selects); the header's agency switcher uses the same key. */
  options: () => [...agencyKeys.all, "all"] as const,
};

export const unitKeys = {
  all: ["org", "units"] as const,
  /** The direct children of `parentId` (null: the top level), page by page. */
  children: (agencyId: string, parentId: string | null, sort: UnitSort) => [...unitKeys.all, "children", { agencyId, parentId, sort }] as const,
  search: (p: UnitSearchParams) => [...unitKeys.all, "search", p] as const,
  options: (agencyId: string, q: string) => [...unitKeys.all, "options", { agencyId, q }] as const,
  detail: (id: string) => [...unitKeys.all, "detail", id] as const,
};

export const positionKeys = {
  all: ["org", "positions"] as const,
  list: (p: PositionListParams) => [...positionKeys.all, "list", p] as const,
};

/** The body of a successful response (failed ones have already thrown an ApiProblem). */
function body<T>(r: { data?: T }): T {
  if (r.data === undefined) throw new Error("empty response");
  return r.data;
}

// ---- agencies

export function useAgencies(p: AgencyListParams) {
  return useQuery({
    queryKey: agencyKeys.list(p),
    queryFn: async () => body(await api.GET("/api/v1/agencies", { params: { query: { page: p.page, per_page: p.perPage } } })),
    placeholderData: keepPreviousData,
  });
}

export function useAgencyOptions(enabled: boolean) {
  return useQuery({
    queryKey: agencyKeys.options(),
    enabled,
    // Same shape as the header's query under this key, so both share one cache entry.
    queryFn: async () => (await api.GET("/api/v1/agencies", { params: { query: { per_page: 200 } } })).data,
    staleTime: 10 * 60_000,
  });
}

export function useCreateAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: Schemas["CreateAgencyRequest"]) => body(await api.POST("/api/v1/agencies", { body: b })),
    onSuccess: () => qc.invalidateQueries({ queryKey: agencyKeys.all }),
  });
}

export function useUpdateAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: string; patch: Schemas["UpdateAgencyRequest"] }) =>
      body(await api.PATCH("/api/v1/agencies/{id}", { params: { path: { id } }, body: patch })),
    onSuccess: async () => {
      // The signed-in user's own agency name (in `/me`) may be the one renamed.
      await Promise.all([qc.invalidateQueries({ queryKey: agencyKeys.all }), qc.invalidateQueries({ queryKey: ["me"] })]);
    },
  });
}

// ---- org units

export function useUnitChildren(agencyId: string, parentId: string | null, sort: UnitSort) {
  return useInfiniteQuery({
    queryKey: unitKeys.children(agencyId, parentId, sort),
    initialPageParam: 1,
    queryFn: async ({ pageParam }) =>
      body(
        await api.GET("/api/v1/org-units", {
          params: {
            query: {
              agency_id: agencyId,
              ...(parentId ? { parent_id: parentId } : { roots: true }),
              sort,
              page: pageParam,
              per_page: CHILDREN_PER_PAGE,
            },
          },
        }),
      ),
    getNextPageParam: (last) => (last.page * last.per_page < last.total ? last.page + 1 : undefined),
  });
}

export function useUnitSearch(p: UnitSearchParams, enabled: boolean) {
  return useQuery({
    queryKey: unitKeys.search(p),
    enabled,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/org-units", {
          params: { query: { agency_id: p.agencyId, q: p.q, sort: p.sort, page: p.page, per_page: p.perPage } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Units of an agency matching `q`, in tree order, for pickers. */
export function useUnitOptions(agencyId: string | null, q: string) {
  return useQuery({
    queryKey: unitKeys.options(agencyId ?? "", q),
    enabled: agencyId !== null,
    queryFn: async () =>
      body(
        await api.GET("/api/v1/org-units", {
          params: { query: { agency_id: agencyId ?? undefined, q: q || undefined, sort: "tree", per_page: PICKER_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string | null) {
  return useQuery({
    queryKey: unitKeys.detail(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body(await api.GET("/api/v1/org-units/{id}", { params: { path: { id: id ?? "" } } })),
  });
}

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: Schemas["CreateOrgUnitRequest"]) => body(await api.POST("/api/v1/org-units", { body: b })),
    onSuccess: () => qc.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

/** Changes, deactivates or moves a unit (a move changes the child counts of two parents). */
export function useUpdateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: string; patch: Schemas["UpdateOrgUnitRequest"] }) =>
      body(await api.PATCH("/api/v1/org-units/{id}", { params: { path: { id } }, body: patch })),
    onSuccess: () => qc.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

// ---- positions

export function usePositions(p: PositionListParams) {
  return useQuery({
    queryKey: positionKeys.list(p),
    queryFn: async () =>
      body(
        await api.GET("/api/v1/positions", {
          params: {
            query: {
              agency_id: p.agencyId ?? undefined,
              q: p.q || undefined,
              kind: p.kind ?? undefined,
              active: p.active ?? undefined,
              sort: p.sort,
              page: p.page,
              per_page: p.perPage,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePosition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (b: Schemas["CreatePositionRequest"]) => body(await api.POST("/api/v1/positions", { body: b })),
    onSuccess: () => qc.invalidateQueries({ queryKey: positionKeys.all }),
  });
}

export function useUpdatePosition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: string; patch: Schemas["UpdatePositionRequest"] }) =>
      body(await api.PATCH("/api/v1/positions/{id}", { params: { path: { id } }, body: patch })),
    onSuccess: () => qc.invalidateQueries({ queryKey: positionKeys.all }),
  });
}
