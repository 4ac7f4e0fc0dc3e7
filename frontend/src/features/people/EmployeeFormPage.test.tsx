import { describe, expect, it } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../../i18n";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import PeopleRoutes from "./routes";
import { AGENCY_ID, UNIT_ID, employee, lastBody, unit } from "./testData";

const at = (path: string, s = session(["agency_admin"])) => renderApp(<PeopleRoutes />, { path, route: "/employees/*", session: s });

/** The reference lists every form loads. */
function references(url: URL) {
  if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
  if (url.pathname === "/api/v1/positions") return json(page([]));
  return undefined;
}

async function fillRequired() {
  await screen.findByRole("option", { name: "Dinas Kesehatan" });
  await userEvent.type(screen.getByRole("textbox", { name: "NIP" }), "19850715");
  await userEvent.type(screen.getByRole("textbox", { name: "Nama" }), "Ahmad Fauzi");
  await userEvent.selectOptions(screen.getByRole("combobox", { name: "Unit kerja" }), UNIT_ID);
}

describe("employee form", () => {
  it("shows the API's NIP error at the NIP field, in Indonesian and then in English", async () => {
    const { calls } = stubApi((url, req) => {
      if (url.pathname === "/api/v1/employees" && req.method === "POST") {
        return problem(422, "validation_failed", [{ field: "nip", code: "nip_wrong_length", message: "must be exactly 18 digits" }]);
      }
      return references(url);
    });
    at("/employees/new");
    await fillRequired();
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));

    const nip = screen.getByRole("textbox", { name: "NIP" });
    await waitFor(() => expect(nip).toHaveAttribute("aria-invalid", "true"));
    expect(nip).toHaveAccessibleDescription("NIP harus tepat 18 digit.");
    expect(nip.parentElement).toHaveTextContent("NIP harus tepat 18 digit.");
    expect(nip).toHaveFocus();
    expect(screen.getByText("Periksa isian yang ditandai.")).toBeInTheDocument();
    expect(screen.getAllByLabelText(/nama/i)).toEqual([screen.getByRole("textbox", { name: "Nama" })]);
    expect(screen.getAllByLabelText(/nip/i)).toEqual([nip]);
    expect(screen.getByRole("textbox", { name: "Nama" })).not.toHaveAttribute("aria-invalid");
    expect(await lastBody(calls, "POST", "/api/v1/employees")).toEqual({
      nip: "19850715",
      employment_type: "pns",
      name: "Ahmad Fauzi",
      title_prefix: null,
      title_suffix: null,
      rank: null,
      org_unit_id: UNIT_ID,
      position_id: null,
      supervisor_id: null,
      email: null,
      phone: null,
    });

    await act(() => i18n.changeLanguage("en"));
    expect(screen.getByRole("textbox", { name: "NIP" })).toHaveAccessibleDescription("The NIP must be exactly 18 digits.");
    expect(screen.getByText("Check the marked fields.")).toBeInTheDocument();
    // End-to-end tests find fields by (case-insensitive, partial) label text: keep them unique.
    expect(screen.getAllByLabelText(/name/i)).toEqual([screen.getByRole("textbox", { name: "Name" })]);
    expect(screen.getAllByLabelText(/nip/i)).toEqual([screen.getByRole("textbox", { name: "NIP" })]);
  });

  it("creates an employee and goes to the new record", async () => {
    const created = employee({ id: "00000000-0000-7000-8000-00000000c0de" });
    const { calls } = stubApi((url, req) => {
      if (url.pathname === "/api/v1/employees" && req.method === "POST") return json(created, 201);
      if (url.pathname === `/api/v1/employees/${created.id}`) return json(created);
      if (url.pathname === `/api/v1/employees/${created.id}/supervisor-chain`) return json([]);
      if (url.pathname === "/api/v1/audit-events") return json(page([]));
      return references(url);
    });
    at("/employees/new");
    await fillRequired();
    await userEvent.type(screen.getByRole("textbox", { name: /Gelar depan/ }), "dr.");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Jenis kepegawaian" }), "pppk");
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));

    expect(await screen.findByRole("heading", { level: 1, name: "dr. Ahmad Fauzi, M.Kes." })).toBeInTheDocument();
    expect(screen.getByText("Perubahan tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "POST", "/api/v1/employees")).toMatchObject({ title_prefix: "dr.", employment_type: "pppk" });
    // Agency admins always create in their own agency: no agency_id to send.
    expect(await lastBody(calls, "POST", "/api/v1/employees")).not.toHaveProperty("agency_id");
  });

  it("marks empty required fields without asking the API", async () => {
    const { calls } = stubApi(references);
    at("/employees/new");
    await screen.findByRole("option", { name: "Dinas Kesehatan" });
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));
    for (const name of ["NIP", "Nama"]) {
      expect(screen.getByRole("textbox", { name })).toHaveAccessibleDescription("Wajib diisi.");
    }
    expect(screen.getByRole("combobox", { name: "Unit kerja" })).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("textbox", { name: "NIP" })).toHaveFocus();
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("makes a super admin without a chosen agency pick one, and sends it", async () => {
    const agency = { id: AGENCY_ID, code: "1771", name: "Pemerintah Kota Bengkulu", kind: "city", seat: "Bengkulu", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" };
    const created = employee();
    const { calls } = stubApi((url, req) => {
      if (url.pathname === "/api/v1/agencies") return json(page([agency]));
      if (url.pathname === "/api/v1/employees" && req.method === "POST") return json(created, 201);
      if (url.pathname.startsWith("/api/v1/employees/")) return json(url.pathname.endsWith("chain") ? [] : created);
      if (url.pathname === "/api/v1/audit-events") return json(page([]));
      return references(url);
    });
    at("/employees/new", session());
    const unitSelect = screen.getByRole("combobox", { name: "Unit kerja" });
    expect(unitSelect).toBeDisabled();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Instansi" }), await screen.findByRole("option", { name: agency.name }));
    await waitFor(() => expect(unitSelect).toBeEnabled());
    await fillRequired();
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));
    await screen.findByRole("heading", { level: 1, name: created.full_name });
    expect(await lastBody(calls, "POST", "/api/v1/employees")).toMatchObject({ agency_id: AGENCY_ID });
    const unitsQuery = calls.map((c) => new URL(c.url)).find((u) => u.pathname === "/api/v1/org-units");
    expect(unitsQuery?.searchParams.get("agency_id")).toBe(AGENCY_ID);
  });

  it("sends only the changed fields when editing; emptied ones as null", async () => {
    const boss = employee({ name: "Siti Rahmawati", full_name: "Siti Rahmawati, S.E.", nip: "197901012005012001" });
    const current = employee({ supervisor_id: boss.id });
    const { calls } = stubApi((url, req) => {
      if (url.pathname === `/api/v1/employees/${current.id}`) return json(req.method === "PATCH" ? { ...current, title_prefix: null } : current);
      if (url.pathname === `/api/v1/employees/${boss.id}`) return json(boss);
      if (url.pathname === `/api/v1/employees/${current.id}/supervisor-chain`) return json([boss]);
      if (url.pathname === "/api/v1/audit-events") return json(page([]));
      return references(url);
    });
    at(`/employees/${current.id}/edit`);
    expect(await screen.findByRole("textbox", { name: "NIP" })).toHaveValue(current.nip);
    expect(await screen.findByText("Terpilih: Siti Rahmawati, S.E. (NIP 197901012005012001)")).toBeInTheDocument();

    await userEvent.clear(screen.getByRole("textbox", { name: /Gelar depan/ }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "leave");
    await userEvent.click(screen.getByRole("button", { name: "Hapus atasan" }));
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));

    await screen.findByRole("heading", { level: 1, name: current.full_name });
    expect(await lastBody(calls, "PATCH", `/api/v1/employees/${current.id}`)).toEqual({ title_prefix: null, status: "leave", supervisor_id: null });
  });

  it("finds a supervisor by name and picks one with the keyboard", async () => {
    const boss = employee({ name: "Siti Rahmawati", full_name: "Siti Rahmawati, S.E.", nip: "197901012005012001" });
    const other = employee({ name: "Sitti Aminah", full_name: "Sitti Aminah", nip: "198001012006042002" });
    const created = employee();
    const { calls } = stubApi((url, req) => {
      if (url.pathname === "/api/v1/employees" && req.method === "GET") return json(page([boss, other]));
      if (url.pathname === "/api/v1/employees" && req.method === "POST") return json(created, 201);
      if (url.pathname.startsWith("/api/v1/employees/")) return json(url.pathname.endsWith("chain") ? [boss] : created);
      if (url.pathname === "/api/v1/audit-events") return json(page([]));
      return references(url);
    });
    at("/employees/new");
    await fillRequired();
    const search = screen.getByRole("combobox", { name: /Atasan langsung/ });
    await userEvent.type(search, "sit");
    expect(await screen.findByRole("option", { name: /Sitti Aminah/ })).toBeInTheDocument();
    const searchQuery = calls.map((c) => new URL(c.url)).find((u) => u.pathname === "/api/v1/employees" && u.searchParams.has("q"));
    expect(searchQuery?.searchParams.get("q")).toBe("sit");
    expect(searchQuery?.searchParams.get("agency_id")).toBe(AGENCY_ID);

    // Arrow down to the second match, Enter picks it (and does not submit the form).
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(screen.getByText("Terpilih: Sitti Aminah (NIP 198001012006042002)")).toBeInTheDocument();
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));
    await screen.findByRole("heading", { level: 1, name: created.full_name });
    expect(await lastBody(calls, "POST", "/api/v1/employees")).toMatchObject({ supervisor_id: other.id });
  });

  it("is closed to users who are not admins", () => {
    stubApi(() => undefined);
    at("/employees/new", session(["supervisor"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
  });
});
