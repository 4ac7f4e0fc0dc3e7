import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import RatingsRoutes from "./routes";
import { AGENCY_ID, UNIT_ID, YEAR, agencySatisfaction, queriesTo } from "./testData";

const at = (s = session(["agency_admin"])) => renderApp(<RatingsRoutes />, { path: "/ratings/agency", route: "/ratings/*", session: s });
const AGENCY = `/api/v1/agencies/${AGENCY_ID}/satisfaction`;

const cellsOf = (row: Element) => Array.from(row.children).map((c) => c.textContent);

describe("Kepuasan per Instansi", () => {
  it("lists the agency overall first, then its units by score, with grades and decimal commas", async () => {
    const { calls } = stubApi((url) => (url.pathname === AGENCY ? json(agencySatisfaction()) : undefined));
    at();
    expect(screen.getByRole("heading", { level: 1, name: "Kepuasan per Instansi" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: /IKM unit layanan/ });
    expect(queriesTo(calls, AGENCY)[0]?.get("period")).toBe(String(YEAR));
    expect(within(table).getAllByRole("row").slice(1).map(cellsOf)).toEqual([
      ["Seluruh instansi", "200", "87,50", "B Baik"],
      ["Puskesmas Jalan Gedang (PKM-JG)", "120", "88,75", "A Sangat Baik"],
      ["Mal Pelayanan Publik (DPMPTSP)", "80", "85,31", "B Baik"],
      ["Puskesmas Ratu Agung (PKM-RA)", "0", "—", "—"],
    ]);
    expect(within(table).getByRole("link", { name: "Puskesmas Jalan Gedang" })).toHaveAttribute("href", `/ratings/units?unit=${UNIT_ID}`);
    expect(screen.getByText(/2 penilaian ditandai menunggu peninjauan/)).toBeInTheDocument();
  });

  it("asks for another period", async () => {
    const { calls } = stubApi((url) => (url.pathname === AGENCY ? json(agencySatisfaction()) : undefined));
    at();
    await screen.findByRole("table");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Periode" }), "S1");
    await waitFor(() => expect(queriesTo(calls, AGENCY).at(-1)?.get("period")).toBe(`${YEAR}-S1`));
  });

  it("in English, with a decimal point", async () => {
    stubApi((url) => (url.pathname === AGENCY ? json(agencySatisfaction()) : undefined));
    const i18n = (await import("../../i18n")).default;
    await i18n.changeLanguage("en");
    try {
      at();
      const table = await screen.findByRole("table");
      expect(cellsOf(within(table).getAllByRole("row")[1] as Element)).toEqual(["Whole agency", "200", "87.50", "B Good"]);
    } finally {
      await i18n.changeLanguage("id");
    }
  });

  it("asks a super admin to choose an agency first", () => {
    stubApi(() => undefined);
    at(session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
  });

  it("shows the API's problem", async () => {
    stubApi((url) => (url.pathname === AGENCY ? problem(500, "internal") : undefined));
    at();
    expect(await screen.findByRole("alert")).toHaveTextContent("Data tidak dapat dimuat.");
  });
});
