// Kamus Kompetensi: the national catalogue (M1–M8, SK1) and the agency's technical competencies,
// searchable and filtered by group; admins add technical ones.
import { useCallback } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { CheckboxField, SelectField, TextField } from "../../ui/Field";
import { useSearchBox } from "../../ui/hooks";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading } from "../../ui/States";
import { positiveInt } from "../../ui/urlParams";
import { GROUPS, useCompetencies, type CompetencyGroup } from "./api";
import { CompetencyBadges } from "./CompetencyBadges";
import { paths } from "./paths";
import { useUrlState } from "./shared";

const URL_DEFAULTS = { q: "", group: "", retired: "", page: "1", per_page: "20" };
const isGroup = (v: string): v is CompetencyGroup => (GROUPS as readonly string[]).includes(v);

export function DictionaryPage() {
  const { t } = useTranslation("competency");
  const { agencyId, isAdmin } = useSession();
  const [get, set] = useUrlState(URL_DEFAULTS);
  const [search, setSearch] = useSearchBox(get("q"), useCallback((q: string) => set({ q, page: "1" }), [set]));
  const group = get("group");
  const includeRetired = get("retired") === "1";
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 20;
  const list = useCompetencies({ agencyId, q: get("q"), group: isGroup(group) ? group : null, includeRetired, page, perPage });
  const filtered = get("q") !== "" || group !== "";

  return (
    <>
      <PageHeader
        title={t("dictionary.title")}
        subtitle={t("dictionary.subtitle")}
        actions={
          isAdmin ? (
            <Link to={paths.create} className="btn btn-primary">
              {t("dictionary.create")}
            </Link>
          ) : null
        }
      />
      <div className="filters" role="search">
        <TextField label={t("dictionary.search")} name="q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" optionalMarker={false} />
        <SelectField label={t("fields.group")} name="group" value={group} onChange={(e) => set({ group: e.target.value, page: "1" })} optionalMarker={false}>
          <option value="">{t("dictionary.allGroups")}</option>
          {GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`enums:competencyGroup.${g}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField label={t("dictionary.includeRetired")} name="retired" checked={includeRetired} onChange={(e) => set({ retired: e.target.checked ? "1" : "", page: "1" })} />
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{filtered ? t("common:states.noResults") : t("dictionary.empty")}</Empty>
      ) : (
        <>
          <div className="table-wrap" aria-busy={list.isFetching}>
            <table>
              <caption className="visually-hidden">{t("dictionary.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fields.code")}</th>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("fields.group")}</th>
                  <th scope="col">{t("dictionary.kind")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={paths.detail(c.id)}>{c.code}</Link>
                    </td>
                    <td>
                      <Link to={paths.detail(c.id)}>{c.name}</Link>
                    </td>
                    <td>{t(`enums:competencyGroup.${c.group}`)}</td>
                    <td>
                      <CompetencyBadges competency={c} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} perPage={perPage} total={list.data.total} onPage={(p) => set({ page: String(p) })} onPerPage={(n) => set({ per_page: String(n), page: "1" })} />
        </>
      )}
    </>
  );
}
