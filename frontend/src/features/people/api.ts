// Server state of the people feature: query keys, queries and mutations for employees and the
// reference lists (units, positions, agencies) their forms and filters choose from.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import type { operations } from "../../api/schema.gen";
import type { Employee } from "./values";

export type EmployeeListQuery = NonNullable<operations["list_employees"]["parameters"]["query"]>;
export type CreateEmployee = Schemas["CreateEmployeeRequest"];
export type UpdateEmployee = Schemas["UpdateEmployeeRequest"];

/** Lists of reference data are fetched whole (the API's largest page). */
const ALL = 200;
/** How many audit events one page of the history shows. */
export const AUDIT_PAGE_SIZE = 20;

export const employeeKeys = {
  all: ["people", "employees"] as const,
  lists: () => [...employeeKeys.all, "list"] as const,
  list: (query: EmployeeListQuery) => [...employeeKeys.lists(), query] as const,
  details: () => [...employeeKeys.all, "detail"] as const,
  detail: (id: string) => [...employeeKeys.details(), id] as const,
  chains: () => [...employeeKeys.all, "supervisor-chain"] as const,
  chain: (id: string) => [...employeeKeys.chains(), id] as const,
  audits: (id: string) => [...employeeKeys.all, "audit", id] as const,
  audit: (id: string, page: number) => [...employeeKeys.audits(id), page] as const,
};

export const referenceKeys = {
  all: ["people", "reference"] as const,
  units: (agencyId: string | null) => [...referenceKeys.all, "org-units", agencyId] as const,
  positions: (agencyId: string | null) => [...referenceKeys.all, "positions", agencyId] as const,
  agencies: () => [...referenceKeys.all, "agencies"] as const,
};

/** The body of a successful response (failures have already been thrown as ApiProblem). */
function body<T>(result: { data?: T }): T {
  if (result.data === undefined) throw new Error("empty response");
  return result.data;
}

const byAgency = (agencyId: string | null) => (agencyId ? { agency_id: agencyId } : {});

export function useEmployees(query: EmployeeListQuery, enabled = true) {
  return useQuery({
    queryKey: employeeKeys.list(query),
    queryFn: async () => body(await api.GET("/api/v1/employees", { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEmployee(id: string | undefined) {
  return useQuery({
    queryKey: employeeKeys.detail(id ?? ""),
    queryFn: async () => body(await api.GET("/api/v1/employees/{id}", { params: { path: { id: id ?? "" } } })),
    enabled: Boolean(id),
  });
}

export function useSupervisorChain(id: string) {
  return useQuery({
    queryKey: employeeKeys.chain(id),
    queryFn: async () => body(await api.GET("/api/v1/employees/{id}/supervisor-chain", { params: { path: { id } } })),
  });
}

export function useEmployeeAudit(id: string, page: number) {
  return useQuery({
    queryKey: employeeKeys.audit(id, page),
    queryFn: async () =>
      body(
        await api.GET("/api/v1/audit-events", {
          params: { query: { entity_type: "employee", entity_id: id, page, per_page: AUDIT_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useOrgUnits(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: referenceKeys.units(agencyId),
    queryFn: async () =>
      body(await api.GET("/api/v1/org-units", { params: { query: { per_page: ALL, sort: "tree", ...byAgency(agencyId) } } })).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function usePositions(agencyId: string | null, enabled = true) {
  return useQuery({
    queryKey: referenceKeys.positions(agencyId),
    queryFn: async () =>
      body(await api.GET("/api/v1/positions", { params: { query: { per_page: ALL, sort: "title", ...byAgency(agencyId) } } })).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useAgencies(enabled: boolean) {
  return useQuery({
    queryKey: referenceKeys.agencies(),
    queryFn: async () => body(await api.GET("/api/v1/agencies", { params: { query: { per_page: ALL } } })).items,
    staleTime: 10 * 60_000,
    enabled,
  });
}

/** After a change to one employee: its record is known; lists, chains and its history are not. */
function useChanged() {
  const client = useQueryClient();
  return async (e: Employee) => {
    client.setQueryData(employeeKeys.detail(e.id), e);
    await Promise.all([
      client.invalidateQueries({ queryKey: employeeKeys.lists() }),
      // Other employees' chains show this one's name and position.
      client.invalidateQueries({ queryKey: employeeKeys.chains() }),
      client.invalidateQueries({ queryKey: employeeKeys.audits(e.id) }),
    ]);
  };
}

export function useCreateEmployee() {
  const changed = useChanged();
  return useMutation({
    mutationFn: async (b: CreateEmployee) => body(await api.POST("/api/v1/employees", { body: b })),
    onSuccess: changed,
  });
}

export function useUpdateEmployee(id: string) {
  const changed = useChanged();
  return useMutation({
    mutationFn: async (b: UpdateEmployee) => body(await api.PATCH("/api/v1/employees/{id}", { params: { path: { id } }, body: b })),
    onSuccess: changed,
  });
}

export function useDeactivateEmployee(id: string) {
  const changed = useChanged();
  return useMutation({
    mutationFn: async () => body(await api.DELETE("/api/v1/employees/{id}", { params: { path: { id } } })),
    onSuccess: changed,
  });
}
