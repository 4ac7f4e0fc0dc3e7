// Links an account to an employee record: search by name or NIP, pick one, or unlink.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Named } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorState, Loading } from "../../ui/States";
import { useDebounced } from "../../ui/hooks";
import { useEmployeeSearch, type Employee } from "./api";

export type EmployeeRef = Pick<Employee, "id" | "full_name" | "nip">;

type Props = {
  value: EmployeeRef | null;
  onChange: (employee: EmployeeRef | null) => void;
  /** Narrows a super admin's search to one agency. */
  agencyId: string | null;
  /** Why no employee can be searched yet; the search is off while set. */
  blockedReason?: string | undefined;
  error?: string | undefined;
};

const MIN_QUERY = 2;

export function EmployeePicker({ value, onChange, agencyId, blockedReason, error }: Props) {
  const { t } = useTranslation("accounts");
  const id = useId();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim());
  const searching = value === null && !blockedReason && query.length >= MIN_QUERY;
  const results = useEmployeeSearch(query, agencyId, searching);

  return (
    <fieldset className={`field${error ? " field-invalid" : ""}`}>
      <legend>
        {t("form.employee")} <span className="opt">({t("common:form.optional")})</span>
      </legend>
      {value ? (
        <>
          <div className="tree-row">
            <span id={`${id}-picked`}>
              <strong>{value.full_name}</strong> <span className="muted">{t("form.nip", { nip: value.nip })}</span>
            </span>
            <Button variant="ghost" onClick={() => onChange(null)} aria-describedby={error ? `${id}-error` : `${id}-picked`}>
              {t("form.unlink")}
            </Button>
          </div>
          {error ? (
            <p id={`${id}-error`} className="error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <TextField
            label={t("form.employeeSearch")}
            name="employee_q"
            type="search"
            autoComplete="off"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            disabled={Boolean(blockedReason)}
            hint={blockedReason ?? t("form.employeeHint")}
            error={error}
          />
          {searching ? (
            results.isPending ? (
              <Loading />
            ) : results.isError ? (
              <ErrorState error={results.error} onRetry={() => void results.refetch()} />
            ) : results.data.length === 0 ? (
              <p className="muted">{t("form.noEmployees")}</p>
            ) : (
              <ul className="tree" aria-label={t("form.employeeResults")}>
                {results.data.map((e) => (
                  <li key={e.id} className="tree-row">
                    <Button onClick={() => onChange({ id: e.id, full_name: e.full_name, nip: e.nip })}>
                      <Named label={t("form.pick")} name={e.full_name} />
                    </Button>
                    <span>
                      {e.full_name} <span className="muted">{t("form.nip", { nip: e.nip })}</span>
                    </span>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </>
      )}
    </fieldset>
  );
}
