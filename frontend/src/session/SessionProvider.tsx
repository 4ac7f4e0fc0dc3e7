// React side of the session: who is signed in (`/me`), their roles, and the agency being viewed.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { hasStoredSession, onSessionChange, refresh, signIn, signOut } from "./session";

export type Me = Schemas["MeResponse"];
export type Role = Schemas["Role"];

type SessionValue = {
  me: Me | null;
  loading: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  has: (...roles: Role[]) => boolean;
  isAdmin: boolean;
  isSuperAdmin: boolean;
  /** The agency whose data lists show: a super admin's choice (null = all), else their own. */
  agencyId: string | null;
  setAgencyId: (id: string | null) => void;
};

const SessionContext = createContext<SessionValue | null>(null);

const AGENCY_KEY = "pembina.agency";

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [chosenAgency, setChosenAgency] = useState<string | null>(() => localStorage.getItem(AGENCY_KEY));

  useEffect(() => onSessionChange(setSignedIn), []);
  useEffect(() => {
    // Resume a session of this tab after a reload.
    if (hasStoredSession()) void refresh().then((t) => setSignedIn(t !== null));
    else setSignedIn(false);
  }, []);

  const meQuery = useQuery({
    queryKey: ["me"],
    enabled: signedIn === true,
    queryFn: async () => (await api.GET("/api/v1/me")).data ?? null,
    staleTime: 5 * 60_000,
  });

  const doSignOut = useCallback(async () => {
    await signOut();
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<SessionValue>(() => {
    const me = signedIn ? (meQuery.data ?? null) : null;
    const roles = me?.roles ?? [];
    const isSuperAdmin = roles.includes("super_admin");
    return {
      me,
      loading: signedIn === null || (signedIn && meQuery.isPending),
      signIn: async (u, p) => {
        await signIn(u, p);
        await queryClient.invalidateQueries({ queryKey: ["me"] });
      },
      signOut: doSignOut,
      has: (...rs) => rs.some((r) => roles.includes(r)),
      isAdmin: isSuperAdmin || roles.includes("agency_admin"),
      isSuperAdmin,
      agencyId: isSuperAdmin ? chosenAgency : (me?.agency?.id ?? null),
      setAgencyId: (id) => {
        setChosenAgency(id);
        if (id) localStorage.setItem(AGENCY_KEY, id);
        else localStorage.removeItem(AGENCY_KEY);
      },
    };
  }, [signedIn, meQuery.data, meQuery.isPending, chosenAgency, doSignOut, queryClient]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** A fixed session, for component tests. */
export function StaticSessionProvider({ value, children }: { value: SessionValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export type { SessionValue };

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}
