import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, renderApp, session, stubApi } from "../../test/render";
import CompetencyRoutes from "./routes";
import { EMPLOYEE_ID, UNIT_ID, queriesTo, unit, unitGaps } from "./testData";

const CHILD = unit({ id: "00000000-0000-7000-8000-0000000000b2", code: "PKM-LB", name: "Puskesmas Lingkar Barat", parent_id: UNIT_ID, depth: 1, child_count: 0 });
const at = (path = "/competencies/gaps", s = session(["agency_admin"])) => renderApp(<CompetencyRoutes />, { path, route: "/competencies/*", session: s });

function heatApi() {
  return stubApi((url) => {
    if (url.pathname === "/api/v1/org-units") return json(page([unit(), CHILD]));
    if (url.pathname === `/api/v1/org-units/${UNIT_ID}/competency-gaps`) return json(unitGaps());
    return undefined;
  });
}

/** The cells of one employee's row, in column order (after the match column). */
function cellsOf(name: string) {
  const row = screen.getByRole("link", { name }).closest("tr");
  if (!row) throw new Error(`no row ${name}`);
  const [match, ...cells] = within(row).getAllByRole("cell");
  return { match: match as HTMLElement, cells };
}

describe("unit gap map", () => {
  it("colours each cell by gap and writes it out too", async () => {
    const { calls } = heatApi();
    at();
    expect(await screen.findByText("Pilih unit untuk melihat peta kesenjangannya.")).toBeInTheDocument();
    const select = screen.getByRole("combobox", { name: "Unit organisasi" });
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(3));
    // Indented by depth: the tree shows through the flat list.
    expect(within(select).getByRole("option", { name: /Puskesmas Lingkar Barat/ }).textContent).toBe("\u00a0\u00a0Puskesmas Lingkar Barat (PKM-LB)");
    await userEvent.selectOptions(select, UNIT_ID);

    const table = await screen.findByRole("table", { name: "Peta kesenjangan: pegawai × kompetensi" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.querySelector("abbr")?.textContent ?? h.textContent)).toEqual(["Pegawai", "Kecocokan jabatan", "M1", "M2", "SK1", "T-PM"]);

    const ahmad = cellsOf("Ahmad Fauzi");
    expect(ahmad.cells.map((c) => c.className)).toEqual(["heat heat-meets", "heat heat-below1", "heat heat-unassessed", "heat heat-none"]);
    expect(ahmad.cells.map((c) => c.querySelector('[aria-hidden="true"]')?.textContent)).toEqual(["✓ +1", "−1", "?", "·"]);
    // On screen the levels too; for screen readers the whole sentence.
    expect(ahmad.cells.map((c) => c.querySelector(".heat-levels")?.textContent ?? null)).toEqual(["4/3", "2/3", "–/3", null]);
    expect(ahmad.cells[1]?.querySelector(".visually-hidden")).toHaveTextContent("M2: level 2 dari 3 (kesenjangan −1)");
    expect(ahmad.cells[2]).toHaveTextContent("SK1: belum dinilai, dibutuhkan level 3");
    expect(ahmad.cells[3]).toHaveTextContent("tidak termasuk standar");
    expect(ahmad.match).toHaveTextContent("72,5% Masih memenuhi");

    const siti = cellsOf("Siti Rahmawati");
    expect(siti.cells.map((c) => c.className)).toEqual(["heat heat-below2", "heat heat-meets", "heat heat-meets", "heat heat-meets"]);
    expect(siti.cells[0]?.querySelector('[aria-hidden="true"]')?.textContent).toBe("−3");
    expect(siti.match).toHaveTextContent("90% Memenuhi");
    expect(screen.getByRole("link", { name: "Ahmad Fauzi" })).toHaveAttribute("href", `/competencies/employees/${EMPLOYEE_ID}`);

    // The summary row: the share below standard per competency.
    const summary = within(table).getByRole("rowheader", { name: "Di bawah standar" }).closest("tr") as HTMLElement;
    const shares = within(summary).getAllByRole("cell");
    expect(shares.map((c) => c.firstChild?.textContent)).toEqual(["50%", "50%", "50%", "0%"]);
    expect(shares[0]).toHaveTextContent("1 dari 2 pegawai di bawah standar M1");
    expect(queriesTo(calls, "/api/v1/org-units")[0]?.get("agency_id")).toBe("00000000-0000-7000-8000-0000000000a1");
  });

  it("opens the unit named in the URL", async () => {
    const { calls } = heatApi();
    at(`/competencies/gaps?unit=${UNIT_ID}`);
    expect(await screen.findByRole("table", { name: /Peta kesenjangan/ })).toBeInTheDocument();
    expect(calls.some((c) => new URL(c.url).pathname === `/api/v1/org-units/${UNIT_ID}/competency-gaps`)).toBe(true);
  });

  it("is for administrators only", () => {
    heatApi();
    at("/competencies/gaps", session(["supervisor"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
  });
});
