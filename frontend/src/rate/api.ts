// The page's link (`/r/{unit_code}?t={token}`) and the API addresses built from it.

export interface RateLink {
  unit: string;
  token: string;
}

/** The unit and token of the page's address; null when the path is not `/r/{unit_code}`. */
export function parseLink(loc: { pathname: string; search: string }): RateLink | null {
  const m = /^\/r\/([^/]+)\/?$/.exec(loc.pathname);
  if (!m) return null;
  let unit: string;
  try {
    unit = decodeURIComponent(m[1]!).trim();
  } catch {
    return null;
  }
  if (!unit) return null;
  return { unit, token: new URLSearchParams(loc.search).get("t") ?? "" };
}

const unitPath = (unit: string) => `/api/v1/public/units/${encodeURIComponent(unit)}`;
const tokenQuery = (token: string) => `?t=${encodeURIComponent(token)}`;

export const ratingUrl = (l: RateLink) => `${unitPath(l.unit)}/ratings${tokenQuery(l.token)}`;

/** What the page shows about the unit; only the code is certain. */
export interface UnitInfo {
  code: string;
  name?: string;
  /** The unit's own service types, suggested instead of the common ones. */
  service_types?: string[];
}

const cacheKey = (unit: string) => `pembina.rate.unit.${unit}`;

/** The unit as last seen on this device (works offline). */
export function cachedUnit(unit: string): UnitInfo {
  try {
    const v = JSON.parse(localStorage.getItem(cacheKey(unit)) ?? "null") as UnitInfo | null;
    if (v && typeof v === "object" && v.code === unit) return v;
  } catch {
    // storage unavailable or garbled: the code alone will do
  }
  return { code: unit };
}

/**
 * `GET /api/v1/public/units/{unit_code}?t=` → `{"code","unit_name","agency_name",...}`; offline
 * or on any error, the cached or bare unit. Never throws.
 */
export async function loadUnit(l: RateLink, fetchFn: typeof fetch = (...a) => globalThis.fetch(...a)): Promise<UnitInfo> {
  const fallback = cachedUnit(l.unit);
  try {
    const res = await fetchFn(unitPath(l.unit) + tokenQuery(l.token), {
      headers: { Accept: "application/json" },
      credentials: "omit",
    });
    if (!res.ok || !(res.headers.get("content-type") ?? "").includes("json")) return fallback;
    const b = (await res.json()) as { unit_name?: unknown; agency_name?: unknown; service_types?: unknown };
    const info: UnitInfo = { code: l.unit };
    if (typeof b.unit_name === "string" && b.unit_name.trim()) {
      const agency = typeof b.agency_name === "string" ? b.agency_name.trim() : "";
      info.name = agency ? `${b.unit_name.trim()} — ${agency}` : b.unit_name.trim();
    }
    if (Array.isArray(b.service_types)) {
      info.service_types = b.service_types.filter((s): s is string => typeof s === "string" && !!s.trim());
    }
    try {
      localStorage.setItem(cacheKey(l.unit), JSON.stringify(info));
    } catch {
      // not cached: fine
    }
    return info;
  } catch {
    return fallback;
  }
}
