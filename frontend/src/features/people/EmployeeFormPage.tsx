// Registering and editing an employee. The API checks everything (the NIP's birth date,
// appointment and sex, the rank, the references); its field errors appear at their fields, in
// the reader's language.
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem, type ProblemField } from "../../api/problem";
import { useSession } from "../../session/SessionProvider";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { PageHeader } from "../../ui/PageHeader";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { useAgencies, useCreateEmployee, useEmployee, useOrgUnits, usePositions, useUpdateEmployee } from "./api";
import { createBody, formValues, missing, patchBody, type FormValues } from "./form";
import { SupervisorPicker } from "./SupervisorPicker";
import { EMPLOYEE_STATUSES, EMPLOYMENT_TYPES, oneOf, paths, type Employee } from "./values";

/** Route element for `/employees/new` and `/employees/:id/edit`. */
export function EmployeeFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { isAdmin } = useSession();
  const existing = useEmployee(isAdmin ? id : undefined);
  if (!isAdmin) {
    return (
      <div className="state state-error" role="alert">
        {t("states.forbidden")}
      </div>
    );
  }
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  return <EmployeeForm key={id ?? "new"} employee={existing.data} />;
}

/** Fields the form always shows; errors for fields it does not show go into the summary. */
const FIELDS = ["nip", "employment_type", "name", "title_prefix", "title_suffix", "rank", "org_unit_id", "position_id", "supervisor_id", "email", "phone"];

function byField(list: ProblemField[]): Record<string, ProblemField> {
  return Object.fromEntries(list.map((e) => [e.field, e]));
}

function EmployeeForm({ employee }: { employee: Employee | undefined }) {
  const { t } = useTranslation("people");
  const text = useProblemText();
  const navigate = useNavigate();
  const session = useSession();
  const [initial] = useState(() => formValues(employee, session.agencyId));
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<Record<string, ProblemField>>({});
  // What went wrong, kept untranslated so a language switch re-renders it: field errors (the
  // fields say what) or a whole-request problem.
  const [failure, setFailure] = useState<{ error: unknown } | "fields" | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateEmployee();
  const update = useUpdateEmployee(employee?.id ?? "");
  const busy = create.isPending || update.isPending;

  // A super admin viewing all agencies names the new employee's agency here.
  const choosesAgency = !employee && session.isSuperAdmin && session.agencyId === null;
  const agencyId = employee?.agency_id ?? session.agencyId ?? (values.agency_id || null);
  const agencies = useAgencies(choosesAgency);
  const units = useOrgUnits(agencyId, agencyId !== null);
  const positions = usePositions(agencyId, agencyId !== null);

  // After a failed attempt, take the keyboard to the first field to fix.
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  function set<K extends keyof FormValues>(key: K, value: FormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((errs) => {
      if (!(key in errs)) return errs;
      const rest = { ...errs };
      delete rest[key];
      return rest;
    });
  }
  const onText = (key: Exclude<keyof FormValues, "employment_type" | "status">) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    set(key, e.target.value);
  const fieldError = (field: string) => text.field(errors[field]);

  function fail(list: ProblemField[], error?: unknown) {
    setErrors(byField(list));
    setFailure(list.length > 0 ? "fields" : { error });
    setAttempt((n) => n + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const empty = missing(values, choosesAgency);
    if (empty.length > 0) return fail(empty);
    try {
      let saved: Employee;
      if (employee) {
        const body = patchBody(initial, values);
        if (Object.keys(body).length === 0) return navigate(paths.detail(employee.id));
        saved = await update.mutateAsync(body);
      } else {
        saved = await create.mutateAsync(createBody(values, session.isSuperAdmin ? agencyId : null));
      }
      navigate(paths.detail(saved.id), { state: { saved: true } });
    } catch (err) {
      const fields = err instanceof ApiProblem ? Object.values(err.fieldErrors()) : [];
      fail(fields, err);
    }
  }

  const shown = [...FIELDS, ...(choosesAgency ? ["agency_id"] : []), ...(employee ? ["status"] : [])];
  const unplaced = Object.values(errors).filter((e) => !shown.includes(e.field));
  const cancelTo = employee ? paths.detail(employee.id) : paths.list;

  return (
    <>
      <PageHeader title={employee ? t("form.editTitle") : t("form.newTitle")} subtitle={employee?.full_name} />
      <form ref={formRef} className="panel" onSubmit={submit} noValidate aria-busy={busy}>
        {failure ? (
          <Notice kind="error">
            {failure === "fields" ? t("common:form.fixErrors") : text.problem(failure.error)}
            {unplaced.length > 0 ? (
              <ul>
                {unplaced.map((e) => (
                  <li key={e.field}>
                    {t(`fields.${e.field}`, { defaultValue: e.field })}: {text.field(e)}
                  </li>
                ))}
              </ul>
            ) : null}
          </Notice>
        ) : null}
        <div className="form-grid">
          {choosesAgency ? (
            <SelectField
              label={t("fields.agency_id")}
              name="agency_id"
              required
              value={values.agency_id}
              onChange={(e) => {
                set("agency_id", e.target.value);
                // Units, positions and supervisors belong to one agency.
                setValues((v) => ({ ...v, org_unit_id: "", position_id: "", supervisor_id: "" }));
              }}
              error={fieldError("agency_id")}
            >
              <option value="">{t("form.choose")}</option>
              {agencies.data?.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <TextField
            label={t("fields.nip")}
            name="nip"
            required
            inputMode="numeric"
            autoComplete="off"
            value={values.nip}
            onChange={onText("nip")}
            hint={t("form.nipHint")}
            error={fieldError("nip")}
          />
          <SelectField
            label={t("fields.employment_type")}
            name="employment_type"
            required
            value={values.employment_type}
            onChange={(e) => set("employment_type", oneOf(EMPLOYMENT_TYPES, e.target.value) ?? "pns")}
            error={fieldError("employment_type")}
          >
            {EMPLOYMENT_TYPES.map((v) => (
              <option key={v} value={v}>
                {t(`enums:employmentType.${v}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t("fields.title_prefix")} name="title_prefix" value={values.title_prefix} onChange={onText("title_prefix")} error={fieldError("title_prefix")} />
          <TextField
            label={t("fields.name")}
            name="name"
            required
            autoComplete="off"
            value={values.name}
            onChange={onText("name")}
            hint={t("form.nameHint")}
            error={fieldError("name")}
          />
          <TextField label={t("fields.title_suffix")} name="title_suffix" value={values.title_suffix} onChange={onText("title_suffix")} error={fieldError("title_suffix")} />
          <TextField label={t("fields.rank")} name="rank" value={values.rank} onChange={onText("rank")} hint={t("form.rankHint")} error={fieldError("rank")} />
          <SelectField
            label={t("fields.org_unit_id")}
            name="org_unit_id"
            required
            disabled={agencyId === null}
            hint={agencyId === null ? t("form.chooseAgencyFirst") : undefined}
            value={values.org_unit_id}
            onChange={onText("org_unit_id")}
            error={fieldError("org_unit_id")}
          >
            <option value="">{t("form.choose")}</option>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id} disabled={!u.active && u.id !== initial.org_unit_id}>
                {"\u00a0\u00a0".repeat(u.depth)}
                {u.active ? u.name : t("form.inactiveOption", { name: u.name })}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("fields.position_id")}
            name="position_id"
            disabled={agencyId === null}
            value={values.position_id}
            onChange={onText("position_id")}
            error={fieldError("position_id")}
          >
            <option value="">{t("form.none")}</option>
            {positions.data?.map((p) => (
              <option key={p.id} value={p.id} disabled={!p.active && p.id !== initial.position_id}>
                {p.active ? p.title : t("form.inactiveOption", { name: p.title })}
              </option>
            ))}
          </SelectField>
          <SupervisorPicker
            agencyId={agencyId}
            value={values.supervisor_id}
            onChange={(id) => set("supervisor_id", id)}
            excludeId={employee?.id}
            error={fieldError("supervisor_id")}
          />
          <TextField label={t("fields.email")} name="email" type="email" autoComplete="off" value={values.email} onChange={onText("email")} error={fieldError("email")} />
          <TextField label={t("fields.phone")} name="phone" type="tel" autoComplete="off" value={values.phone} onChange={onText("phone")} error={fieldError("phone")} />
          {employee ? (
            <SelectField
              label={t("fields.status")}
              name="status"
              required
              value={values.status}
              onChange={(e) => set("status", oneOf(EMPLOYEE_STATUSES, e.target.value) ?? "active")}
              error={fieldError("status")}
            >
              {EMPLOYEE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`enums:employeeStatus.${s}`)}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <FormActions busy={busy} cancelTo={cancelTo} />
      </form>
    </>
  );
}
