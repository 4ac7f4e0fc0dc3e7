// Standar Kompetensi Jabatan: positions (a page at a time) × competencies (national, then
// technical), each cell the level the position requires. Levels set for the position stand out
// from the defaults of its kind of post; admins change a position's row in a dialog.
import { useCallback, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useSearchBox } from "../../ui/hooks";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { positiveInt } from "../../ui/urlParams";
import {
  LEVELS,
  useCompetencyOptions,
  usePositions,
  usePutStandard,
  useSettings,
  useStandards,
  type Competency,
  type ManagerialDefaults,
  type Position,
  type PositionStandard,
} from "./api";
import { ChooseAgency, useFormErrors, useUrlState } from "./shared";

const URL_DEFAULTS = { q: "", page: "1", per_page: "20" };

/** The default level of the national competencies for a post, from the agency's settings. */
export function defaultLevelFor(p: Pick<Position, "kind" | "functional_level">, d: ManagerialDefaults): number {
  if (p.kind !== "fungsional") return d[p.kind];
  switch (p.functional_level) {
    case "ahli_utama":
    case "ahli_madya":
    case "ahli_muda":
    case "ahli_pertama":
      return d[p.functional_level];
    default:
      return d.skilled;
  }
}

function StandardCell({ standard, competency }: { standard: PositionStandard | undefined; competency: Competency }) {
  const { t } = useTranslation("competency");
  if (!standard) return <td className="std">…</td>;
  const entry = standard.entries.find((e) => e.competency.id === competency.id);
  if (!entry) {
    return (
      <td className="std std-none">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t("standards.notRequired")}</span>
      </td>
    );
  }
  return entry.explicit ? (
    <td className="std std-explicit" data-explicit="true">
      <strong>{entry.required_level}</strong>
      <span className="visually-hidden"> {t("standards.explicitShort")}</span>
    </td>
  ) : (
    <td className="std std-default" data-explicit="false">
      {entry.required_level}
      <span className="visually-hidden"> {t("standards.defaultShort")}</span>
    </td>
  );
}

export function StandardsPage() {
  const { t } = useTranslation("competency");
  const { agencyId, isAdmin, isSuperAdmin } = useSession();
  const needsAgency = isSuperAdmin && !agencyId;
  const [get, set] = useUrlState(URL_DEFAULTS);
  const [search, setSearch] = useSearchBox(get("q"), useCallback((q: string) => set({ q, page: "1" }), [set]));
  const page = positiveInt(get("page")) ?? 1;
  const perPage = positiveInt(get("per_page")) ?? 20;
  const positions = usePositions({ agencyId, q: get("q"), page, perPage }, !needsAgency);
  const competencies = useCompetencyOptions(agencyId, !needsAgency);
  const rows = positions.data?.items ?? [];
  const standards = useStandards(needsAgency ? [] : rows.map((p) => p.id));
  const [editing, setEditing] = useState<Position | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const header = <PageHeader title={t("standards.title")} subtitle={t("standards.subtitle")} />;
  if (needsAgency) {
    return (
      <>
        {header}
        <ChooseAgency />
      </>
    );
  }
  const columns = (competencies.data ?? []).filter((c) => !c.retired);
  const national = columns.filter((c) => c.national).length;
  const standardOf = (i: number) => standards[i]?.data;

  return (
    <>
      {header}
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <div className="filters" role="search">
        <TextField label={t("standards.search")} name="q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" optionalMarker={false} />
      </div>
      <p className="legend">
        <span className="std-sample std-explicit">
          <strong>4</strong>
        </span>{" "}
        {t("standards.explicit")} <span className="std-sample std-default">3</span> {t("standards.default")} <span className="std-sample">—</span> {t("standards.notRequired")}
      </p>
      {positions.isPending || competencies.isPending ? (
        <Loading />
      ) : positions.isError ? (
        <ErrorState error={positions.error} onRetry={() => void positions.refetch()} />
      ) : competencies.isError ? (
        <ErrorState error={competencies.error} onRetry={() => void competencies.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{get("q") ? t("common:states.noResults") : t("standards.empty")}</Empty>
      ) : (
        <>
          <div className="table-wrap" aria-busy={positions.isFetching}>
            <table className="matrix">
              <caption className="visually-hidden">{t("standards.caption")}</caption>
              <thead>
                <tr>
                  <td />
                  {national > 0 ? (
                    <th scope="colgroup" colSpan={national}>
                      {t("standards.national")}
                    </th>
                  ) : null}
                  {columns.length > national ? (
                    <th scope="colgroup" colSpan={columns.length - national}>
                      {t("standards.technical")}
                    </th>
                  ) : null}
                  {isAdmin ? <td /> : null}
                </tr>
                <tr>
                  <th scope="col">{t("standards.position")}</th>
                  {columns.map((c) => (
                    <th scope="col" key={c.id} className="std-head">
                      <abbr title={c.name}>{c.code}</abbr>
                      <span className="visually-hidden"> {c.name}</span>
                    </th>
                  ))}
                  {isAdmin ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("common:actions.edit")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((p, i) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.title}
                      <span className="muted small">
                        {" "}
                        · {p.code} · {t(`enums:positionKind.${p.kind}`)}
                        {p.functional_level ? ` ${t(`enums:functionalLevel.${p.functional_level}`)}` : ""}
                      </span>
                      {standards[i]?.isError ? (
                        <span className="error small" role="alert">
                          {" "}
                          {t("standards.loadFailed")}
                        </span>
                      ) : null}
                    </th>
                    {columns.map((c) => (
                      <StandardCell key={c.id} standard={standardOf(i)} competency={c} />
                    ))}
                    {isAdmin ? (
                      <td>
                        <Button onClick={() => setEditing(p)} disabled={!standardOf(i)}>
                          <Named label={t("common:actions.edit")} name={p.title} />
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} perPage={perPage} total={positions.data.total} onPage={(n) => set({ page: String(n) })} onPerPage={(n) => set({ per_page: String(n), page: "1" })} />
        </>
      )}
      <Dialog open={editing !== null} title={editing ? t("standards.editTitle", { name: editing.title }) : ""} onClose={() => setEditing(null)}>
        {editing ? (
          <StandardForm
            key={editing.id}
            position={editing}
            standard={standards.find((q) => q.data?.position_id === editing.id)?.data}
            columns={columns}
            onDone={() => {
              setEditing(null);
              setFlash(t("standards.saved", { name: editing.title }));
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </>
  );
}

type FormProps = { position: Position; standard: PositionStandard | undefined; columns: Competency[]; onDone: () => void; onCancel: () => void };

/** One position's row: a level 1–5 per competency, or the default (national) / none (technical). */
function StandardForm({ position, standard, columns, onDone, onCancel }: FormProps) {
  const { t } = useTranslation("competency");
  const { agencyId } = useSession();
  const entries = standard?.entries ?? [];
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(entries.filter((e) => e.explicit).map((e) => [e.competency.id, String(e.required_level)])),
  );
  // The default of the post: what a national competency without its own level requires.
  const shownDefault = entries.find((e) => !e.explicit && e.competency.group !== "technical")?.required_level;
  const settings = useSettings(agencyId, shownDefault === undefined);
  const defaultLevel = shownDefault ?? (settings.data ? defaultLevelFor(position, settings.data.managerial_defaults) : null);
  // The competencies in the order sent, to place `standards[i]` errors at their select.
  const sent = useRef<string[]>([]);
  const errors = useFormErrors((field) => {
    const m = /^standards\[(\d+)\]/.exec(field);
    return m ? (sent.current[Number(m[1])] ?? null) : null;
  });
  const put = usePutStandard();

  function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = columns.filter((c) => values[c.id]);
    sent.current = chosen.map((c) => c.id);
    put.mutate(
      { positionId: position.id, standards: chosen.map((c) => ({ competency_id: c.id, required_level: Number(values[c.id]) })) },
      { onSuccess: onDone, onError: errors.fail },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <p className="muted">{t("standards.formHint")}</p>
      <div className="form-grid">
        {columns.map((c) => (
          <SelectField
            key={c.id}
            label={`${c.code} · ${c.name}`}
            name={`level-${c.code}`}
            value={values[c.id] ?? ""}
            onChange={(e) => setValues((v) => ({ ...v, [c.id]: e.target.value }))}
            error={errors.at(c.id)}
            optionalMarker={false}
          >
            <option value="">{c.national ? (defaultLevel !== null ? t("standards.defaultOption", { level: defaultLevel }) : t("standards.defaultOptionUnknown")) : t("standards.noneOption")}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t("fields.level", { level: l })}
              </option>
            ))}
          </SelectField>
        ))}
      </div>
      <FormActions busy={put.isPending} onCancel={onCancel} />
    </form>
  );
}
