// Pieces the learning screens share: form errors and URL state, the notice for super admins
// without an agency, status badges, what a participant still lacks, API field codes reworded for
// these forms, and the picker of target positions and units.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { formatDate } from "../../i18n/format";
import { Badge } from "../../ui/Badge";
import { Button, Named } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useDebounced } from "../../ui/hooks";
import { Notice } from "../../ui/States";
import { usePositionSearch, usePositionsById, useUnitSearch, useUnitsById, type EnrolmentStatus, type ProgrammeStatus, type Unmet } from "./api";
export { useFormErrors, useUrlState } from "../../ui/formErrors";

/** Said to a super admin on a page that works within one agency, until one is chosen. */
export function ChooseAgency() {
  const { t } = useTranslation("learning");
  return <Notice kind="info">{t("chooseAgency")}</Notice>;
}

export function ProgrammeStatusBadge({ status }: { status: ProgrammeStatus }) {
  const { t } = useTranslation();
  const tone = status === "published" ? "active" : status === "archived" ? "inactive" : "warning";
  return <Badge tone={tone}>{t(`enums:programmeStatus.${status}`)}</Badge>;
}

export function EnrolmentStatusBadge({ status }: { status: EnrolmentStatus }) {
  const { t } = useTranslation();
  const tone = status === "completed" ? "active" : status === "cancelled" ? "inactive" : status === "waitlisted" ? "warning" : undefined;
  return <Badge tone={tone}>{t(`enums:enrolmentStatus.${status}`)}</Badge>;
}

/** What a participant still lacks to complete, in words ("—" when nothing). */
export function unmetText(unmet: readonly Unmet[], t: (k: string) => string): string {
  return unmet.length === 0 ? "—" : unmet.map((u) => t(`enums:unmet.${u}`)).join("; ");
}

/** A session's dates: one day, a range, from a day on, or none (open-ended e-learning). */
export function dateRange(start: string | null | undefined, end: string | null | undefined, lng: string, openEnded: string): string {
  if (!start && !end) return openEnded;
  if (!end || start === end) return formatDate(start ?? end, lng);
  if (!start) return formatDate(end, lng);
  return `${formatDate(start, lng)} – ${formatDate(end, lng)}`;
}

/**
 * The same failure with some field codes renamed, where the API's generic code reads wrongly in
 * a learning form (a `duplicate` programme code is a taken code, not a repeated competency).
 */
export function recode(err: unknown, rename: (field: string, code: string) => string | null): unknown {
  if (!(err instanceof ApiProblem) || !err.problem.errors?.length) return err;
  return new ApiProblem({ ...err.problem, errors: err.problem.errors.map((e) => ({ ...e, code: rename(e.field, e.code) ?? e.code })) });
}

type Target = { id: string; label: string };

type TargetPickerProps = {
  kind: "positions" | "units";
  agencyId: string | null;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
};

/** Minimum characters typed before searching. */
const MIN_QUERY = 2;

/**
 * Choosing any number of target positions or units (none: open to all): the chosen ones listed
 * with a remove button each, and a search offering more to add.
 */
export function TargetPicker({ kind, agencyId, value, onChange, error }: TargetPickerProps) {
  const { t } = useTranslation("learning");
  const id = useId();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim());
  const searching = query.length >= MIN_QUERY;
  const positions = usePositionSearch(agencyId, query, searching && kind === "positions");
  const units = useUnitSearch(agencyId, query, searching && kind === "units");
  const chosenPositions = usePositionsById(kind === "positions" ? value : []);
  const chosenUnits = useUnitsById(kind === "units" ? value : []);
  const found: Target[] =
    kind === "positions"
      ? (positions.data ?? []).map((p) => ({ id: p.id, label: `${p.title} (${p.code})` }))
      : (units.data ?? []).map((u) => ({ id: u.id, label: `${u.name} (${u.code})` }));
  const chosen: Target[] = value.map((v, i) => {
    const p = kind === "positions" ? chosenPositions[i]?.data : undefined;
    const u = kind === "units" ? chosenUnits[i]?.data : undefined;
    return { id: v, label: p ? `${p.title} (${p.code})` : u ? `${u.name} (${u.code})` : t("common:states.loading") };
  });
  const offered = found.filter((f) => !value.includes(f.id));
  const pending = kind === "positions" ? positions.isFetching : units.isFetching;
  return (
    <fieldset className={`panel targets${error ? " field-invalid" : ""}`} aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend>
        {t(`targets.${kind}.label`)} <span className="opt">({t("common:form.optional")})</span>
      </legend>
      {error ? (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="hint">
          {t(`targets.${kind}.hint`)}
        </p>
      )}
      {chosen.length === 0 ? (
        <p className="muted">{t(`targets.${kind}.all`)}</p>
      ) : (
        <ul className="chips" aria-label={t(`targets.${kind}.chosen`)}>
          {chosen.map((c) => (
            <li key={c.id} className="chip">
              <span>{c.label}</span>
              <Button variant="ghost" onClick={() => onChange(value.filter((v) => v !== c.id))}>
                <Named label={t("targets.remove")} name={c.label} />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <TextField label={t(`targets.${kind}.search`)} name={`${kind}-search`} type="search" autoComplete="off" value={q} onChange={(e) => setQ(e.target.value)} optionalMarker={false} hint={t("targets.searchHint")} />
      {searching ? (
        <div role="status" aria-live="polite" className="hint">
          {pending && found.length === 0 ? t("common:states.loading") : offered.length === 0 ? t("targets.none") : null}
        </div>
      ) : null}
      {searching && offered.length > 0 ? (
        <ul className="tree" aria-label={t(`targets.${kind}.results`)}>
          {offered.map((f) => (
            <li key={f.id} className="tree-row">
              <Button onClick={() => onChange([...value, f.id])}>
                <Named label={t("targets.add")} name={f.label} />
              </Button>
              <span>{f.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
