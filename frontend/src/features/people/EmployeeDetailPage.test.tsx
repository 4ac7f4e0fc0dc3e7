import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import PeopleRoutes from "./routes";
import { UNIT_ID, employee, queriesTo, unit } from "./testData";

const OLD_UNIT = "00000000-0000-7000-8000-0000000000b9";

const head = employee({ name: "Rohidin", full_name: "Dr. Rohidin, M.M.", nip: "197001011995031001", position_title: "Kepala Dinas" });
const boss = employee({ name: "Siti Rahmawati", full_name: "Siti Rahmawati, S.E.", nip: "197901012005012001", supervisor_id: head.id, position_title: "Kepala Bidang" });
const ahmad = employee({ supervisor_id: boss.id });

const at = (path: string, s = session()) => renderApp(<PeopleRoutes />, { path, route: "/employees/*", session: s });

function api(history = page([] as unknown[])) {
  return stubApi((url, req) => {
    for (const e of [ahmad, boss, head]) {
      if (url.pathname === `/api/v1/employees/${e.id}`) return json(req.method === "DELETE" ? { ...e, status: "inactive" } : e);
    }
    if (url.pathname === `/api/v1/employees/${ahmad.id}/supervisor-chain`) return json([boss, head]);
    if (url.pathname === `/api/v1/employees/${boss.id}/supervisor-chain`) return json([head]);
    if (url.pathname === "/api/v1/audit-events") return json(history);
    if (url.pathname === "/api/v1/org-units") return json(page([unit(), unit({ id: OLD_UNIT, name: "Sekretariat Daerah" })]));
    if (url.pathname === "/api/v1/positions") return json(page([]));
    return undefined;
  });
}

describe("employee detail", () => {
  it("shows the record and the supervisor chain, nearest first, as links", async () => {
    api();
    at(`/employees/${ahmad.id}`);
    expect(await screen.findByRole("heading", { level: 1, name: ahmad.full_name })).toBeInTheDocument();
    const profile = screen.getByRole("region", { name: "Data pegawai" });
    expect(within(profile).getByText("15 Juli 1985")).toBeInTheDocument();
    expect(within(profile).getByText("Laki-laki")).toBeInTheDocument();
    expect(within(profile).getByText("III/c")).toBeInTheDocument();
    expect(within(profile).getByText("Dinas Kesehatan")).toBeInTheDocument();

    const chain = screen.getByRole("region", { name: "Rantai atasan" });
    const links = await within(chain).findAllByRole("link");
    expect(links.map((l) => l.textContent)).toEqual([boss.full_name, head.full_name]);
    expect(links[0]).toHaveAttribute("href", `/employees/${boss.id}`);

    // Following the chain opens the supervisor's own page.
    await userEvent.click(links[0] as HTMLElement);
    expect(await screen.findByRole("heading", { level: 1, name: boss.full_name })).toBeInTheDocument();
    expect(await within(screen.getByRole("region", { name: "Rantai atasan" })).findByRole("link", { name: head.full_name })).toBeInTheDocument();
  });

  it("shows admins the change history, field by field", async () => {
    const { calls } = api(
      page([
        {
          id: "00000000-0000-7000-8000-0000000000e1",
          action: "update",
          entity_type: "employee",
          entity_id: ahmad.id,
          occurred_at: "2026-02-03T04:05:00Z",
          changes: {
            rank: { before: "III/b", after: "III/c" },
            status: { before: "leave", after: "active" },
            org_unit_id: { before: OLD_UNIT, after: UNIT_ID },
            supervisor_id: { before: null, after: boss.id },
          },
        },
      ]),
    );
    at(`/employees/${ahmad.id}`);
    const history = await screen.findByRole("table", { name: "Riwayat perubahan" });
    expect(within(history).getByText("Diubah")).toBeInTheDocument();
    expect(within(history).getByText(/2026/)).toBeInTheDocument();
    expect(within(history).getByText((_, el) => el?.tagName === "LI" && el.textContent === "Pangkat/golongan: III/b → III/c")).toBeInTheDocument();
    expect(within(history).getByText((_, el) => el?.tagName === "LI" && el.textContent === "Status: Cuti → Aktif")).toBeInTheDocument();
    // References by name: units from the agency's list, supervisors as links.
    await waitFor(() =>
      expect(within(history).getByText((_, el) => el?.tagName === "LI" && el.textContent === "Unit kerja: Sekretariat Daerah → Dinas Kesehatan")).toBeInTheDocument(),
    );
    expect(await within(history).findByRole("link", { name: boss.full_name })).toHaveAttribute("href", `/employees/${boss.id}`);
    const query = queriesTo(calls, "/api/v1/audit-events")[0];
    expect(query?.get("entity_type")).toBe("employee");
    expect(query?.get("entity_id")).toBe(ahmad.id);
  });

  it("deactivates after confirmation", async () => {
    const { calls } = api();
    at(`/employees/${ahmad.id}`);
    await userEvent.click(await screen.findByRole("button", { name: "Nonaktifkan" }));
    const dialog = screen.getByRole("dialog", { name: "Nonaktifkan pegawai" });
    expect(dialog).toHaveTextContent(`Nonaktifkan ${ahmad.full_name}?`);
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);

    await userEvent.click(within(dialog).getByRole("button", { name: "Nonaktifkan" }));
    expect(await screen.findByText("Pegawai telah dinonaktifkan.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => new URL(c.url).pathname)).toEqual([`/api/v1/employees/${ahmad.id}`]);
    await waitFor(() => expect(screen.queryByRole("button", { name: "Nonaktifkan" })).not.toBeInTheDocument());
  });

  it("gives a supervisor no edit or deactivate buttons and no history", async () => {
    const { calls } = api();
    at(`/employees/${ahmad.id}`, session(["supervisor"]));
    await screen.findByRole("heading", { level: 1, name: ahmad.full_name });
    expect(await screen.findByRole("link", { name: boss.full_name })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Ubah" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Nonaktifkan" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Riwayat perubahan" })).not.toBeInTheDocument();
    expect(queriesTo(calls, "/api/v1/audit-events")).toEqual([]);
  });

  it("links to the competency profile for admins and the direct supervisor only", async () => {
    api();
    const view = at(`/employees/${ahmad.id}`, session(["agency_admin"]));
    expect(await screen.findByRole("link", { name: "Profil kompetensi" })).toHaveAttribute("href", `/competencies/employees/${ahmad.id}`);
    view.unmount();

    // Siti supervises Ahmad directly; Rohidin is further up the chain and sees no link.
    const sup = session(["supervisor", "employee"]);
    const as = (employeeId: string) => ({ ...sup, me: sup.me ? { ...sup.me, employee_id: employeeId } : null });
    const mine = at(`/employees/${ahmad.id}`, as(boss.id));
    expect(await screen.findByRole("link", { name: "Profil kompetensi" })).toHaveAttribute("href", `/competencies/employees/${ahmad.id}`);
    mine.unmount();
    at(`/employees/${ahmad.id}`, as(head.id));
    await screen.findByRole("heading", { level: 1, name: ahmad.full_name });
    expect(screen.queryByRole("link", { name: "Profil kompetensi" })).not.toBeInTheDocument();
  });

  it("links to the rating history for the same people: admins, the employee and the direct supervisor", async () => {
    api();
    const view = at(`/employees/${ahmad.id}`, session(["agency_admin"]));
    expect(await screen.findByRole("link", { name: "Riwayat predikat" })).toHaveAttribute("href", `/employees/${ahmad.id}/appraisal`);
    view.unmount();
    const sup = session(["supervisor", "employee"]);
    const as = (employeeId: string) => ({ ...sup, me: sup.me ? { ...sup.me, employee_id: employeeId } : null });
    const own = at(`/employees/${ahmad.id}`, as(ahmad.id));
    expect(await screen.findByRole("link", { name: "Riwayat predikat" })).toHaveAttribute("href", `/employees/${ahmad.id}/appraisal`);
    own.unmount();
    at(`/employees/${ahmad.id}`, as(head.id));
    await screen.findByRole("heading", { level: 1, name: ahmad.full_name });
    expect(screen.queryByRole("link", { name: "Riwayat predikat" })).not.toBeInTheDocument();
  });

  it("says so when the employee does not exist", async () => {
    stubApi(() => problem(404, "not_found"));
    at("/employees/00000000-0000-7000-8000-000000000404");
    expect(await screen.findByRole("alert")).toHaveTextContent("Data tidak ditemukan.");
    expect(screen.getByRole("link", { name: /Kembali ke daftar pegawai/ })).toHaveAttribute("href", "/employees");
  });
});
