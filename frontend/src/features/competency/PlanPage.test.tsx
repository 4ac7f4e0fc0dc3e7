import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, renderApp, session, stubApi } from "../../test/render";
import { setTokenSource } from "../../api/client";
import { validToken } from "../../session/session";
import i18n from "../../i18n";
import CompetencyRoutes from "./routes";
import { AGENCY_ID, M1, M2, UNIT_ID, lastBody, planItem, queriesTo, unit } from "./testData";

const YEAR = new Date().getFullYear() + 1;
const at = (path = "/competencies/plan", s = session(["agency_admin"])) => renderApp(<CompetencyRoutes />, { path, route: "/competencies/*", session: s });

const COACHING = planItem({
  id: "00000000-0000-7000-8000-000000000802",
  competency_id: M1.id,
  org_unit_id: null,
  title: "Coaching Integritas Pimpinan",
  activity_kind: "coaching",
  form: "non_classical",
  provider: null,
  planned_start: null,
  planned_end: null,
  budget: null,
  jp: null,
  need_score: null,
  employee_ids: ["00000000-0000-7000-8000-000000000404"],
});

function planApi() {
  return stubApi((url, req) => {
    if (url.pathname === "/api/v1/development-plan" && req.method === "GET") {
      const year = Number(url.searchParams.get("year"));
      return json(page(year === YEAR ? [planItem(), COACHING] : [], year === YEAR ? 2 : 0, 1, 50));
    }
    if (url.pathname === `/api/v1/development-plan/${planItem().id}`) {
      if (req.method === "PUT") return json({ ...planItem(), title: "Pelatihan Kerja Sama Tim Lanjutan", budget: 30_000_000 });
      if (req.method === "DELETE") return new Response(null, { status: 204 });
    }
    if (url.pathname === "/api/v1/competencies") return json(page([M1, M2]));
    if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
    if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
    return undefined;
  });
}

const rowOf = async (title: string) => {
  const header = await screen.findByRole("rowheader", { name: new RegExp(`^${title}`) });
  const row = header.closest("tr");
  if (!row) throw new Error(`no row ${title}`);
  return row;
};
/** A row's cells as text, the row header (the activity) included in column order. */
const cellsOf = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent);

afterEach(() => setTokenSource(validToken));

describe("development plan", () => {
  it("lists the year's activities: competency, unit, kind and form, schedule, JP, participants and budget in rupiah", async () => {
    const { calls } = planApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: `Rencana Pengembangan Kompetensi ${YEAR}` })).toBeInTheDocument();
    const training = await rowOf("Pelatihan Kerja Sama Tim");
    await waitFor(() => expect(within(training).getByText("Dinas Kesehatan")).toBeInTheDocument());
    await waitFor(() => expect(within(training).getByText("M2")).toBeInTheDocument());
    expect(cellsOf(training).slice(0, 9)).toEqual([
      "M2 Kerja Sama",
      "Dinas Kesehatan",
      "Pelatihan Kerja Sama TimPelatihan",
      "Klasikal",
      "BPSDM Provinsi Bengkulu",
      `1 Maret ${YEAR} – 5 Maret ${YEAR}`,
      "40",
      "3",
      "Rp\u00a025.000.000",
    ]);
    const coaching = await rowOf("Coaching Integritas Pimpinan");
    expect(cellsOf(coaching).slice(0, 9)).toEqual(["M1 Integritas", "Seluruh instansi", "Coaching Integritas PimpinanCoaching", "Nonklasikal", "—", "—", "—", "1", "—"]);
    expect(screen.getByTestId("plan-summary")).toHaveTextContent("2 kegiatan, 4 peserta, anggaran Rp 25.000.000.");
    expect(queriesTo(calls, "/api/v1/development-plan")[0]?.get("year")).toBe(String(YEAR));
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Kompetensi", "Unit", "Kegiatan", "Bentuk", "Penyelenggara", "Jadwal", "JP", "Peserta", "Anggaran", "Tindakan"]);
  });

  it("shows another year on request", async () => {
    const { calls } = planApi();
    at();
    await rowOf("Pelatihan Kerja Sama Tim");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Tahun rencana" }), String(YEAR - 1));
    expect(await screen.findByText(`Belum ada kegiatan dalam rencana tahun ${YEAR - 1}.`)).toBeInTheDocument();
    expect(queriesTo(calls, "/api/v1/development-plan").at(-1)?.get("year")).toBe(String(YEAR - 1));
  });

  it("downloads the year's XLSX through the API client, with the session's token, and saves it", async () => {
    setTokenSource(async () => "token-1");
    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return "blob:akpk";
    });
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { calls } = stubApi((url) => {
      if (url.pathname === "/api/v1/development-plan/export") {
        return new Response(new Uint8Array([80, 75, 3, 4]), {
          headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content-disposition": `attachment; filename="akpk-${YEAR}.xlsx"` },
        });
      }
      if (url.pathname === "/api/v1/development-plan") return json(page([planItem()]));
      if (url.pathname === "/api/v1/competencies") return json(page([M2]));
      if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
      return undefined;
    });
    at();
    await rowOf("Pelatihan Kerja Sama Tim");
    await userEvent.click(screen.getByRole("button", { name: "Unduh XLSX" }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    const request = calls.find((c) => new URL(c.url).pathname === "/api/v1/development-plan/export");
    expect(request?.headers.get("authorization")).toBe("Bearer token-1");
    expect(Object.fromEntries(new URL(request?.url ?? "").searchParams)).toEqual({ year: String(YEAR), format: "xlsx" });
    expect(clicked[0]?.download).toBe(`akpk-${YEAR}.xlsx`);
    expect(clicked[0]?.href).toBe("blob:akpk");
    expect(created[0]?.size).toBe(4);
  });

  it("changes an activity, replacing it whole", async () => {
    const { calls } = planApi();
    at();
    const row = await rowOf("Pelatihan Kerja Sama Tim");
    await userEvent.click(within(row).getByRole("button", { name: "Ubah Pelatihan Kerja Sama Tim" }));
    const dialog = screen.getByRole("dialog", { name: "Ubah kegiatan Pelatihan Kerja Sama Tim" });
    const title = within(dialog).getByRole("textbox", { name: "Nama kegiatan" });
    expect(within(dialog).getByRole("combobox", { name: "Jenis kegiatan" })).toHaveValue("training");
    expect(within(dialog).getByRole("combobox", { name: "Jenis kegiatan" })).toHaveAccessibleDescription("Bentuk: Klasikal");
    expect(within(dialog).getByText("Peserta: 3 pegawai (tidak berubah).")).toBeInTheDocument();
    await userEvent.clear(title);
    await userEvent.type(title, "Pelatihan Kerja Sama Tim Lanjutan");
    const budget = within(dialog).getByRole("spinbutton", { name: /^Anggaran \(Rp\)/ });
    await userEvent.clear(budget);
    await userEvent.type(budget, "30000000");
    expect(budget).toHaveAccessibleDescription("Rp\u00a030.000.000");
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan" }));
    expect(await screen.findByText("Kegiatan “Pelatihan Kerja Sama Tim Lanjutan” tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "PUT", `/api/v1/development-plan/${planItem().id}`)).toEqual({
      year: YEAR,
      competency_id: M2.id,
      org_unit_id: UNIT_ID,
      title: "Pelatihan Kerja Sama Tim Lanjutan",
      activity_kind: "training",
      provider: "BPSDM Provinsi Bengkulu",
      planned_start: `${YEAR}-03-01`,
      planned_end: `${YEAR}-03-05`,
      jp: 40,
      budget: 30_000_000,
      need_score: 75,
      employee_ids: planItem().employee_ids,
    });
  });

  it("removes an activity after confirming", async () => {
    const { calls } = planApi();
    at();
    const row = await rowOf("Coaching Integritas Pimpinan");
    await userEvent.click(within(row).getByRole("button", { name: "Hapus Coaching Integritas Pimpinan" }));
    const dialog = screen.getByRole("dialog", { name: "Hapus kegiatan" });
    expect(dialog).toHaveTextContent("Hapus “Coaching Integritas Pimpinan” dari rencana pengembangan?");
    await userEvent.click(within(dialog).getByRole("button", { name: "Batal" }));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);
    // The stub only removes the first activity; the request is what matters here.
    await userEvent.click(within(await rowOf("Pelatihan Kerja Sama Tim")).getByRole("button", { name: "Hapus Pelatihan Kerja Sama Tim" }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Hapus kegiatan" })).getByRole("button", { name: "Hapus" }));
    expect(await screen.findByText("“Pelatihan Kerja Sama Tim” dihapus dari rencana.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => new URL(c.url).pathname)).toEqual([`/api/v1/development-plan/${planItem().id}`]);
  });

  it("formats rupiah in English too", async () => {
    planApi();
    await i18n.changeLanguage("en");
    at();
    const row = await rowOf("Pelatihan Kerja Sama Tim");
    expect(within(row).getByText("IDR 25,000,000")).toBeInTheDocument();
    expect(within(row).getByText("Classical")).toBeInTheDocument();
  });

  it("is for administrators only", () => {
    const { calls } = stubApi(() => undefined);
    at("/competencies/plan", session(["supervisor", "employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(screen.queryByRole("button", { name: "Unduh XLSX" })).not.toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("asks a super admin to choose an agency first", () => {
    const { calls } = stubApi(() => undefined);
    at("/competencies/plan", session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Unduh XLSX" })).not.toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("names the chosen agency for a super admin", async () => {
    const { calls } = planApi();
    at("/competencies/plan", session(["super_admin"], { agencyId: AGENCY_ID }));
    await rowOf("Pelatihan Kerja Sama Tim");
    expect(queriesTo(calls, "/api/v1/development-plan")[0]?.get("agency_id")).toBe(AGENCY_ID);
  });
});
