import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import AccountsRoutes from "./routes";
import i18n from "../../i18n";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import type { Employee, User } from "./api";

const ME = "00000000-0000-7000-8000-000000000001";
const SITI = "00000000-0000-7000-8000-000000000002";
const AGENCY = "00000000-0000-7000-8000-0000000000a1";

function user(over: Partial<User>): User {
  return {
    id: SITI,
    email: "siti.rahmawati@bengkulukota.go.id",
    display_name: "Siti Rahmawati",
    roles: ["employee"],
    agency_id: AGENCY,
    employee_id: null,
    active: true,
    locked_until: null,
    last_login_at: null,
    created_at: "2026-01-05T02:00:00Z",
    updated_at: "2026-01-05T02:00:00Z",
    ...over,
  };
}

const admin = user({ id: ME, email: "admin@pembina.local", display_name: "Administrator Pembina", roles: ["super_admin"], agency_id: null, last_login_at: "2026-11-27T07:05:00Z" });
const siti = user({ roles: ["agency_admin", "supervisor"], locked_until: "2026-11-27T08:30:00Z" });

const ahmad: Employee = {
  id: "00000000-0000-7000-8000-0000000000e1",
  agency_id: AGENCY,
  org_unit_id: "00000000-0000-7000-8000-0000000000u1",
  nip: "198507152010011003",
  name: "Ahmad Fauzi",
  full_name: "dr. Ahmad Fauzi, M.Kes.",
  birth_date: "1985-07-15",
  sex: "male",
  employment_type: "pns",
  status: "active",
  created_at: "2026-01-05T02:00:00Z",
  updated_at: "2026-01-05T02:00:00Z",
};

type Extra = (url: URL, req: Request) => Response | undefined;

/** The list, the agencies and employee search answer by default; `extra` handles the rest first. */
function api(extra: Extra = () => undefined, items: User[] = [admin, siti]) {
  return stubApi((url, req) => {
    const answer = extra(url, req);
    if (answer) return answer;
    if (req.method !== "GET") return undefined;
    if (url.pathname === "/api/v1/users") return json(page(items));
    if (url.pathname === "/api/v1/agencies") return json(page([{ id: AGENCY, code: "1771", name: "Pemerintah Kota Bengkulu", kind: "city" }]));
    if (url.pathname === "/api/v1/employees") return json(page([ahmad]));
    return undefined;
  });
}

const renderUsers = (s = session()) => renderApp(<AccountsRoutes />, { path: "/users", route: "/users/*", session: s });
const agencyAdmin = () => session(["agency_admin"]);

async function openCreate() {
  await userEvent.click(await screen.findByRole("button", { name: "Tambah akun" }));
  return screen.getByRole("dialog", { name: "Tambah akun" });
}

async function fillCreate(dialog: HTMLElement) {
  const d = within(dialog);
  await userEvent.type(d.getByLabelText(/^Email/), "budi@bengkulukota.go.id");
  await userEvent.type(d.getByLabelText(/^Nama tampilan/), "Budi Santoso");
  await userEvent.type(d.getByLabelText(/^Kata sandi/), "rahasia-panjang");
  await userEvent.click(d.getByRole("checkbox", { name: "Pegawai" }));
}

const rowOf = async (email: string) => (await screen.findByRole("cell", { name: email })).closest("tr") as HTMLElement;

describe("Users and roles", () => {
  it("lists accounts with translated role labels, agency, lock and last sign-in", async () => {
    api();
    renderUsers();
    expect(await screen.findByRole("heading", { name: "Pengguna dan peran" })).toBeInTheDocument();
    const row = await rowOf(siti.email);
    expect(within(row).getByText("Admin instansi")).toHaveClass("badge");
    expect(within(row).getByText("Atasan")).toBeInTheDocument();
    expect(await within(row).findByText("Pemerintah Kota Bengkulu")).toBeInTheDocument();
    expect(within(row).getByText("Aktif")).toBeInTheDocument();
    expect(within(row).getByText(/^Terkunci sampai \d+ November 2026/)).toBeInTheDocument();
    expect(within(row).getByText("Belum pernah")).toBeInTheDocument();
    const mine = await rowOf(admin.email);
    expect(within(mine).getByText("Super admin")).toBeInTheDocument();
    expect(within(mine).getByText(/^\d+ November 2026/)).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Instansi" })).toBeInTheDocument();
  });

  it("sends the viewed agency, the role and status filters and the debounced search", async () => {
    const { calls } = api();
    renderUsers(session(["super_admin"], { agencyId: AGENCY }));
    await rowOf(siti.email);
    await userEvent.selectOptions(screen.getByLabelText("Peran"), "agency_admin");
    await userEvent.selectOptions(screen.getByLabelText("Status"), "false");
    await userEvent.type(screen.getByLabelText("Cari email atau nama"), "siti");
    await waitFor(() => {
      const last = calls.filter((c) => new URL(c.url).pathname === "/api/v1/users").at(-1);
      const query = new URL(last?.url ?? "http://x").searchParams;
      expect(query.get("q")).toBe("siti");
    });
    const last = calls.filter((c) => new URL(c.url).pathname === "/api/v1/users").at(-1);
    const query = new URL(last?.url ?? "http://x").searchParams;
    expect(query.get("agency_id")).toBe(AGENCY);
    expect(query.get("role")).toBe("agency_admin");
    expect(query.get("active")).toBe("false");
    expect(query.get("page")).toBe("1");
  });

  it("does not offer super_admin to an agency admin, whose agency is fixed", async () => {
    api(undefined, [siti]);
    renderUsers(agencyAdmin());
    await rowOf(siti.email);
    expect(screen.queryByRole("columnheader", { name: "Instansi" })).not.toBeInTheDocument();
    expect(within(screen.getByLabelText("Peran")).queryByRole("option", { name: "Super admin" })).not.toBeInTheDocument();
    const dialog = await openCreate();
    const roles = within(dialog).getByRole("group", { name: "Peran" });
    expect(within(roles).getAllByRole("checkbox").map((c) => c.getAttribute("value"))).toEqual(["agency_admin", "supervisor", "employee", "trainer"]);
    expect(within(dialog).queryByRole("checkbox", { name: "Super admin" })).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Instansi/)).toHaveValue("Pemerintah Kota Bengkulu");
  });

  it("shows a 422 field error, translated, at the email field", async () => {
    api((url, req) =>
      req.method === "POST" && url.pathname === "/api/v1/users"
        ? problem(422, "validation_failed", [{ field: "email", code: "invalid_email", message: "must be an e-mail address" }])
        : undefined,
    );
    renderUsers(agencyAdmin());
    const dialog = await openCreate();
    await fillCreate(dialog);
    await userEvent.click(within(dialog).getByRole("button", { name: "Buat akun" }));
    const email = within(dialog).getByLabelText(/^Email/);
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("Alamat email tidak valid.");
    expect(within(dialog).getByText("Periksa isian yang ditandai.")).toBeInTheDocument();
  });

  it("shows a duplicate e-mail conflict at the email field", async () => {
    api((url, req) =>
      req.method === "POST" && url.pathname === "/api/v1/users"
        ? problem(409, "duplicate_email", [{ field: "email", code: "duplicate_email", message: "an account with this e-mail exists" }])
        : undefined,
    );
    renderUsers(agencyAdmin());
    const dialog = await openCreate();
    await fillCreate(dialog);
    await userEvent.click(within(dialog).getByRole("button", { name: "Buat akun" }));
    await waitFor(() => expect(within(dialog).getByLabelText(/^Email/)).toHaveAccessibleDescription("Email ini sudah dipakai akun lain."));
  });

  it("checks the form before sending: the 10-character password rule and at least one role", async () => {
    const { calls } = api();
    renderUsers(agencyAdmin());
    const dialog = await openCreate();
    const d = within(dialog);
    expect(d.getByLabelText(/^Kata sandi/)).toHaveAccessibleDescription("Minimal 10 karakter.");
    await userEvent.type(d.getByLabelText(/^Email/), "budi@bengkulukota.go.id");
    await userEvent.type(d.getByLabelText(/^Nama tampilan/), "Budi Santoso");
    await userEvent.type(d.getByLabelText(/^Kata sandi/), "pendek");
    await userEvent.click(d.getByRole("button", { name: "Buat akun" }));
    expect(d.getByLabelText(/^Kata sandi/)).toHaveAccessibleDescription("Kata sandi minimal 10 karakter.");
    expect(d.getByRole("group", { name: "Peran" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("creates an account with the chosen roles, agency and linked employee", async () => {
    const { calls } = api((url, req) =>
      req.method === "POST" && url.pathname === "/api/v1/users" ? json(user({ id: "n", email: "budi@bengkulukota.go.id" }), 201) : undefined,
    );
    renderUsers(session(["super_admin"], { agencyId: AGENCY }));
    const dialog = await openCreate();
    const d = within(dialog);
    await fillCreate(dialog);
    await userEvent.click(d.getByRole("checkbox", { name: "Atasan" }));
    await waitFor(() => expect(d.getByLabelText(/^Instansi/)).toHaveValue(AGENCY));
    await userEvent.type(d.getByLabelText(/^Cari pegawai/), "Ahmad");
    await userEvent.click(await d.findByRole("button", { name: "Pilih dr. Ahmad Fauzi, M.Kes." }));
    expect(d.getByText("NIP 198507152010011003")).toBeInTheDocument();
    await userEvent.click(d.getByRole("button", { name: "Buat akun" }));
    expect(await screen.findByText("Akun budi@bengkulukota.go.id telah dibuat.")).toBeInTheDocument();
    const search = calls.find((c) => new URL(c.url).pathname === "/api/v1/employees");
    expect(new URL(search?.url ?? "http://x").searchParams.get("agency_id")).toBe(AGENCY);
    const post = calls.find((c) => c.method === "POST");
    expect(await post?.json()).toEqual({
      email: "budi@bengkulukota.go.id",
      display_name: "Budi Santoso",
      password: "rahasia-panjang",
      roles: ["supervisor", "employee"],
      agency_id: AGENCY,
      employee_id: ahmad.id,
    });
  });

  it("creates a super admin without an agency", async () => {
    const { calls } = api((url, req) =>
      req.method === "POST" && url.pathname === "/api/v1/users" ? json(user({ id: "n", roles: ["super_admin"], agency_id: null }), 201) : undefined,
    );
    renderUsers();
    const dialog = await openCreate();
    const d = within(dialog);
    await userEvent.type(d.getByLabelText(/^Email/), "root@bengkuluprov.go.id");
    await userEvent.type(d.getByLabelText(/^Nama tampilan/), "Admin Provinsi");
    await userEvent.type(d.getByLabelText(/^Kata sandi/), "rahasia-panjang");
    await userEvent.click(d.getByRole("checkbox", { name: "Super admin" }));
    expect(d.queryByLabelText(/^Instansi/)).not.toBeInTheDocument();
    await userEvent.click(d.getByRole("button", { name: "Buat akun" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const body = (await calls.find((c) => c.method === "POST")?.json()) as { roles: string[]; agency_id: string | null };
    expect(body.roles).toEqual(["super_admin"]);
    expect(body.agency_id).toBeNull();
  });

  it("does not let one deactivate one's own account", async () => {
    api();
    renderUsers();
    await userEvent.click(within(await rowOf(admin.email)).getByRole("button", { name: `Ubah ${admin.email}` }));
    const dialog = screen.getByRole("dialog", { name: "Ubah akun" });
    const activeBox = within(dialog).getByRole("checkbox", { name: "Akun aktif" });
    expect(activeBox).toBeChecked();
    expect(activeBox).toBeDisabled();
    expect(activeBox).toHaveAccessibleDescription("Anda tidak dapat menonaktifkan akun sendiri.");
    // A super admin account has no agency, so it keeps the role.
    expect(within(dialog).getByRole("checkbox", { name: "Super admin" })).toBeDisabled();
  });

  it("sends only the changes and shows the API's refusal to deactivate at the active field", async () => {
    const { calls } = api((url, req) =>
      req.method === "PATCH" && url.pathname === `/api/v1/users/${SITI}`
        ? problem(422, "validation_failed", [{ field: "active", code: "cannot_deactivate_self", message: "you cannot deactivate your own account" }])
        : undefined,
    );
    renderUsers(agencyAdmin());
    await userEvent.click(within(await rowOf(siti.email)).getByRole("button", { name: `Ubah ${siti.email}` }));
    const dialog = screen.getByRole("dialog", { name: "Ubah akun" });
    const d = within(dialog);
    expect(d.queryByRole("checkbox", { name: "Super admin" })).not.toBeInTheDocument();
    const activeBox = d.getByRole("checkbox", { name: "Akun aktif" });
    expect(activeBox).toBeEnabled();
    await userEvent.click(activeBox);
    await userEvent.click(d.getByRole("button", { name: "Simpan" }));
    await waitFor(() => expect(activeBox).toHaveAccessibleDescription("Anda tidak dapat menonaktifkan akun sendiri."));
    expect(await calls.find((c) => c.method === "PATCH")?.json()).toEqual({ active: false });
  });

  it("shows and unlinks the linked employee", async () => {
    const linked = user({ employee_id: ahmad.id });
    const { calls } = api((url, req) => {
      if (url.pathname === `/api/v1/employees/${ahmad.id}`) return json(ahmad);
      if (req.method === "PATCH") return json({ ...linked, employee_id: null });
      return undefined;
    }, [linked]);
    renderUsers(agencyAdmin());
    await userEvent.click(within(await rowOf(linked.email)).getByRole("button", { name: `Ubah ${linked.email}` }));
    const d = within(screen.getByRole("dialog", { name: "Ubah akun" }));
    expect(await d.findByText("dr. Ahmad Fauzi, M.Kes.")).toBeInTheDocument();
    await userEvent.click(d.getByRole("button", { name: "Lepas tautan" }));
    await userEvent.click(d.getByRole("button", { name: "Simpan" }));
    expect(await screen.findByText(`Perubahan akun ${linked.email} tersimpan.`)).toBeInTheDocument();
    expect(await calls.find((c) => c.method === "PATCH")?.json()).toEqual({ employee_id: null });
  });

  it("resets a password and confirms it", async () => {
    const { calls } = api((url, req) =>
      req.method === "POST" && url.pathname === `/api/v1/users/${SITI}/reset-password` ? new Response(null, { status: 204 }) : undefined,
    );
    renderUsers();
    await userEvent.click(within(await rowOf(siti.email)).getByRole("button", { name: `Atur ulang kata sandi ${siti.email}` }));
    const d = within(screen.getByRole("dialog", { name: "Atur ulang kata sandi" }));
    await userEvent.type(d.getByLabelText(/^Kata sandi baru/), "sandi-baru-2026");
    await userEvent.click(d.getByRole("button", { name: "Ganti kata sandi" }));
    expect(await screen.findByRole("status")).toHaveTextContent(`Kata sandi ${siti.email} telah diganti.`);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    const post = calls.find((c) => c.method === "POST");
    expect(new URL(post?.url ?? "http://x").pathname).toBe(`/api/v1/users/${SITI}/reset-password`);
    expect(await post?.json()).toEqual({ password: "sandi-baru-2026" });
  });

  it("speaks English when asked", async () => {
    await i18n.changeLanguage("en");
    api();
    renderUsers();
    expect(await screen.findByRole("heading", { name: "Users and roles" })).toBeInTheDocument();
    const row = await rowOf(siti.email);
    expect(within(row).getByText("Agency admin")).toBeInTheDocument();
    expect(within(row).getByText("Supervisor")).toBeInTheDocument();
    expect(within(row).getByText("Never")).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Last sign-in" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Add account" }));
    const d = within(screen.getByRole("dialog", { name: "Add account" }));
    expect(d.getByRole("group", { name: "Roles" })).toBeInTheDocument();
    expect(d.getByLabelText(/^Password/)).toHaveAccessibleDescription("At least 10 characters.");
  });

  it("turns away users who are not administrators", () => {
    api();
    renderUsers(session(["employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
  });
});
