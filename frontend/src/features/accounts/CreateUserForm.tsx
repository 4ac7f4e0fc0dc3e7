// A new account: e-mail, name, first password, roles, agency and an optional employee link.
// Super admins choose the agency (none for a super admin); agency admins create in their own.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useProblemText } from "../../ui/problemText";
import { ROLES, useAgencies, useCreateUser, type Role, type User } from "./api";
import { EmployeePicker, type EmployeeRef } from "./EmployeePicker";
import { FormProblem, MIN_PASSWORD, RoleFieldset, fieldErrorsOf, localError, type FieldErrors } from "./fields";

const SHOWN = ["email", "display_name", "password", "roles", "agency_id", "employee_id"] as const;

type Props = { onDone: (user: User) => void; onCancel: () => void };

export function CreateUserForm({ onDone, onCancel }: Props) {
  const { t } = useTranslation("accounts");
  const text = useProblemText();
  const { me, isSuperAdmin, agencyId: viewedAgency } = useSession();
  const agencies = useAgencies(isSuperAdmin);
  const create = useCreateUser();
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [agencyId, setAgencyId] = useState(isSuperAdmin ? (viewedAgency ?? "") : (me?.agency?.id ?? ""));
  const [employee, setEmployee] = useState<EmployeeRef | null>(null);
  const [local, setLocal] = useState<FieldErrors | null>(null);

  const offered = isSuperAdmin ? ROLES : ROLES.filter((r) => r !== "super_admin");
  const makesSuper = roles.includes("super_admin");
  const errors = local ?? fieldErrorsOf(create.error);

  function validate(): FieldErrors {
    const out: FieldErrors = {};
    if (!email.trim()) out.email = localError("email", "required");
    if (!displayName.trim()) out.display_name = localError("display_name", "required");
    if (!password) out.password = localError("password", "required");
    else if ([...password].length < MIN_PASSWORD) out.password = localError("password", "password_too_short");
    if (roles.length === 0) out.roles = localError("roles", "required");
    if (!makesSuper && !agencyId) out.agency_id = localError("agency_id", "required");
    return out;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    if (Object.keys(found).length > 0) {
      create.reset();
      setLocal(found);
      return;
    }
    setLocal(null);
    create.mutate(
      {
        email: email.trim(),
        display_name: displayName.trim(),
        password,
        roles,
        agency_id: makesSuper ? null : agencyId,
        employee_id: employee?.id ?? null,
      },
      { onSuccess: onDone },
    );
  }

  function changeAgency(id: string) {
    setAgencyId(id);
    // An employee of another agency cannot be linked.
    setEmployee(null);
  }

  function changeRoles(next: Role[]) {
    if (next.includes("super_admin") !== makesSuper) setEmployee(null);
    setRoles(next);
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormProblem error={create.error} errors={errors} shown={SHOWN} />
      <div className="form-grid">
        <TextField
          label={t("form.email")}
          name="email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={text.field(errors.email)}
        />
        <TextField
          label={t("form.displayName")}
          name="display_name"
          autoComplete="off"
          required
          maxLength={150}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={text.field(errors.display_name)}
        />
        <TextField
          label={t("form.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={128}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={t("form.passwordHint")}
          error={text.field(errors.password)}
        />
      </div>
      <RoleFieldset value={roles} onChange={changeRoles} offered={offered} error={text.field(errors.roles)} />
      {isSuperAdmin ? (
        makesSuper ? (
          <p className="muted">{t("form.superAdminNoAgency")}</p>
        ) : (
          <SelectField
            label={t("form.agency")}
            name="agency_id"
            required
            value={agencyId}
            onChange={(e) => changeAgency(e.target.value)}
            error={text.field(errors.agency_id)}
          >
            <option value="">{t("form.chooseAgency")}</option>
            {agencies.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectField>
        )
      ) : (
        <TextField label={t("form.agency")} name="agency" readOnly required value={me?.agency?.name ?? ""} error={text.field(errors.agency_id)} />
      )}
      <EmployeePicker
        value={employee}
        onChange={setEmployee}
        agencyId={isSuperAdmin && !makesSuper ? agencyId || null : null}
        blockedReason={isSuperAdmin && !makesSuper && !agencyId ? t("form.chooseAgencyFirst") : undefined}
        error={text.field(errors.employee_id)}
      />
      <FormActions busy={create.isPending} onCancel={onCancel} submitLabel={t("create.submit")} />
    </form>
  );
}
