// The frame of a page for the public (an anonymous survey link, a certificate check): outside the
// signed-in shell, with the Pembina name and a language switch but no navigation. It speaks the
// language chosen in this browser, else the browser's own, else Indonesian, through its own
// i18next instance (sharing the texts), leaving the language of the rest of the app alone.
import { useEffect, useState, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import type { i18n as I18n } from "i18next";
import i18n, { applyLang, LANGUAGES, preferredLanguage, setLanguage, type Language } from "../i18n";

const LANGUAGE_NAMES: Record<Language, string> = { id: "Bahasa Indonesia", en: "English" };

export function PublicPage({ children }: { children: ReactNode }) {
  const [local] = useState(() => i18n.cloneInstance({ lng: preferredLanguage() }));
  useEffect(() => {
    applyLang(local.language);
    const follow = (lng: string) => applyLang(lng);
    local.on("languageChanged", follow);
    return () => {
      local.off("languageChanged", follow);
      applyLang(i18n.language);
    };
  }, [local]);
  return (
    <I18nextProvider i18n={local}>
      <Frame local={local}>{children}</Frame>
    </I18nextProvider>
  );
}

/** The page around the content: the Pembina name and the language; no navigation. */
function Frame({ local, children }: { local: I18n; children: ReactNode }) {
  const { t, i18n: current } = useTranslation();
  return (
    <div className="public-page">
      <header className="public-header">
        <p className="public-brand">
          {t("appName")}
          <span className="public-tagline">{t("tagline")}</span>
        </p>
        <select
          className="public-lang"
          aria-label={t("header.language")}
          value={current.language}
          onChange={(e) => {
            const lng = e.target.value as Language;
            setLanguage(lng);
            void local.changeLanguage(lng);
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </header>
      <main id="main" className="public-main">
        {children}
      </main>
    </div>
  );
}
