// Users and roles: the accounts an administrator manages, searchable and filterable by role and
// status, with dialogs to create, edit and reset the password of an account.
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { useSession } from "../../session/SessionProvider";
import { ActiveBadge, Badge } from "../../ui/Badge";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField, TextField } from "../../ui/Field";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { useDebounced } from "../../ui/hooks";
import { ROLES, useAgencies, useUsers, type Role, type User, type UserListParams } from "./api";
import { CreateUserForm } from "./CreateUserForm";
import { EditUserForm } from "./EditUserForm";
import { ResetPasswordForm } from "./ResetPasswordForm";

type Open = { kind: "create" } | { kind: "edit"; user: User } | { kind: "reset"; user: User } | null;

export function UsersPage() {
  const { t, i18n } = useTranslation("accounts");
  const { me, isSuperAdmin, agencyId } = useSession();
  const [q, setQ] = useState("");
  const [role, setRole] = useState<Role | null>(null);
  const [active, setActive] = useState<boolean | null>(null);
  const [perPage, setPerPage] = useState(20);
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const search = useDebounced(q.trim());

  // Any change of the filters starts again at page 1.
  const filterKey = JSON.stringify([search, role, active, agencyId, perPage]);
  const [paging, setPaging] = useState({ key: filterKey, page: 1 });
  const page = paging.key === filterKey ? paging.page : 1;

  const params: UserListParams = {
    page,
    per_page: perPage,
    ...(search ? { q: search } : {}),
    ...(role ? { role } : {}),
    ...(active !== null ? { active } : {}),
    ...(isSuperAdmin && agencyId ? { agency_id: agencyId } : {}),
  };
  const users = useUsers(params);
  const agencies = useAgencies(isSuperAdmin);
  const agencyNames = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);
  const roleChoices = isSuperAdmin ? ROLES : ROLES.filter((r) => r !== "super_admin");
  const filtered = Boolean(search || role || active !== null);

  function show(next: Open) {
    setDone(null);
    setOpen(next);
  }

  function finish(message: string) {
    setOpen(null);
    setDone(message);
  }

  const title = open?.kind === "create" ? t("create.title") : open?.kind === "edit" ? t("edit.title") : t("reset.title");

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <Button variant="primary" onClick={() => show({ kind: "create" })}>
            {t("newUser")}
          </Button>
        }
      />
      {done ? <Notice kind="success">{done}</Notice> : null}
      <form className="filters" role="search" aria-label={t("filters.label")} onSubmit={(e) => e.preventDefault()}>
        <TextField label={t("filters.search")} name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} optionalMarker={false} />
        <SelectField label={t("filters.role")} name="role" value={role ?? ""} onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? null)} optionalMarker={false}>
          <option value="">{t("filters.allRoles")}</option>
          {roleChoices.map((r) => (
            <option key={r} value={r}>
              {t(`enums:role.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("filters.status")}
          name="active"
          value={active === null ? "" : String(active)}
          onChange={(e) => setActive(e.target.value === "" ? null : e.target.value === "true")}
          optionalMarker={false}
        >
          <option value="">{t("filters.allStatuses")}</option>
          <option value="true">{t("common:active")}</option>
          <option value="false">{t("common:inactive")}</option>
        </SelectField>
      </form>

      {users.isPending ? (
        <Loading />
      ) : users.isError && !users.data ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.total === 0 ? (
        <Empty>{filtered ? t("common:states.noResults") : undefined}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table aria-busy={users.isFetching}>
              <caption className="visually-hidden">{t("tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("columns.email")}</th>
                  <th scope="col">{t("columns.displayName")}</th>
                  <th scope="col">{t("columns.roles")}</th>
                  {isSuperAdmin ? <th scope="col">{t("columns.agency")}</th> : null}
                  <th scope="col">{t("columns.status")}</th>
                  <th scope="col">{t("columns.lastLogin")}</th>
                  <th scope="col">{t("columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <td>{u.email}</td>
                    <td>
                      {u.display_name}
                      {u.id === me?.id ? (
                        <>
                          {" "}
                          <span className="muted">{t("you")}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {u.roles.map((r, i) => (
                        <span key={r}>
                          {i > 0 ? " " : null}
                          <Badge>{t(`enums:role.${r}`)}</Badge>
                        </span>
                      ))}
                    </td>
                    {isSuperAdmin ? <td>{u.agency_id ? (agencyNames.get(u.agency_id) ?? "—") : "—"}</td> : null}
                    <td>
                      <ActiveBadge active={u.active} />
                      {u.locked_until ? (
                        <>
                          {" "}
                          <Badge tone="inactive">{t("lockedUntil", { time: formatDateTime(u.locked_until, i18n.language) })}</Badge>
                        </>
                      ) : null}
                    </td>
                    <td>{u.last_login_at ? formatDateTime(u.last_login_at, i18n.language) : t("neverSignedIn")}</td>
                    <td>
                      <div className="page-actions">
                        <Button onClick={() => show({ kind: "edit", user: u })}>
                          <Named label={t("common:actions.edit")} name={u.email} />
                        </Button>
                        <Button onClick={() => show({ kind: "reset", user: u })}>
                          <Named label={t("resetPassword")} name={u.email} />
                        </Button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            perPage={perPage}
            total={users.data.total}
            onPage={(p) => setPaging({ key: filterKey, page: p })}
            onPerPage={setPerPage}
          />
        </>
      )}

      <Dialog open={open !== null} title={title} onClose={() => setOpen(null)}>
        {open?.kind === "create" ? (
          <CreateUserForm onDone={(u) => finish(t("done.created", { email: u.email }))} onCancel={() => setOpen(null)} />
        ) : open?.kind === "edit" ? (
          <EditUserForm user={open.user} onDone={(u) => finish(t("done.updated", { email: u.email }))} onCancel={() => setOpen(null)} />
        ) : open?.kind === "reset" ? (
          <ResetPasswordForm user={open.user} onDone={() => finish(t("done.reset", { email: open.user.email }))} onCancel={() => setOpen(null)} />
        ) : null}
      </Dialog>
    </>
  );
}
