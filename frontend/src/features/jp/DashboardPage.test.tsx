import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, renderApp, session, stubApi } from "../../test/render";
import { setTokenSource } from "../../api/client";
import { validToken } from "../../session/session";
import i18n from "../../i18n";
import JpRoutes from "./routes";
import { AGENCY_ID, EMPLOYEE_ID, SITI, UNIT_ID, YEAR, queriesTo, shortfallItem, summary, unit } from "./testData";

const at = (path = "/jp", s = session(["agency_admin"])) => renderApp(<JpRoutes section="admin" />, { path, route: "/jp/*", session: s });

function dashboardApi() {
  return stubApi((url) => {
    const year = Number(url.searchParams.get("year"));
    const forUnit = url.searchParams.get("org_unit_id");
    if (url.pathname === "/api/v1/jp-summary") {
      if (forUnit) return json(summary({ org_unit_id: forUnit, total: { active_employees: 3, meeting_target: 1, share_meeting: 0.3333, mean_jp: 9.17 }, units: [summary().units[1]!] }));
      return json(year === YEAR ? summary() : summary({ year, total: { active_employees: 8, meeting_target: 8, share_meeting: 1, mean_jp: 24 }, units: [] }));
    }
    if (url.pathname === "/api/v1/jp-shortfall") {
      const p = Number(url.searchParams.get("page") ?? 1);
      if (year !== YEAR) return json(page([shortfallItem({ total_jp: 4, shortfall_jp: 16 })]));
      if (forUnit) return json(page([shortfallItem()], 1));
      return json(page(p === 1 ? [SITI, shortfallItem()] : [shortfallItem({ employee_id: "00000000-0000-7000-8000-000000000405", nip: "199001012015011001", name: "Budi Santoso", total_jp: 19.75, shortfall_jp: 0.25 })], 21, p, 20));
    }
    if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
    if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
    return undefined;
  });
}

/** A row's cells as text, the row header included in column order. */
const cellsOf = (row: Element) => Array.from(row.children).map((c) => c.textContent);

afterEach(() => setTokenSource(validToken));

describe("20 JP dashboard", () => {
  it("shows the share of staff with 20 JP, the active staff and the mean JP of the current year", async () => {
    const { calls } = dashboardApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Capaian 20 JP" })).toBeInTheDocument();
    const cards = await screen.findByTestId("jp-headline");
    expect(within(cards).getByText("Pegawai memenuhi 20 JP").nextElementSibling).toHaveTextContent("62,5%");
    expect(cards).toHaveTextContent("5 dari 8 pegawai aktif");
    expect(within(cards).getByText("Pegawai aktif").nextElementSibling).toHaveTextContent("8");
    expect(within(cards).getByText("Rerata JP per pegawai").nextElementSibling).toHaveTextContent("17,25");
    expect(cards).toHaveTextContent("Target: 20 JP per pegawai");
    expect(screen.getByRole("combobox", { name: "Tahun" })).toHaveValue(String(YEAR));
    expect(queriesTo(calls, "/api/v1/jp-summary")[0]?.get("year")).toBe(String(YEAR));
    expect(queriesTo(calls, "/api/v1/jp-summary")[0]?.has("org_unit_id")).toBe(false);
  });

  it("lists the units from the lowest share meeting the target, with a bar for the share", async () => {
    dashboardApi();
    at();
    const table = await screen.findByRole("table", { name: "Capaian 20 JP per unit, dari capaian terendah" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map(cellsOf)).toEqual([
      ["Dinas Pendidikan DISDIK", "1", "0", "0%", "0"],
      ["Dinas Kesehatan DINKES", "3", "1", "33,3%", "9,17"],
      ["Badan Kepegawaian Daerah BKD", "4", "4", "100%", "26,5"],
    ]);
    expect(rows[1]?.querySelector(".scorebar span")).toHaveStyle({ width: "33%" });
    expect(rows[2]?.querySelector(".scorebar span")).toHaveStyle({ width: "100%" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Unit", "Pegawai aktif", "Memenuhi 20 JP", "Capaian", "Rerata JP"]);
  });

  it("lists the staff short of 20 JP, each linked to their JP record, page by page", async () => {
    const { calls } = dashboardApi();
    at();
    const table = await screen.findByRole("table", { name: `Pegawai yang belum mencapai 20 JP tahun ${YEAR}, dari JP terendah` });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["NIP", "Nama", "Unit", "JP", "Kekurangan"]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map(cellsOf)).toEqual([
      ["197901012005012001", "Siti Rahmawati", "Dinas Pendidikan", "0", "20"],
      ["198507152010011003", "Ahmad Fauzi", "Dinas Kesehatan", "12,5", "7,5"],
    ]);
    expect(within(table).getByRole("link", { name: "Ahmad Fauzi" })).toHaveAttribute("href", `/employees/${EMPLOYEE_ID}/jp`);
    expect(screen.getByText("1–20 dari 21")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Berikutnya" }));
    expect(await screen.findByRole("link", { name: "Budi Santoso" })).toBeInTheDocument();
    expect(queriesTo(calls, "/api/v1/jp-shortfall").at(-1)?.get("page")).toBe("2");
    expect(within(screen.getByRole("row", { name: /Budi Santoso/ })).getByText("0,25")).toBeInTheDocument();
  });

  it("shows another year, and links the record of that year", async () => {
    const { calls } = dashboardApi();
    at();
    await screen.findByTestId("jp-headline");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Tahun" }), String(YEAR - 1));
    expect(await screen.findByRole("table", { name: `Pegawai yang belum mencapai 20 JP tahun ${YEAR - 1}, dari JP terendah` })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ahmad Fauzi" })).toHaveAttribute("href", `/employees/${EMPLOYEE_ID}/jp?year=${YEAR - 1}`);
    expect(cellsOf(screen.getByRole("link", { name: "Ahmad Fauzi" }).closest("tr") as HTMLElement).slice(3)).toEqual(["4", "16"]);
    expect(screen.getByText("Tidak ada pegawai aktif.")).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByTestId("jp-headline")).getByText("Pegawai memenuhi 20 JP").nextElementSibling).toHaveTextContent("100%"));
    expect(queriesTo(calls, "/api/v1/jp-summary").at(-1)?.get("year")).toBe(String(YEAR - 1));
    expect(queriesTo(calls, "/api/v1/jp-shortfall").at(-1)?.get("year")).toBe(String(YEAR - 1));
  });

  it("narrows everything to a unit", async () => {
    const { calls } = dashboardApi();
    at();
    await screen.findByTestId("jp-headline");
    const select = screen.getByRole("combobox", { name: "Unit organisasi" });
    expect(within(select).getByRole("option", { name: "Seluruh instansi" })).toBeInTheDocument();
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(2));
    await userEvent.selectOptions(select, UNIT_ID);
    await waitFor(() => expect(screen.queryByRole("link", { name: "Siti Rahmawati" })).not.toBeInTheDocument());
    expect(queriesTo(calls, "/api/v1/jp-summary").at(-1)?.get("org_unit_id")).toBe(UNIT_ID);
    expect(queriesTo(calls, "/api/v1/jp-shortfall").at(-1)?.get("org_unit_id")).toBe(UNIT_ID);
    expect(within(screen.getByTestId("jp-headline")).getByText("Pegawai memenuhi 20 JP").nextElementSibling).toHaveTextContent("33,3%");
  });

  it("downloads the shortfall list as XLSX through the API client, with the session's token, and saves it", async () => {
    setTokenSource(async () => "token-1");
    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return "blob:jp";
    });
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { calls } = stubApi((url) => {
      if (url.pathname === "/api/v1/jp-shortfall/export") {
        return new Response(new Uint8Array([80, 75, 3, 4, 5]), {
          headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content-disposition": `attachment; filename="kekurangan-jp-${YEAR}.xlsx"` },
        });
      }
      if (url.pathname === "/api/v1/jp-summary") return json(summary());
      if (url.pathname === "/api/v1/jp-shortfall") return json(page([shortfallItem()]));
      if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
      if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
      return undefined;
    });
    at(`/jp?unit=${UNIT_ID}`);
    await screen.findByRole("link", { name: "Ahmad Fauzi" });
    await userEvent.click(screen.getByRole("button", { name: "Unduh XLSX" }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    const request = calls.find((c) => new URL(c.url).pathname === "/api/v1/jp-shortfall/export");
    expect(request?.method).toBe("GET");
    expect(request?.headers.get("authorization")).toBe("Bearer token-1");
    expect(Object.fromEntries(new URL(request?.url ?? "").searchParams)).toEqual({ year: String(YEAR), org_unit_id: UNIT_ID, format: "xlsx" });
    expect(clicked[0]?.download).toBe(`kekurangan-jp-${YEAR}.xlsx`);
    expect(clicked[0]?.href).toBe("blob:jp");
    expect(created[0]?.size).toBe(5);
  });

  it("speaks English with English numbers", async () => {
    dashboardApi();
    await i18n.changeLanguage("en");
    at();
    const cards = await screen.findByTestId("jp-headline");
    expect(within(cards).getByText("Staff with 20 JP").nextElementSibling).toHaveTextContent("62.5%");
    expect(await screen.findByRole("button", { name: "Download XLSX" })).toBeInTheDocument();
    const row = (await screen.findByRole("link", { name: "Ahmad Fauzi" })).closest("tr") as HTMLElement;
    expect(cellsOf(row)).toEqual(["198507152010011003", "Ahmad Fauzi", "Dinas Kesehatan", "12.5", "7.5"]);
  });

  it("asks a super admin to choose an agency first, then names it", async () => {
    const first = dashboardApi();
    const { unmount } = at("/jp", session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(first.calls).toHaveLength(0);
    unmount();
    const { calls } = dashboardApi();
    at("/jp", session(["super_admin"], { agencyId: AGENCY_ID }));
    await screen.findByTestId("jp-headline");
    expect(queriesTo(calls, "/api/v1/jp-summary")[0]?.get("agency_id")).toBe(AGENCY_ID);
    expect(queriesTo(calls, "/api/v1/jp-shortfall")[0]?.get("agency_id")).toBe(AGENCY_ID);
  });

  it("is for administrators only", () => {
    const { calls } = dashboardApi();
    at("/jp", session(["supervisor", "employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(calls).toHaveLength(0);
  });
});
