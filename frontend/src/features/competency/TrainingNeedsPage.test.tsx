import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, renderApp, session, stubApi } from "../../test/render";
import i18n from "../../i18n";
import CompetencyRoutes from "./routes";
import { EMPLOYEE_ID, M1, UNIT_ID, need, queriesTo, ref, unit } from "./testData";

const at = (s = session(["agency_admin"])) => renderApp(<CompetencyRoutes />, { path: "/competencies/needs", route: "/competencies/*", session: s });
const weights = { gap: 0.4, depth: 0.2, survey: 0.15, performance: 0.15, citizen: 0.1 };
const SECOND = need({
  rank: 2,
  competency: ref(M1),
  score: 33.3,
  contributions: [
    { signal: "gap", value: 0.3333, weight: 0.6667, points: 22.2 },
    { signal: "depth", value: 0.5, weight: 0.3333, points: 11.1 },
  ],
  share_below: 0.3333,
  below_count: 1,
  mean_gap: 2,
  employees_below: [{ employee_id: EMPLOYEE_ID, name: "Ahmad Fauzi", nip: "198507152010011003", required: 3, achieved: 1 }],
});

function needsApi() {
  return stubApi((url) => {
    if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
    if (url.pathname === "/api/v1/training-needs") {
      const forUnit = url.searchParams.get("org_unit_id");
      return json({ agency_id: "00000000-0000-7000-8000-0000000000a1", org_unit_id: forUnit, weights, items: forUnit ? [SECOND] : [need(), SECOND] });
    }
    return undefined;
  });
}

const rowOf = (code: string) => {
  const row = document.querySelector(`tr[data-code="${code}"]`);
  if (!row) throw new Error(`no need ${code}`);
  return row as HTMLElement;
};

describe("training needs", () => {
  it("ranks the agency's needs with score, share below, mean gap and an explanation", async () => {
    const { calls } = needsApi();
    at();
    const table = await screen.findByRole("table", { name: "Kebutuhan pelatihan menurut peringkat" });
    expect(within(table).getAllByRole("rowheader").map((h) => h.firstChild?.textContent)).toEqual(["M2 · Kerja Sama", "M1 · Integritas"]);
    const first = within(rowOf("M2")).getAllByRole("cell");
    expect(first.map((c) => c.className)).toEqual(["num", "score", "", "", "explanation"]);
    expect(first[0]).toHaveTextContent("1");
    expect(first[1]).toHaveTextContent("75,0");
    expect(first[1]?.querySelector(".scorebar span")).toHaveStyle({ width: "75%" });
    expect(first[2]).toHaveTextContent("100%3 dari 3 pegawai");
    expect(first[3]).toHaveTextContent("1 level");
    expect(within(first[4] as HTMLElement).getByText("Kesenjangan: 66,7 poin · Kedalaman: 8,3 poin; tanpa data: survei, kinerja, pengaduan masyarakat")).toBeInTheDocument();
    expect(within(rowOf("M1")).getByText("Kesenjangan: 22,2 poin · Kedalaman: 11,1 poin; tanpa data: survei, kinerja, pengaduan masyarakat")).toBeInTheDocument();
    expect(within(rowOf("M1")).getAllByRole("cell")[3]).toHaveTextContent("2 level");
    // Agency-wide: no unit asked for.
    expect(queriesTo(calls, "/api/v1/training-needs")[0]?.has("org_unit_id")).toBe(false);
  });

  it("expands the list of employees below standard", async () => {
    needsApi();
    at();
    await screen.findByRole("table");
    const row = rowOf("M2");
    const toggle = within(row).getByText("Pegawai di bawah standar (3)");
    const details = toggle.closest("details") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await userEvent.click(toggle);
    expect(details.open).toBe(true);
    const items = within(details).getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual(["Ahmad Fauzi 198507152010011003 — level 2 dari 3", "Siti Rahmawati 197901012005012001 — belum dinilai, dibutuhkan level 3"]);
    expect(within(details).getByRole("link", { name: "Ahmad Fauzi" })).toHaveAttribute("href", `/competencies/employees/${EMPLOYEE_ID}`);
    expect(within(details).getByText("Menampilkan 2 dari 3 pegawai.")).toBeInTheDocument();
  });

  it("narrows to a unit", async () => {
    const { calls } = needsApi();
    at();
    await screen.findByRole("table");
    const select = screen.getByRole("combobox", { name: "Unit organisasi" });
    expect(within(select).getByRole("option", { name: "Seluruh instansi" })).toBeInTheDocument();
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(2));
    await userEvent.selectOptions(select, UNIT_ID);
    await waitFor(() => expect(document.querySelector('tr[data-code="M2"]')).toBeNull());
    expect(queriesTo(calls, "/api/v1/training-needs").at(-1)?.get("org_unit_id")).toBe(UNIT_ID);
    expect(rowOf("M1")).toBeInTheDocument();
  });

  it("explains in English too", async () => {
    needsApi();
    await i18n.changeLanguage("en");
    at();
    await screen.findByRole("table", { name: "Training needs by rank" });
    expect(within(rowOf("M2")).getByText("Gap: 66.7 points · Depth: 8.3 points; no data: survey, performance, citizen complaints")).toBeInTheDocument();
  });

  it("asks a super admin to choose an agency first", () => {
    const { calls } = needsApi();
    at(session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
