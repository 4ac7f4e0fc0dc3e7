// The frame around every signed-in page: header (agency, user, language, sign out) and the
// navigation each role is allowed to use.
import { useState } from "react";
import { NavLink, Outlet, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { setLanguage, type Language } from "../i18n";
import { useSession, type Role } from "../session/SessionProvider";

type NavItem = { to: string; label: string; roles?: Role[]; end?: boolean };

export function Shell() {
  const { t, i18n } = useTranslation();
  const { me, signOut, isSuperAdmin, agencyId, setAgencyId } = useSession();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const agencies = useQuery({
    queryKey: ["org", "agencies", "all"],
    enabled: isSuperAdmin,
    queryFn: async () => (await api.GET("/api/v1/agencies", { params: { query: { per_page: 200 } } })).data,
    staleTime: 10 * 60_000,
  });

  const items: NavItem[] = [
    { to: "/", label: t("nav.home") },
    { to: "/agencies", label: t("nav.agencies"), roles: ["super_admin", "agency_admin"] },
    { to: "/org-units", label: t("nav.units") },
    { to: "/positions", label: t("nav.positions") },
    { to: "/employees", label: t("nav.employees"), roles: ["super_admin", "agency_admin", "supervisor"] },
    { to: "/users", label: t("nav.users"), roles: ["super_admin", "agency_admin"] },
  ];
  const admins: Role[] = ["super_admin", "agency_admin"];
  // The needs analysis (AKPK): the catalogue for everyone, the rest (surveys, needs, the plan)
  // for administrators, and everyone with an employee record their own competency profile and
  // survey tasks.
  const competencyItems: NavItem[] = [
    { to: "/competencies", label: t("nav.dictionary") },
    { to: "/competencies/standards", label: t("nav.standards"), roles: admins },
    { to: "/competencies/gaps", label: t("nav.gaps"), roles: admins },
    { to: "/surveys", label: t("nav.surveys"), roles: admins },
    { to: "/competencies/needs", label: t("nav.needs"), roles: admins },
    { to: "/competencies/plan", label: t("nav.plan"), roles: admins },
    { to: "/competencies/settings", label: t("nav.competencySettings"), roles: admins },
  ];
  const roles = me?.roles ?? [];
  const allowed = (i: NavItem) => !i.roles || i.roles.some((r) => roles.includes(r));
  const visible = items.filter(allowed);
  if (me?.employee_id && !roles.some((r) => ["super_admin", "agency_admin", "supervisor"].includes(r))) {
    visible.push({ to: `/employees/${me.employee_id}`, label: t("nav.myProfile") });
  }
  const competencies = competencyItems.filter(allowed);
  if (me?.employee_id) {
    competencies.push({ to: `/competencies/employees/${me.employee_id}`, label: t("nav.myCompetency") });
    competencies.push({ to: "/my-surveys", label: t("nav.mySurveys") });
  }
  // Learning: programmes for administrators, sessions for them and trainers (attendance), and
  // everyone with an employee record their own learning.
  const learningItems: NavItem[] = [
    { to: "/programmes", label: t("nav.programmes"), roles: admins },
    { to: "/sessions", label: t("nav.sessions"), roles: [...admins, "trainer"] },
    { to: "/jp", label: t("nav.jp"), roles: admins, end: true },
    { to: "/jp/conversions", label: t("nav.jpConversions"), roles: admins },
    { to: "/evaluation/follow-ups", label: t("nav.evaluationFollowUps"), roles: admins },
  ];
  const learning = learningItems.filter(allowed);
  if (me?.employee_id) {
    learning.push({ to: "/learning", label: t("nav.myLearning") });
    learning.push({ to: "/me/jp", label: t("nav.myJp") });
    learning.push({ to: "/me/follow-ups", label: t("nav.myFollowUps") });
  }
  // Performance (SKP): everyone with an employee record has their own plan. Whoever rates whom
  // follows the employee records' supervisor links, not a role, so "Tim Saya" is offered to all
  // of them (it says so when someone has no direct reports).
  const performance: NavItem[] = me?.employee_id
    ? [
        { to: "/me/skp", label: t("nav.mySkp") },
        { to: "/me/team", label: t("nav.myTeam") },
      ]
    : [];
  // Appraisal results: administrators see how units were rated against the curve, everyone with
  // an employee record their own ratings year by year.
  if (roles.some((r) => admins.includes(r))) performance.unshift({ to: "/appraisal/distribution", label: t("nav.appraisalDistribution") });
  if (me?.employee_id) performance.push({ to: "/me/appraisal", label: t("nav.myAppraisal") });
  // Citizens' service ratings (SKM): a unit's index and its QR code, the flagged ratings and the
  // agency overview, for administrators.
  const ratings: NavItem[] = [
    { to: "/ratings/units", label: t("nav.ratingsUnits"), roles: admins },
    { to: "/ratings/flags", label: t("nav.ratingsFlags"), roles: admins },
    { to: "/ratings/agency", label: t("nav.ratingsAgency"), roles: admins },
  ].filter(allowed);
  const groups = [
    { id: "nav-competencies", label: t("nav.competencies"), items: competencies, root: "/competencies" },
    { id: "nav-learning", label: t("nav.learning"), items: learning, root: null },
    { id: "nav-performance", label: t("nav.performance"), items: performance, root: null },
    { id: "nav-ratings", label: t("nav.ratings"), items: ratings, root: null },
  ].filter((g) => g.items.length > 0);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t("header.skipToContent")}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-btn menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          ☰ <span className="visually-hidden">{t("nav.menu")}</span>
        </button>
        <NavLink to="/" className="brand">
          {t("appName")}
        </NavLink>
        <div className="topbar-right">
          {isSuperAdmin ? (
            <label className="inline">
              <span className="visually-hidden-sm">{t("header.agency")}</span>
              <select value={agencyId ?? ""} onChange={(e) => setAgencyId(e.target.value || null)} data-testid="agency-switcher">
                <option value="">{t("header.allAgencies")}</option>
                {agencies.data?.items.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
          ) : me?.agency ? (
            <span className="agency-name">{me.agency.name}</span>
          ) : null}
          <label className="inline">
            <span className="visually-hidden">{t("header.language")}</span>
            <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t("header.language")} data-testid="language">
              <option value="id">Bahasa Indonesia</option>
              <option value="en">English</option>
            </select>
          </label>
          <span className="user" title={me?.email}>
            {me?.display_name}
          </span>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={async () => {
              await signOut();
              navigate("/login");
            }}
          >
            {t("header.signOut")}
          </button>
        </div>
      </header>
      <div className="layout">
        <nav id="main-nav" className={`sidenav${menuOpen ? " open" : ""}`} aria-label={t("nav.mainNav")}>
          <ul>
            {visible.map((i) => (
              <li key={i.to}>
                <NavLink to={i.to} end={i.to === "/"} onClick={() => setMenuOpen(false)}>
                  {i.label}
                </NavLink>
              </li>
            ))}
            {groups.map((g) => (
              <li key={g.id} className="nav-group">
                <span id={g.id} className="nav-group-label">
                  {g.label}
                </span>
                <ul aria-labelledby={g.id}>
                  {g.items.map((i) => (
                    <li key={i.to}>
                      <NavLink to={i.to} end={i.end || i.to === g.root} onClick={() => setMenuOpen(false)}>
                        {i.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
