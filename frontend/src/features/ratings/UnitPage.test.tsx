import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../../i18n";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import RatingsRoutes from "./routes";
import { AGENCY_ID, QR_SVG, UNIT_ID, YEAR, callsTo, link, queriesTo, satisfaction, serviceUnit, trend, uuid } from "./testData";
import type { Satisfaction } from "./api";

const at = (path = `/ratings/units?unit=${UNIT_ID}`, s = session(["agency_admin"])) => renderApp(<RatingsRoutes />, { path, route: "/ratings/*", session: s });

const SATISFACTION = `/api/v1/org-units/${UNIT_ID}/satisfaction`;
const TREND = `/api/v1/org-units/${UNIT_ID}/satisfaction/trend`;
const LINK = `/api/v1/org-units/${UNIT_ID}/rating-link`;
const QR = `/api/v1/org-units/${UNIT_ID}/rating-link/qr`;
const POSTER = `/api/v1/org-units/${UNIT_ID}/rating-link/poster`;
const ROTATE = `/api/v1/org-units/${UNIT_ID}/rating-link/rotate`;
const POPULATION = `/api/v1/org-units/${UNIT_ID}/served-population`;

/** The page's API; `answer` gives the unit's index for a query string. */
function unitApi(answer: (q: URLSearchParams) => Satisfaction | Response = () => satisfaction()) {
  let version = 1;
  let population: number | null = 300;
  return stubApi(async (url, req) => {
    if (url.pathname === SATISFACTION) {
      const a = answer(url.searchParams);
      if (a instanceof Response) return a;
      return json({ ...a, sample_target: population === null ? null : population === 300 ? a.sample_target : { population, required: 217, reached: false } });
    }
    if (url.pathname === TREND) return json(trend());
    if (url.pathname === LINK) return json(link({ version }));
    if (url.pathname === QR) {
      return url.searchParams.get("format") === "png"
        ? new Response(new Blob(["png"]), { headers: { "content-type": "image/png", "content-disposition": 'attachment; filename="qr-1771-PKM-JG.png"' } })
        : new Response(QR_SVG, { headers: { "content-type": "image/svg+xml" } });
    }
    if (url.pathname === POSTER) return new Response(new Blob(["%PDF"]), { headers: { "content-type": "application/pdf" } });
    if (req.method === "POST" && url.pathname === ROTATE) {
      version += 1;
      return json(link({ version, token: "Bm5ld1Rva2VuTmV3VG9rZW", url: "https://pembina.example/r/1771-PKM-JG?t=Bm5ld1Rva2VuTmV3VG9rZW" }));
    }
    if (req.method === "PUT" && url.pathname === POPULATION) {
      population = ((await req.clone().json()) as { served_population: number | null }).served_population;
      return json({ org_unit_id: UNIT_ID, served_population: population, sample_required: population === null ? null : 217 });
    }
    if (url.pathname === "/api/v1/org-units") return json(page([serviceUnit(), serviceUnit({ id: uuid(32), code: "PKM-RA", name: "Puskesmas Ratu Agung" })]));
    if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(serviceUnit());
    return undefined;
  });
}

const card = (label: string) => within(screen.getByTestId("ratings-headline")).getByText(label).parentElement;

afterEach(() => {
  vi.unstubAllGlobals();
  void i18n.changeLanguage("id");
});

describe("Kepuasan Layanan", () => {
  it("asks for a service unit first, offering only the agency's service units", async () => {
    const { calls } = unitApi();
    at("/ratings/units");
    expect(screen.getByRole("heading", { level: 1, name: "Kepuasan Layanan" })).toBeInTheDocument();
    expect(screen.getByText("Pilih unit layanan untuk melihat indeks kepuasannya.")).toBeInTheDocument();
    const select = screen.getByRole("combobox", { name: "Unit layanan" });
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(3));
    const q = queriesTo(calls, "/api/v1/org-units")[0];
    expect(q?.get("agency_id")).toBe(AGENCY_ID);
    expect(q?.get("kind")).toBe("service_unit");
    expect(queriesTo(calls, SATISFACTION)).toHaveLength(0);

    await userEvent.selectOptions(select, UNIT_ID);
    expect(await screen.findByTestId("ikm-score")).toHaveTextContent("88,75");
    expect(queriesTo(calls, SATISFACTION)[0]?.get("period")).toBe(String(YEAR));
  });

  it("shows respondents, the score with a decimal comma and the grade prominently", async () => {
    unitApi();
    at();
    expect(await screen.findByTestId("ikm-score")).toHaveTextContent(/^88,75$/);
    expect(card("Responden")).toHaveTextContent("120");
    expect(screen.getByTestId("ikm-grade")).toHaveTextContent("A Sangat Baik");
    expect(screen.getByText("IKM (skala 1–4): 3,55")).toBeInTheDocument();
  });

  it.each([
    ["B", "B Baik"],
    ["C", "C Kurang Baik"],
    ["D", "D Tidak Baik"],
  ] as const)("words grade %s", async (grade, words) => {
    unitApi(() => satisfaction({ grade, score: 70.004 }));
    at();
    expect(await screen.findByTestId("ikm-grade")).toHaveTextContent(words);
    expect(screen.getByTestId("ikm-score")).toHaveTextContent("70,00");
  });

  it("draws the nine elements' NRR as bars, with names and a table", async () => {
    unitApi();
    at();
    const chart = await screen.findByRole("img", { name: /Nilai rata-rata per unsur pelayanan Puskesmas Jalan Gedang/ });
    const bar = (c: string) => chart.querySelector(`[data-element="${c}"] [data-kind="bar"]`);
    const value = (c: string) => chart.querySelector(`[data-element="${c}"] [data-kind="value"]`)?.textContent;
    expect(chart.querySelectorAll("[data-element]")).toHaveLength(9);
    expect(bar("U1")).toHaveAttribute("width", "260");
    expect(bar("U4")).toHaveAttribute("width", "0");
    expect(value("U1")).toBe("3,60");
    expect(value("U4")).toBe("—");
    const table = screen.getByRole("table", { name: "Nilai rata-rata (NRR) dan jumlah responden per unsur" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(9);
    expect(Array.from(rows[1]?.children ?? []).map((c) => c.textContent)).toEqual(["U2", "Sistem, Mekanisme, dan Prosedur", "3,50", "120"]);
  });

  it("asks for a quarter, a month or a range of dates", async () => {
    const { calls } = unitApi();
    at();
    await screen.findByTestId("ikm-score");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Periode" }), "Q2");
    await waitFor(() => expect(queriesTo(calls, SATISFACTION).at(-1)?.get("period")).toBe(`${YEAR}-Q2`));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Periode" }), "07");
    await waitFor(() => expect(queriesTo(calls, SATISFACTION).at(-1)?.get("period")).toBe(`${YEAR}-07`));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Periode" }), "custom");
    expect(screen.getAllByText("Isi kedua tanggal; tanggal akhir tidak boleh sebelum tanggal awal.").length).toBeGreaterThan(0);
    await userEvent.type(screen.getByLabelText("Dari tanggal"), `${YEAR}-02-01`);
    await userEvent.type(screen.getByLabelText("Sampai tanggal"), `${YEAR}-03-15`);
    await waitFor(() => {
      const q = queriesTo(calls, SATISFACTION).at(-1);
      expect([q?.get("from"), q?.get("to"), q?.get("period")]).toEqual([`${YEAR}-02-01`, `${YEAR}-03-15`, null]);
    });
  });

  it("shows the sample target, flagged ratings waiting with a link to the queue, and waiting times", async () => {
    unitApi();
    at();
    expect(await screen.findByText("Dibutuhkan 169 responden untuk 300 orang yang dilayani per tahun (Krejcie–Morgan); terkumpul 120.")).toBeInTheDocument();
    expect(screen.getByText("Target sampel belum tercapai")).toBeInTheDocument();
    expect(screen.getByText(/3 penilaian ditandai menunggu peninjauan/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Tinjau penilaian ditandai" })).toHaveAttribute("href", "/ratings/flags");
    const waiting = screen.getByTestId("ratings-waiting");
    expect(waiting).toHaveTextContent("Median: 12,5 menit");
    expect(waiting).toHaveTextContent("Persentil ke-90: 40 menit");
  });

  it("leaves out waiting times the response does not have, and says when the population is not set", async () => {
    unitApi(() => satisfaction({ waiting: null, sample_target: null, flagged_pending: 0 }));
    at();
    await screen.findByTestId("ikm-score");
    expect(screen.queryByTestId("ratings-waiting")).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Tinjau penilaian ditandai" })).not.toBeInTheDocument();
  });

  it("sets the served population with PUT, and refuses what is not a whole number", async () => {
    const { calls } = unitApi();
    at();
    const field = await screen.findByRole("textbox", { name: "Jumlah orang dilayani per tahun" });
    expect(field).toHaveValue("300");
    await userEvent.clear(field);
    await userEvent.type(field, "12,5x");
    await userEvent.click(screen.getByRole("button", { name: "Simpan jumlah dilayani" }));
    expect(screen.getByText("Isi bilangan bulat 1 sampai 100.000.000, atau kosongkan.")).toBeInTheDocument();
    expect(callsTo(calls, "PUT", POPULATION)).toHaveLength(0);

    await userEvent.clear(field);
    await userEvent.type(field, "500");
    await userEvent.click(screen.getByRole("button", { name: "Simpan jumlah dilayani" }));
    expect(await screen.findByText("Jumlah dilayani disimpan.")).toBeInTheDocument();
    const put = callsTo(calls, "PUT", POPULATION);
    expect(await put[0]?.json()).toEqual({ served_population: 500 });
    expect(await screen.findByText(/Dibutuhkan 217 responden untuk 500 orang/)).toBeInTheDocument();
  });

  it("draws the monthly trend of the year", async () => {
    const { calls } = unitApi();
    at();
    const chart = await screen.findByRole("img", { name: /Nilai IKM per bulan Puskesmas Jalan Gedang tahun/ });
    expect(queriesTo(calls, TREND)[0]?.get("year")).toBe(String(YEAR));
    expect(chart.querySelectorAll("[data-month]")).toHaveLength(12);
    expect(chart.querySelector(`[data-month="${YEAR}-03"] [data-kind="bar"]`)).toHaveAttribute("height", "0");
    const table = screen.getByRole("table", { name: "Nilai IKM, mutu dan responden per bulan" });
    expect(within(table).getAllByRole("row")[2]).toHaveTextContent("88,75");
    expect(within(table).getAllByRole("row")[2]).toHaveTextContent("A Sangat Baik");
  });

  it("shows the API's problem when the index cannot be read", async () => {
    unitApi(() => problem(404, "not_found"));
    at();
    expect(await screen.findByRole("alert")).toHaveTextContent("Data tidak dapat dimuat.");
  });

  it("is for administrators only", () => {
    stubApi(() => undefined);
    at(`/ratings/units?unit=${UNIT_ID}`, session(["employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
  });
});

describe("Tautan & QR", () => {
  it("shows the link with a copy button and the QR code fetched with the token", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const { calls } = unitApi();
    at();
    const url = await screen.findByTestId("rating-url");
    expect(url).toHaveTextContent(link().url);
    const img = await screen.findByRole("img", { name: "Kode QR tautan penilaian 1771-PKM-JG" });
    expect(img.getAttribute("src")).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(QR_SVG)}`);
    expect(queriesTo(calls, QR)[0]?.get("format")).toBe("svg");
    await userEvent.click(screen.getByRole("button", { name: "Salin tautan" }));
    expect(writeText).toHaveBeenCalledWith(link().url);
    expect(await screen.findByText("Tautan disalin.")).toBeInTheDocument();
  });

  it("downloads the QR code as PNG and the poster as PDF", async () => {
    const createObjectURL = vi.fn(() => "blob:x");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const { calls } = unitApi();
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Unduh QR (PNG)" }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(1));
    const png = queriesTo(calls, QR).find((q) => q.get("format") === "png");
    expect(png?.get("scale")).toBe("10");
    await userEvent.click(screen.getByRole("button", { name: "Unduh poster (PDF)" }));
    await waitFor(() => expect(callsTo(calls, "GET", POSTER)).toHaveLength(1));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(2));
  });

  it("replaces the link only after a warning that printed codes stop working", async () => {
    const { calls } = unitApi();
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Ganti tautan" }));
    const dialog = screen.getByRole("dialog", { name: "Ganti tautan penilaian?" });
    expect(dialog).toHaveTextContent("semua kode QR serta poster yang sudah dicetak akan langsung tidak berlaku");
    expect(callsTo(calls, "POST", ROTATE)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole("button", { name: "Ya, ganti tautan" }));
    expect(await screen.findByText("Tautan baru dibuat. Kode QR lama tidak berlaku lagi.")).toBeInTheDocument();
    expect(callsTo(calls, "POST", ROTATE)).toHaveLength(1);
    expect(screen.getByTestId("rating-url")).toHaveTextContent("Bm5ld1Rva2VuTmV3VG9rZW");
    expect(screen.getByText("Versi tautan: 2")).toBeInTheDocument();
  });
});
