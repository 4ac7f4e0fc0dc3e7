// Changes to an account: display name, roles, active, employee link. Only what changed is sent.
// The agency cannot change, so a super admin account keeps its role and an agency account can
// never become one; nobody may deactivate their own account.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { useSession } from "../../session/SessionProvider";
import { CheckboxField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { Loading } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { ROLES, useEmployee, useUpdateUser, type Role, type User } from "./api";
import { EmployeePicker, type EmployeeRef } from "./EmployeePicker";
import { FormProblem, RoleFieldset, fieldErrorsOf, localError, type FieldErrors } from "./fields";

const SHOWN = ["display_name", "roles", "active", "employee_id"] as const;

type Props = { user: User; onDone: (user: User) => void; onCancel: () => void };

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

export function EditUserForm({ user, onDone, onCancel }: Props) {
  const { t } = useTranslation("accounts");
  const text = useProblemText();
  const { me, isSuperAdmin } = useSession();
  const isMe = me?.id === user.id;
  const update = useUpdateUser(user.id, isMe);
  const linked = useEmployee(user.employee_id ?? null);
  const [displayName, setDisplayName] = useState(user.display_name);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [active, setActive] = useState(user.active);
  // undefined: the link stays as it is.
  const [employee, setEmployee] = useState<EmployeeRef | null | undefined>(undefined);
  const [local, setLocal] = useState<FieldErrors | null>(null);

  const superAccount = !user.agency_id;
  const offered = superAccount ? ROLES : ROLES.filter((r) => r !== "super_admin");
  const errors = local ?? fieldErrorsOf(update.error);
  const currentEmployee: EmployeeRef | null = linked.data ?? (user.employee_id ? { id: user.employee_id, full_name: "—", nip: "—" } : null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!displayName.trim()) found.display_name = localError("display_name", "required");
    if (roles.length === 0) found.roles = localError("roles", "required");
    if (Object.keys(found).length > 0) {
      update.reset();
      setLocal(found);
      return;
    }
    setLocal(null);
    const change: Schemas["UpdateUserRequest"] = {};
    if (displayName.trim() !== user.display_name) change.display_name = displayName.trim();
    if (!sameRoles(roles, user.roles)) change.roles = roles;
    if (active !== user.active) change.active = active;
    if (employee !== undefined && (employee?.id ?? null) !== (user.employee_id ?? null)) change.employee_id = employee?.id ?? null;
    if (Object.keys(change).length === 0) {
      onCancel();
      return;
    }
    update.mutate(change, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormProblem error={update.error} errors={errors} shown={SHOWN} />
      <dl className="props">
        <dt>{t("form.email")}</dt>
        <dd>{user.email}</dd>
      </dl>
      <TextField
        label={t("form.displayName")}
        name="display_name"
        required
        maxLength={150}
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={text.field(errors.display_name)}
      />
      <RoleFieldset
        value={roles}
        onChange={setRoles}
        offered={offered}
        locked={superAccount ? ["super_admin"] : []}
        hint={superAccount ? t("form.superAdminFixed") : undefined}
        error={text.field(errors.roles)}
      />
      <CheckboxField
        label={t("form.active")}
        name="active"
        checked={active}
        onChange={(e) => setActive(e.target.checked)}
        disabled={isMe}
        hint={isMe ? t("errors:field.cannot_deactivate_self") : t("form.activeHint")}
        error={text.field(errors.active)}
      />
      {employee === undefined && linked.isLoading ? (
        <Loading />
      ) : (
        <EmployeePicker
          value={employee === undefined ? currentEmployee : employee}
          onChange={setEmployee}
          agencyId={isSuperAdmin ? (user.agency_id ?? null) : null}
          error={text.field(errors.employee_id)}
        />
      )}
      <FormActions busy={update.isPending} onCancel={onCancel} />
    </form>
  );
}
