// i18next set-up: Bahasa Indonesia by default, English on request, the choice remembered.
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

export const LANGUAGES = ["id", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = "pembina.lang";

const bundles = { common, errors, enums, auth, org, people, accounts, competency, surveys };

function initialLanguage(): Language {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(KEY) : null;
  return saved === "en" ? "en" : "id";
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

function applyLang(lng: string): void {
  if (typeof document !== "undefined") document.documentElement.lang = lng;
}
applyLang(i18n.language);

export function setLanguage(lng: Language): void {
  localStorage.setItem(KEY, lng);
  void i18n.changeLanguage(lng);
  applyLang(lng);
}

export default i18n;
