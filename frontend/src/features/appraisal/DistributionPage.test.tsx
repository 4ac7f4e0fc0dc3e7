import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../../i18n";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import AppraisalRoutes from "./routes";
import { AGENCY_ID, EMPTY_DISTRIBUTION, UNIT_ID, YEAR, callsTo, distribution, queriesTo, unit, uuid } from "./testData";
import type { Distribution, UnitResult } from "./api";

const at = (path = `/appraisal/distribution?unit=${UNIT_ID}`, s = session(["agency_admin"])) =>
  renderApp(<AppraisalRoutes section="admin" />, { path, route: "/appraisal/*", session: s });

const DISTRIBUTION = `/api/v1/org-units/${UNIT_ID}/skp-distribution`;
const RESULT = (year: number) => `/api/v1/org-units/${UNIT_ID}/unit-results/${year}`;

/** The API of the page: `byYear` answers the distribution of a year; PUT sets the unit's result. */
function distributionApi(byYear: (year: number) => Distribution | Response = () => distribution()) {
  let result: UnitResult | null = null;
  return stubApi(async (url, req) => {
    if (url.pathname === DISTRIBUTION) {
      const answer = byYear(Number(url.searchParams.get("year")));
      if (answer instanceof Response) return answer;
      // Once set, the unit's result and its warnings are read back.
      return json(result ? { ...answer, unit_result: result, warnings: result === "istimewa" ? [] : answer.warnings } : answer);
    }
    if (req.method === "PUT" && url.pathname.startsWith(`/api/v1/org-units/${UNIT_ID}/unit-results/`)) {
      result = ((await req.clone().json()) as { result: UnitResult }).result;
      return json({ org_unit_id: UNIT_ID, year: Number(url.pathname.split("/").at(-1)), result, updated_at: `${YEAR}-12-01T00:00:00Z` });
    }
    if (url.pathname === "/api/v1/org-units") return json(page([unit(), unit({ id: uuid(12), code: "PKM-RA", name: "Puskesmas Ratu Agung", depth: 1, parent_id: UNIT_ID })]));
    if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
    return undefined;
  });
}

const cellsOf = (row: Element) => Array.from(row.children).map((c) => c.textContent);
const card = (label: string) => within(screen.getByTestId("appraisal-counts")).getByText(label).nextElementSibling;

describe("Distribusi Predikat", () => {
  it("asks for a unit first, then shows its distribution of the current year", async () => {
    const { calls } = distributionApi();
    at("/appraisal/distribution");
    expect(screen.getByRole("heading", { level: 1, name: "Distribusi Predikat" })).toBeInTheDocument();
    expect(screen.getByText("Pilih unit untuk melihat sebaran predikatnya.")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Tahun" })).toHaveValue(String(YEAR));
    const select = screen.getByRole("combobox", { name: "Unit organisasi" });
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(3));
    expect(within(select).getAllByRole("option")[0]).toHaveTextContent("— Pilih unit —");
    expect(queriesTo(calls, "/api/v1/org-units")[0]?.get("agency_id")).toBe(AGENCY_ID);
    expect(queriesTo(calls, DISTRIBUTION)).toHaveLength(0);

    await userEvent.selectOptions(select, UNIT_ID);
    expect(await screen.findByRole("heading", { level: 2, name: `Dinas Kesehatan, tahun ${YEAR}` })).toBeInTheDocument();
    expect(queriesTo(calls, DISTRIBUTION)[0]?.get("year")).toBe(String(YEAR));
  });

  it("draws the five predikat as bars with counts and percentages, and the same numbers in a table", async () => {
    distributionApi();
    at();
    const chart = await screen.findByRole("img", { name: /Sebaran predikat Dinas Kesehatan tahun/ });
    expect(chart).toHaveAccessibleName(`Sebaran predikat Dinas Kesehatan tahun ${YEAR} Jumlah dan persentase pegawai per predikat, dari 10 pegawai yang dinilai.`);
    const bar = (p: string) => chart.querySelector(`[data-predikat="${p}"] [data-kind="bar"]`);
    const value = (p: string) => chart.querySelector(`[data-predikat="${p}"] [data-kind="value"]`)?.textContent;
    expect(bar("baik")).toHaveAttribute("width", "224");
    expect(bar("sangat_baik")).toHaveAttribute("width", "56");
    expect(bar("kurang")).toHaveAttribute("width", "0");
    expect(value("baik")).toBe("8 (80%)");
    expect(value("sangat_kurang")).toBe("0 (0%)");

    const table = screen.getByRole("table", { name: "Jumlah dan persentase pegawai per predikat" });
    expect(within(table).getAllByRole("row").slice(1).map(cellsOf)).toEqual([
      ["Sangat Baik", "2", "20%"],
      ["Baik", "8", "80%"],
      ["Butuh Perbaikan", "0", "0%"],
      ["Kurang/Misconduct", "0", "0%"],
      ["Sangat Kurang", "0", "0%"],
    ]);
  });

  it("counts the ratings from Pembina plans and imports, and the plans not final yet", async () => {
    distributionApi();
    at();
    await screen.findByTestId("appraisal-counts");
    expect(card("Pegawai dinilai")).toHaveTextContent("10");
    expect(card("Dari SKP Pembina")).toHaveTextContent("7");
    expect(card("Dari impor")).toHaveTextContent("3");
    expect(card("SKP belum final")).toHaveTextContent("2");
    expect(screen.getByText("Predikatnya belum dihitung.")).toBeInTheDocument();
  });

  it("shows the curve's warnings in Indonesian, and that they never block", async () => {
    distributionApi();
    at();
    const warnings = await screen.findByRole("status", { name: /Peringatan kurva distribusi/ });
    expect(within(warnings).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Lebih dari 70% pegawai berpredikat Baik. Pada unit dengan hasil kerja Baik, predikat Baik paling banyak 70%.",
      "Tidak ada pegawai berpredikat Butuh Perbaikan atau Kurang/Misconduct. Unit dengan hasil kerja Baik semestinya memiliki sedikitnya satu.",
    ]);
    expect(screen.getByText(/Kurva untuk unit dengan hasil kerja Baik:/)).toHaveTextContent("paling banyak 70% Baik, dan sedikitnya satu pegawai Butuh Perbaikan atau Kurang/Misconduct.");
    expect(screen.getByText("Peringatan kurva hanya bahan pertimbangan: tidak pernah menghalangi penilaian maupun finalisasi SKP.")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: `Hasil kerja unit tahun ${YEAR}` })).toHaveValue("baik");
  });

  it("words each warning for the unit's result, and falls back to the API's message for a code it does not know", async () => {
    distributionApi(() =>
      distribution({
        unit_result: "sangat_kurang",
        warnings: [
          { code: "too_few_kurang", message: "at least 10 % Kurang or Butuh Perbaikan in a Sangat Kurang unit" },
          { code: "any_sangat_baik", message: "no Sangat Baik in a Sangat Kurang unit" },
          { code: "something_new", message: "a rule added later" },
        ],
      }),
    );
    at();
    const warnings = await screen.findByRole("status", { name: /Peringatan kurva distribusi/ });
    expect(within(warnings).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Kurang dari 10% pegawai berpredikat Kurang/Misconduct atau Butuh Perbaikan. Pada unit dengan hasil kerja Sangat Kurang, keduanya bersama sedikitnya 10%.",
      "Ada pegawai berpredikat Sangat Baik. Unit dengan hasil kerja Sangat Kurang semestinya tidak memiliki predikat Sangat Baik.",
      "a rule added later",
    ]);
  });

  it("sets the unit's result for the year shown (PUT), says so, and reads the distribution again", async () => {
    const { calls } = distributionApi();
    at();
    await screen.findByRole("status", { name: /Peringatan kurva distribusi/ });
    const before = queriesTo(calls, DISTRIBUTION).length;
    await userEvent.selectOptions(screen.getByRole("combobox", { name: `Hasil kerja unit tahun ${YEAR}` }), "istimewa");
    await userEvent.click(screen.getByRole("button", { name: "Simpan hasil kerja unit" }));
    expect(await screen.findByText(`Hasil kerja unit tahun ${YEAR} disimpan: Istimewa.`)).toBeInTheDocument();
    const puts = callsTo(calls, "PUT", RESULT(YEAR));
    expect(puts).toHaveLength(1);
    expect(await puts[0]?.json()).toEqual({ result: "istimewa" });
    await waitFor(() => expect(queriesTo(calls, DISTRIBUTION).length).toBeGreaterThan(before));
    expect(await screen.findByText("Sebaran predikat sesuai dengan kurva distribusi.")).toBeInTheDocument();
    expect(screen.getByText(/Kurva untuk unit dengan hasil kerja Istimewa:/)).toHaveTextContent("paling banyak 70% Sangat Baik.");
    expect(screen.queryByRole("status", { name: /Peringatan kurva distribusi/ })).not.toBeInTheDocument();
  });

  it("shows another year, and sets the result of that year", async () => {
    const { calls } = distributionApi((year) => (year === YEAR ? distribution() : distribution({ year, unit_result: null, warnings: [] })));
    at();
    await screen.findByRole("heading", { level: 2, name: `Dinas Kesehatan, tahun ${YEAR}` });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Tahun" }), String(YEAR - 1));
    expect(await screen.findByRole("heading", { level: 2, name: `Dinas Kesehatan, tahun ${YEAR - 1}` })).toBeInTheDocument();
    expect(queriesTo(calls, DISTRIBUTION).at(-1)?.get("year")).toBe(String(YEAR - 1));
    expect(screen.getByText("Hasil kerja unit tahun ini belum ditetapkan, sehingga sebaran predikat belum dibandingkan dengan kurva.")).toBeInTheDocument();
    const select = screen.getByRole("combobox", { name: `Hasil kerja unit tahun ${YEAR - 1}` });
    expect(select).toHaveValue("");
    expect(screen.getByRole("button", { name: "Simpan hasil kerja unit" })).toBeDisabled();
    await userEvent.selectOptions(select, "kurang");
    await userEvent.click(screen.getByRole("button", { name: "Simpan hasil kerja unit" }));
    await screen.findByText(`Hasil kerja unit tahun ${YEAR - 1} disimpan: Kurang.`);
    expect(await callsTo(calls, "PUT", RESULT(YEAR - 1))[0]?.json()).toEqual({ result: "kurang" });
  });

  it("says when nobody is rated yet: no bars, shares as —, no comparison with the curve", async () => {
    distributionApi(() => EMPTY_DISTRIBUTION);
    at();
    expect(await screen.findByText(`Belum ada predikat tercatat untuk unit ini tahun ${YEAR}.`)).toBeInTheDocument();
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    expect(card("Pegawai dinilai")).toHaveTextContent("0");
    expect(card("SKP belum final")).toHaveTextContent("4");
    expect(screen.queryByText("Sebaran predikat sesuai dengan kurva distribusi.")).not.toBeInTheDocument();
  });

  it("shows the API's problem when the distribution cannot be read", async () => {
    distributionApi(() => problem(404, "not_found"));
    at();
    expect(await screen.findByRole("alert")).toHaveTextContent("Data tidak ditemukan.");
  });

  it("shows the API's problem when the result cannot be saved, and keeps the choice", async () => {
    stubApi((url, req) => {
      if (url.pathname === DISTRIBUTION) return json(distribution());
      if (req.method === "PUT") return problem(403, "forbidden");
      if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
      return undefined;
    });
    at();
    const select = await screen.findByRole("combobox", { name: `Hasil kerja unit tahun ${YEAR}` });
    await userEvent.selectOptions(select, "butuh_perbaikan");
    await userEvent.click(screen.getByRole("button", { name: "Simpan hasil kerja unit" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Anda tidak berwenang melakukan tindakan ini.");
    expect(select).toHaveValue("butuh_perbaikan");
  });

  it("speaks English", async () => {
    distributionApi();
    await i18n.changeLanguage("en");
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Rating Distribution" })).toBeInTheDocument();
    const warnings = await screen.findByRole("status", { name: /Distribution curve warnings/ });
    expect(within(warnings).getAllByRole("listitem")[0]).toHaveTextContent("More than 70% of staff are rated Good. In a Good unit, at most 70% are.");
    expect(within(screen.getByRole("table", { name: "Staff per rating, in numbers and shares" })).getByRole("rowheader", { name: "Poor/Misconduct" })).toBeInTheDocument();
  });

  it("asks a super admin to choose an agency first", () => {
    const { calls } = distributionApi();
    at(`/appraisal/distribution?unit=${UNIT_ID}`, session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("is for administrators only", () => {
    const { calls } = distributionApi();
    at(`/appraisal/distribution?unit=${UNIT_ID}`, session(["supervisor", "employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(calls).toHaveLength(0);
  });
});
