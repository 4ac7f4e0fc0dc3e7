// Server state of the accounts feature: query keys, queries and mutations for user accounts,
// plus the two look-ups the forms need (agency names, employees to link).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import type { operations } from "../../api/schema.gen";

export type User = Schemas["UserResponse"];
export type Role = Schemas["Role"];
export type Employee = Schemas["EmployeeResponse"];
export type UserListParams = NonNullable<operations["list_users"]["parameters"]["query"]>;

/** Every role, in the order the UI lists them. */
export const ROLES: readonly Role[] = ["super_admin", "agency_admin", "supervisor", "employee", "trainer"];

export const userKeys = {
  all: ["accounts"] as const,
  lists: () => [...userKeys.all, "users"] as const,
  list: (params: UserListParams) => [...userKeys.lists(), params] as const,
  agencies: () => [...userKeys.all, "agencies"] as const,
  employeeSearch: (q: string, agencyId: string | null) => [...userKeys.all, "employees", { q, agencyId }] as const,
  employee: (id: string) => [...userKeys.all, "employee", id] as const,
};

/** The session's `/me` query (SessionProvider): refreshed when one edits one's own account. */
const ME_KEY = ["me"] as const;

/** A successful JSON response always has a body; failures were thrown by the client already. */
function body<T>(data: T | undefined): T {
  if (data === undefined) throw new Error("empty response");
  return data;
}

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: async () => body((await api.GET("/api/v1/users", { params: { query: params } })).data),
    placeholderData: keepPreviousData,
  });
}

/** Agency names by id, for super admins (everyone else sees only their own agency). */
export function useAgencies(enabled: boolean) {
  return useQuery({
    queryKey: userKeys.agencies(),
    enabled,
    queryFn: async () => body((await api.GET("/api/v1/agencies", { params: { query: { per_page: 200 } } })).data).items,
    staleTime: 10 * 60_000,
  });
}

/** Employees whose name contains `q` or whose NIP starts with it; `agencyId` narrows a super admin's search. */
export function useEmployeeSearch(q: string, agencyId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: userKeys.employeeSearch(q, agencyId),
    enabled,
    queryFn: async () =>
      body((await api.GET("/api/v1/employees", { params: { query: { q, per_page: 10, ...(agencyId ? { agency_id: agencyId } : {}) } } })).data).items,
  });
}

export function useEmployee(id: string | null) {
  return useQuery({
    queryKey: userKeys.employee(id ?? ""),
    enabled: id !== null,
    queryFn: async () => body((await api.GET("/api/v1/employees/{id}", { params: { path: { id: id ?? "" } } })).data),
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (req: Schemas["CreateUserRequest"]) => body((await api.POST("/api/v1/users", { body: req })).data),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}

export function useUpdateUser(id: string, isMe: boolean) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (req: Schemas["UpdateUserRequest"]) =>
      body((await api.PATCH("/api/v1/users/{id}", { params: { path: { id } }, body: req })).data),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: userKeys.lists() });
      if (isMe) await qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useResetPassword(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (req: Schemas["ResetPasswordRequest"]) => {
      await api.POST("/api/v1/users/{id}/reset-password", { params: { path: { id } }, body: req });
    },
    // A reset lifts any lock, which the list shows.
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}
