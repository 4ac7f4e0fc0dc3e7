// i18next set-up: Bahasa Indonesia by default, English on request, the choice remembered. Pages
// for the public (the anonymous survey link) follow the browser's language instead when nobody
// has chosen one (`preferredLanguage`).
// Every feature brings its own namespace; shared words live in `common`, API problem codes in
// `errors`, enum values in `enums`.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { common } from "./common";
import { errors } from "./errors";
import { enums } from "./enums";
import { auth } from "../features/auth/i18n";
import { org } from "../features/org/i18n";
import { people } from "../features/people/i18n";
import { accounts } from "../features/accounts/i18n";
import { competency } from "../features/competency/i18n";
import { surveys } from "../features/surveys/i18n";
import { learning } from "../features/learning/i18n";

export const LANGUAGES = ["id", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = "pembina.lang";

const bundles = { common, errors, enums, auth, org, people, accounts, competency, surveys, learning };

/** The language chosen in this browser (the language switch), if any. */
export function savedLanguage(): Language | null {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(KEY) : null;
  return (LANGUAGES as readonly string[]).includes(saved ?? "") ? (saved as Language) : null;
}

/**
 * The first of the browser's languages (`navigator.languages`, most wanted first) that Pembina
 * speaks, else Indonesian. `in` is the old code of Indonesian some phones still report.
 */
export function browserLanguage(wanted: readonly string[]): Language {
  for (const tag of wanted) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "id" || base === "in") return "id";
    if (base === "en") return "en";
  }
  return "id";
}

/** For public pages: the language chosen here, else the browser's, else Indonesian. */
export function preferredLanguage(): Language {
  const nav = typeof navigator !== "undefined" ? navigator : undefined;
  const wanted = nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : [];
  return savedLanguage() ?? browserLanguage(wanted);
}

function initialLanguage(): Language {
  return savedLanguage() ?? "id";
}

const resources = Object.fromEntries(
  LANGUAGES.map((lng) => [lng, Object.fromEntries(Object.entries(bundles).map(([ns, b]) => [ns, b[lng]]))]),
);

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: "id",
  defaultNS: "common",
  ns: Object.keys(bundles),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function applyLang(lng: string): void {
  if (typeof document !== "undefined") document.documentElement.lang = lng;
}
applyLang(i18n.language);

export function setLanguage(lng: Language): void {
  localStorage.setItem(KEY, lng);
  void i18n.changeLanguage(lng);
  applyLang(lng);
}

export default i18n;
