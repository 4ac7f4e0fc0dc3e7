import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, renderApp, session, stubApi } from "../../test/render";
import i18n from "../../i18n";
import { barLength } from "./DistributionChart";
import SurveyRoutes from "./routes";
import { SURVEY_ID, UNIT_ID, queriesTo, results, survey, unit } from "./testData";

const at = (s = session(["agency_admin"])) => renderApp(<SurveyRoutes section="admin" />, { path: `/surveys/${SURVEY_ID}/results`, route: "/surveys/*", session: s });

function resultsApi() {
  return stubApi((url) => {
    if (url.pathname === `/api/v1/surveys/${SURVEY_ID}`) return json(survey({ status: "open" }));
    if (url.pathname === `/api/v1/surveys/${SURVEY_ID}/results`) {
      const forUnit = url.searchParams.get("org_unit_id");
      if (!forUnit) return json(results());
      const [likert] = results().questions;
      return json(
        results({
          org_unit_id: forUnit,
          responses: 1,
          questions: likert ? [{ ...likert, responses: 1, mean: 5, distribution: [0, 0, 0, 0, 1] }] : [],
        }),
      );
    }
    if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
    return undefined;
  });
}

const section = (n: number) => {
  const s = document.querySelector(`section[data-question="${n}"]`);
  if (!s) throw new Error(`no question ${n}`);
  return s as HTMLElement;
};
/** The bars of a chart: label → [width, value text]. */
const bars = (root: HTMLElement) =>
  Array.from(root.querySelectorAll("svg g[data-label]")).map((g) => [g.getAttribute("data-label"), Number(g.querySelector('[data-kind="bar"]')?.getAttribute("width")), g.querySelector('[data-kind="value"]')?.textContent]);
const tableRows = (root: HTMLElement) => within(within(root).getByRole("table")).getAllByRole("row").slice(1).map((r) => Array.from(r.children).map((c) => c.textContent));

describe("survey results", () => {
  it("shows responses and the response rate, then the Likert mean with its spread as bars and as a table", async () => {
    resultsApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Hasil: Kebutuhan Pelatihan 2027" })).toBeInTheDocument();
    const summary = await screen.findByTestId("results-summary");
    expect(summary).toHaveTextContent("6Jawaban masuk");
    expect(summary).toHaveTextContent("75%Tingkat respons (6 dari 8 tugas)");

    const likert = section(1);
    expect(within(likert).getByRole("heading", { level: 2 })).toHaveTextContent("1. Seberapa Anda membutuhkan pelatihan komunikasi?");
    expect(within(likert).getByTestId("mean")).toHaveTextContent("Rerata 3,67 dari 5");
    // Bars as long as each score's share of the 6 answers, with the count and share beside them.
    expect(bars(likert)).toEqual([
      ["1", 0, "0 (0%)"],
      ["2", barLength(1, 6), "1 (16,7%)"],
      ["3", barLength(2, 6), "2 (33,3%)"],
      ["4", barLength(1, 6), "1 (16,7%)"],
      ["5", barLength(2, 6), "2 (33,3%)"],
    ]);
    expect(barLength(2, 6)).toBeCloseTo(260 / 3);
    expect(within(likert).getByRole("img", { name: /Sebaran jawaban: Seberapa Anda membutuhkan pelatihan komunikasi\?/ })).toHaveAccessibleName(
      "Sebaran jawaban: Seberapa Anda membutuhkan pelatihan komunikasi? Batang menunjukkan jumlah jawaban untuk setiap pilihan dari 6 jawaban. Angkanya ada di tabel berikut.",
    );
    // The same numbers as text.
    expect(within(likert).getByRole("table", { name: "Jumlah jawaban: Seberapa Anda membutuhkan pelatihan komunikasi?" })).toBeInTheDocument();
    expect(tableRows(likert)).toEqual([
      ["1", "0", "0%"],
      ["2", "1", "16,7%"],
      ["3", "2", "33,3%"],
      ["4", "1", "16,7%"],
      ["5", "2", "33,3%"],
    ]);
  });

  it("counts each option of choice questions and lists the text answers", async () => {
    resultsApi();
    at();
    await screen.findByTestId("results-summary");
    expect(tableRows(section(2))).toEqual([
      ["Klasikal", "3", "75%"],
      ["E-learning", "1", "25%"],
    ]);
    expect(within(section(2)).getByText("Pilihan tunggal · 4 jawaban")).toBeInTheDocument();
    // Several options per respondent: shares of the 5 respondents, more than 100% in all.
    expect(bars(section(3)).map((b) => b[2])).toEqual(["4 (80%)", "5 (100%)", "1 (20%)"]);
    expect(within(section(3)).getByText(/jumlah persentase dapat melebihi 100%/)).toBeInTheDocument();
    const texts = section(4);
    expect(within(texts).queryByRole("img")).not.toBeInTheDocument();
    expect(within(texts).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Pelatihan di puskesmas saja", "Lebih banyak praktik"]);
  });

  it("narrows the results to a unit", async () => {
    const { calls } = resultsApi();
    at();
    await screen.findByTestId("results-summary");
    const select = screen.getByRole("combobox", { name: "Unit organisasi" });
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(2));
    await userEvent.selectOptions(select, UNIT_ID);
    await waitFor(() => expect(within(section(1)).getByTestId("mean")).toHaveTextContent("Rerata 5,00 dari 5"));
    expect(queriesTo(calls, `/api/v1/surveys/${SURVEY_ID}/results`).at(-1)?.get("org_unit_id")).toBe(UNIT_ID);
    expect(bars(section(1)).at(-1)).toEqual(["5", 260, "1 (100%)"]);
    expect(document.querySelector('section[data-question="2"]')).toBeNull();
  });

  it("reads in English too", async () => {
    resultsApi();
    await i18n.changeLanguage("en");
    at();
    expect(await screen.findByText("Mean 3.67 of 5")).toBeInTheDocument();
    expect(screen.getByTestId("results-summary")).toHaveTextContent("75%Response rate (6 of 8 tasks)");
  });
});
