import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setTokenSource } from "../../api/client";
import { validToken } from "../../session/session";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import i18n from "../../i18n";
import SkpRoutes from "./routes";
import type { Plan } from "./api";
import {
  EVIDENCE_ID,
  EXTRA,
  PLAN_ID,
  REALISATION_ID,
  RESULT_ID,
  YEAR,
  behaviours,
  bodiesOf,
  callsTo,
  evidence,
  finalPlan,
  history,
  ownerSession,
  plan,
  queriesTo,
  realisation,
  result,
  runningPlan,
} from "./testData";

type Handler = (url: URL, req: Request) => Response | undefined | Promise<Response | undefined>;

/** The API as Siti sees it: her plan of `YEAR` (or none), and `extra` first. */
function mineApi(mine: Plan | null, extra: Handler = () => undefined) {
  return stubApi(async (url, req) => {
    const answered = await extra(url, req);
    if (answered) return answered;
    if (url.pathname === "/api/v1/me/skp") {
      return Number(url.searchParams.get("year")) === YEAR && mine ? json(mine) : problem(404, "not_found");
    }
    return undefined;
  });
}

/** Files handed to the browser to save: the anchors clicked, with their names. */
function savedFiles() {
  vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: vi.fn(() => "blob:skp"), revokeObjectURL: vi.fn() }));
  const clicked: HTMLAnchorElement[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });
  return clicked;
}

afterEach(() => setTokenSource(validToken));

const mine = (s: SessionValue = ownerSession(), path = "/me/skp") => renderApp(<SkpRoutes section="mine" />, { path, route: "/me/skp", session: s });

const resultCard = (description: string) => screen.findByRole("article", { name: description });
const cellsOf = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent);

describe("SKP Saya", () => {
  it("offers to create the year's plan when there is none, and shows the new draft", async () => {
    const { calls } = mineApi(null, (url, req) => (url.pathname === "/api/v1/skp-plans" && req.method === "POST" ? json(plan({ results: [] }), 201) : undefined));
    mine();
    expect(await screen.findByRole("heading", { level: 1, name: "SKP Saya" })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { level: 2, name: `Anda belum memiliki SKP tahun ${YEAR}.` })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Tahun" })).toHaveValue(String(YEAR));
    await userEvent.click(screen.getByRole("button", { name: `Buat SKP ${YEAR}` }));
    expect(await screen.findByText(`SKP ${YEAR} dibuat sebagai draf. Susun hasil kerja Anda, lalu minta atasan Anda menyetujuinya.`)).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", "/api/v1/skp-plans")).toEqual([{ year: YEAR }]);
    expect(within(screen.getByTestId("skp-state")).getByText("Draf")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("skp-rater")).toHaveTextContent("Ahmad Fauzi"));
    expect(screen.getByRole("button", { name: "Susun hasil kerja" })).toBeInTheDocument();
  });

  it("explains that a plan needs a direct supervisor when the employee record names none", async () => {
    mineApi(null, (url, req) => (url.pathname === "/api/v1/skp-plans" && req.method === "POST" ? problem(409, "no_supervisor") : undefined));
    mine();
    await userEvent.click(await screen.findByRole("button", { name: `Buat SKP ${YEAR}` }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Data pegawai Anda belum mencantumkan atasan langsung");
    expect(screen.getByRole("button", { name: `Buat SKP ${YEAR}` })).toBeEnabled();
  });

  it("tells an account without an employee record why there is no plan, without asking the API", () => {
    const { calls } = mineApi(null);
    mine(session(["agency_admin"]));
    expect(screen.getByText("Akun Anda belum terhubung dengan data pegawai, sehingga belum ada SKP.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("shows the plan: its state, the rater, results by section with realisations and feedback newest first", async () => {
    mineApi(runningPlan());
    mine();
    expect(await screen.findByTestId("skp-state")).toHaveTextContent("Berjalan");
    expect(screen.getByTestId("skp-rater")).toHaveTextContent("Ahmad Fauzi");
    expect(screen.getByText("Catat realisasi setiap triwulan beserta bukti dukungnya.")).toBeInTheDocument();

    const main = screen.getByRole("region", { name: "Hasil kerja utama" });
    const card = within(main).getByRole("article", { name: "Tersusunnya laporan kepegawaian yang tepat waktu" });
    expect(within(card).getByText("Persentase laporan yang disampaikan tepat waktu")).toBeInTheDocument();
    expect(within(card).getByText("100%")).toBeInTheDocument();
    expect(within(card).getByText("Kuantitatif")).toBeInTheDocument();
    // The rater's result it supports, by its number and text, as the plan lists the rater's results.
    expect(within(card).getByTestId("skp-supports")).toHaveTextContent("1. Meningkatnya kualitas layanan kepegawaian");
    const quarters = within(card).getByRole("table", { name: "Realisasi per triwulan" });
    const rows = within(quarters).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("rowheader").textContent)).toEqual(["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]);
    expect(cellsOf(rows[0] as HTMLElement)[1]).toMatch(/^3 laporan disampaikan tepat waktuDicatat 2 April/);
    expect(within(rows[0] as HTMLElement).getByRole("link", { name: "Buka bukti Triwulan I" })).toHaveAttribute("href", "https://drive.bengkulukota.go.id/bukti/q1.pdf");
    const files = within(rows[0] as HTMLElement).getByRole("list", { name: "Berkas bukti dukung Triwulan I" });
    expect(within(files).getAllByRole("listitem")).toHaveLength(1);
    expect(within(files).getByRole("button", { name: "Unduh notulen-rapat-triwulan-1.pdf" })).toBeInTheDocument();
    expect(files).toHaveTextContent("240 KB");
    expect(cellsOf(rows[1] as HTMLElement).slice(1, 3)).toEqual(["Belum dicatat", "—"]);
    // Feedback on the result, newest first, by the rater; nobody but the rater writes it.
    const notes = within(card).getByRole("list", { name: "Umpan balik atasan: Tersusunnya laporan kepegawaian yang tepat waktu" });
    expect(within(notes).getAllByRole("listitem").map((li) => li.querySelector("p")?.textContent)).toEqual(["Laporan Maret terlambat dua hari.", "Target triwulan I tercapai; lampirkan notulen rapat."]);
    expect(within(notes).getAllByRole("listitem")[0]).toHaveTextContent(/Ahmad Fauzi · 20 April/);
    expect(screen.queryByRole("form", { name: /^Umpan balik untuk/ })).not.toBeInTheDocument();

    const extra = within(screen.getByRole("region", { name: "Hasil kerja tambahan" })).getByRole("article", { name: EXTRA.description });
    expect(within(extra).getByText("Kualitatif")).toBeInTheDocument();
    expect(within(extra).getByText("Belum ada umpan balik.")).toBeInTheDocument();

    const planNotes = screen.getByRole("list", { name: "Umpan balik atasan untuk SKP ini" });
    expect(within(planNotes).getAllByRole("listitem").map((li) => li.querySelector("p")?.textContent)).toEqual(["Perhatikan tenggat triwulan II.", "Secara umum sesuai rencana."]);
    // Nothing to rate yet, no steps for the owner while it runs, no editing.
    expect(screen.queryByTestId("skp-predikat")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Ubah hasil kerja" })).not.toBeInTheDocument();
  });

  it("shows the predikat prominently with the two ratings once rated", async () => {
    mineApi(finalPlan());
    mine();
    const panel = await screen.findByRole("region", { name: `Predikat kinerja ${YEAR}` });
    expect(within(panel).getByTestId("skp-predikat")).toHaveTextContent("Baik");
    expect(within(panel).getByTestId("skp-results-rating")).toHaveTextContent("Di Atas Ekspektasi");
    expect(within(panel).getByTestId("skp-behaviour-rating")).toHaveTextContent("Sesuai Ekspektasi");
    expect(within(panel).queryByText("Penilaian ini belum final.")).not.toBeInTheDocument();
    expect(screen.getByTestId("skp-state")).toHaveTextContent("Final");
    expect(screen.queryByRole("button", { name: /^Catat/ })).not.toBeInTheDocument();
  });

  it("reads another year when one is chosen, and keeps it in the URL", async () => {
    const { calls } = mineApi(runningPlan());
    mine();
    await screen.findByTestId("skp-state");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Tahun" }), String(YEAR - 1));
    expect(await screen.findByRole("heading", { level: 2, name: `Anda belum memiliki SKP tahun ${YEAR - 1}.` })).toBeInTheDocument();
    expect(queriesTo(calls, "/api/v1/me/skp").map((q) => q.get("year"))).toEqual([String(YEAR), String(YEAR - 1)]);
  });

  it("edits the draft's results and saves the whole list in order", async () => {
    const saved = plan({ results: [] });
    const { calls } = mineApi(plan(), (url, req) => (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/results` && req.method === "PUT" ? json(saved) : undefined));
    mine();
    await userEvent.click(await screen.findByRole("button", { name: "Ubah hasil kerja" }));
    const form = screen.getByRole("form", { name: "Susun hasil kerja" });
    const first = within(form).getByRole("group", { name: "Hasil kerja 1" });
    // The rater's results of the year come with the plan: the owner chooses among them.
    const supports = within(first).getByRole("combobox", { name: /^Hasil kerja atasan yang didukung/ });
    expect(supports).toHaveDisplayValue("1. Meningkatnya kualitas layanan kepegawaian");
    expect(within(supports).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "— Tidak ada —",
      "1. Meningkatnya kualitas layanan kepegawaian",
      "2. Terselenggaranya pengembangan kompetensi pegawai",
    ]);
    expect(supports).toHaveAccessibleDescription("Hasil kerja pada SKP atasan tahun yang sama yang diintervensi hasil kerja ini.");
    await userEvent.clear(within(first).getByRole("textbox", { name: "Target" }));
    await userEvent.type(within(first).getByRole("textbox", { name: "Target" }), "12 laporan");

    await userEvent.click(within(form).getByRole("button", { name: "Tambah hasil kerja" }));
    const third = within(form).getByRole("group", { name: "Hasil kerja 3" });
    await userEvent.type(within(third).getByRole("textbox", { name: "Rencana hasil kerja" }), "Terlaksananya evaluasi jabatan");
    await userEvent.type(within(third).getByRole("textbox", { name: "Indikator kinerja individu" }), "Dokumen evaluasi jabatan");
    await userEvent.type(within(third).getByRole("textbox", { name: "Target" }), "1 dokumen");
    await userEvent.selectOptions(within(third).getByRole("combobox", { name: "Pendekatan" }), "qualitative");
    await userEvent.selectOptions(within(third).getByRole("combobox", { name: /^Hasil kerja atasan yang didukung/ }), "2. Terselenggaranya pengembangan kompetensi pegawai");
    // The new one goes before the additional result.
    await userEvent.click(within(third).getByRole("button", { name: "Naikkan Hasil kerja 3" }));
    await userEvent.click(within(form).getByRole("button", { name: "Simpan hasil kerja" }));

    expect(await screen.findByText("Hasil kerja tersimpan.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "PUT", `/api/v1/skp-plans/${PLAN_ID}/results`)).toEqual([
      {
        results: [
          { section: "main", description: "Tersusunnya laporan kepegawaian yang tepat waktu", supports_result_id: "00000000-0000-7000-8000-000000000401", indicator: "Persentase laporan yang disampaikan tepat waktu", target: "12 laporan", approach: "quantitative" },
          { section: "main", description: "Terlaksananya evaluasi jabatan", supports_result_id: "00000000-0000-7000-8000-000000000402", indicator: "Dokumen evaluasi jabatan", target: "1 dokumen", approach: "qualitative" },
          { section: "additional", description: EXTRA.description, supports_result_id: null, indicator: EXTRA.indicator, target: EXTRA.target, approach: "qualitative" },
        ],
      },
    ]);
  });

  it("checks the required fields before sending, and shows the API's errors at their rows", async () => {
    const { calls } = mineApi(plan(), (url, req) =>
      url.pathname === `/api/v1/skp-plans/${PLAN_ID}/results` && req.method === "PUT"
        ? problem(422, "validation_failed", [
            { field: "results[1].target", code: "too_long", message: "must be at most 500 characters" },
            { field: "results[0].supports_result_id", code: "unknown_reference", message: "is not a result of the rater's plan of the same year" },
          ])
        : undefined,
    );
    mine();
    await userEvent.click(await screen.findByRole("button", { name: "Ubah hasil kerja" }));
    const form = screen.getByRole("form", { name: "Susun hasil kerja" });
    const second = within(form).getByRole("group", { name: "Hasil kerja 2" });
    await userEvent.clear(within(second).getByRole("textbox", { name: "Indikator kinerja individu" }));
    await userEvent.click(within(form).getByRole("button", { name: "Simpan hasil kerja" }));
    expect(within(second).getByRole("textbox", { name: "Indikator kinerja individu" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.some((c) => c.method === "PUT")).toBe(false);

    await userEvent.type(within(second).getByRole("textbox", { name: "Indikator kinerja individu" }), "Kegiatan");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan hasil kerja" }));
    const target = within(second).getByRole("textbox", { name: "Target" });
    await waitFor(() => expect(target).toHaveAttribute("aria-invalid", "true"));
    expect(target).toHaveAccessibleDescription("Terlalu panjang.");
    const first = within(form).getByRole("group", { name: "Hasil kerja 1" });
    expect(within(first).getByRole("combobox", { name: /^Hasil kerja atasan yang didukung/ })).toHaveAccessibleDescription("Bukan hasil kerja pada SKP atasan tahun yang sama.");
  });

  it("records a quarter's realisation with its evidence link, checking the link first", async () => {
    const after = runningPlan();
    const { calls } = mineApi(runningPlan(), (url, req) => (url.pathname === `/api/v1/skp-results/${RESULT_ID}/realisations/2` && req.method === "PUT" ? json(after) : undefined));
    mine();
    const card = await resultCard("Tersusunnya laporan kepegawaian yang tepat waktu");
    await userEvent.click(within(card).getByRole("button", { name: "Catat Triwulan II" }));
    const dialog = screen.getByRole("dialog", { name: "Realisasi Triwulan II" });
    expect(within(dialog).getByRole("textbox", { name: /^Realisasi/ })).toHaveAccessibleDescription("Apa yang dicapai pada triwulan ini terhadap target 100%.");
    await userEvent.type(within(dialog).getByRole("textbox", { name: /^Realisasi/ }), "6 laporan disampaikan tepat waktu");
    await userEvent.type(within(dialog).getByRole("textbox", { name: /^Tautan bukti dukung/ }), "drive/bukti-q2.pdf");
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan realisasi" }));
    expect(within(dialog).getByRole("textbox", { name: /^Tautan bukti dukung/ })).toHaveAccessibleDescription("Harus alamat lengkap yang diawali http:// atau https://.");
    expect(calls.some((c) => c.method === "PUT")).toBe(false);

    await userEvent.clear(within(dialog).getByRole("textbox", { name: /^Tautan bukti dukung/ }));
    await userEvent.type(within(dialog).getByRole("textbox", { name: /^Tautan bukti dukung/ }), "https://drive.bengkulukota.go.id/bukti/q2.pdf");
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan realisasi" }));
    expect(await screen.findByText("Realisasi Triwulan II tersimpan.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(await bodiesOf(calls, "PUT", `/api/v1/skp-results/${RESULT_ID}/realisations/2`)).toEqual([
      { realisation: "6 laporan disampaikan tepat waktu", evidence_url: "https://drive.bengkulukota.go.id/bukti/q2.pdf" },
    ]);
  });

  it("offers the owner the steps the plan allows them: starting an agreed plan", async () => {
    const agreed = plan({ state: "agreed", may_edit: false, may_record_realisation: true, allowed_steps: ["start"] });
    const { calls } = mineApi(agreed, (url, req) =>
      url.pathname === `/api/v1/skp-plans/${PLAN_ID}/steps` && req.method === "POST" ? json({ ...agreed, state: "in_progress", allowed_steps: [] }) : undefined,
    );
    mine();
    const steps = await screen.findByRole("region", { name: "Tindakan" });
    expect(within(steps).getAllByRole("button").map((b) => b.textContent)).toEqual(["Mulai pelaksanaan"]);
    await userEvent.click(within(steps).getByRole("button", { name: "Mulai pelaksanaan" }));
    expect(await screen.findByText("Pelaksanaan SKP dimulai.")).toBeInTheDocument();
    expect(screen.getByTestId("skp-state")).toHaveTextContent("Berjalan");
    expect(screen.queryByRole("region", { name: "Tindakan" })).not.toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `/api/v1/skp-plans/${PLAN_ID}/steps`)).toEqual([{ step: "start" }]);
  });

  it("speaks English", async () => {
    mineApi(finalPlan());
    await i18n.changeLanguage("en");
    mine();
    expect(await screen.findByRole("heading", { level: 1, name: "My Performance Plan" })).toBeInTheDocument();
    expect(await screen.findByTestId("skp-predikat")).toHaveTextContent("Good");
    expect(screen.getByTestId("skp-results-rating")).toHaveTextContent("Above Expectations");
    expect(screen.getByRole("region", { name: "Main work results" })).toBeInTheDocument();
    expect(screen.getAllByRole("table", { name: "Quarterly realisations" })).toHaveLength(2);
  });

  it("names the rater from the plan alone, and says when the rater has no results to choose from yet", async () => {
    const { calls } = mineApi(plan({ rater_results: [] }));
    mine();
    expect(await screen.findByTestId("skp-rater")).toHaveTextContent("Ahmad Fauzi");
    await userEvent.click(screen.getByRole("button", { name: "Ubah hasil kerja" }));
    const first = within(screen.getByRole("form", { name: "Susun hasil kerja" })).getByRole("group", { name: "Hasil kerja 1" });
    const supports = within(first).getByRole("combobox", { name: /^Hasil kerja atasan yang didukung/ });
    expect(supports).toHaveAccessibleDescription(`Pejabat penilai belum menyusun hasil kerja pada SKP ${YEAR}-nya, sehingga belum ada yang dapat dipilih.`);
    // A link the list no longer offers stays, marked as such.
    expect(supports).toHaveDisplayValue("Hasil kerja atasan yang sudah tertaut");
    // Nothing is looked up beside the plan.
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual(["/api/v1/me/skp"]);
  });

  it("shows the BerAKHLAK behaviour in the official order, and edits the expectations of the draft", async () => {
    const saved = plan({ behaviours: behaviours({ berorientasi_pelayanan: "Menjawab surat masuk dalam 3 hari kerja", kolaboratif: "Aktif dalam rapat koordinasi lintas bidang" }) });
    const { calls } = mineApi(plan(), (url, req) => (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/behaviours` && req.method === "PUT" ? json(saved) : undefined));
    mine();
    const section = await screen.findByRole("region", { name: "Perilaku Kerja" });
    const table = within(section).getByRole("table", { name: "Perilaku kerja BerAKHLAK dan ekspektasi khusus pimpinan" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => cellsOf(r))).toEqual([
      ["Berorientasi Pelayanan", "—"],
      ["Akuntabel", "Menyampaikan laporan kinerja bidang paling lambat tanggal 5 setiap bulan"],
      ["Kompeten", "—"],
      ["Harmonis", "—"],
      ["Loyal", "—"],
      ["Adaptif", "—"],
      ["Kolaboratif", "Aktif dalam rapat koordinasi lintas bidang"],
    ]);

    await userEvent.click(within(section).getByRole("button", { name: "Ubah ekspektasi perilaku" }));
    const form = within(section).getByRole("form", { name: "Ekspektasi perilaku kerja" });
    expect(within(form).getAllByRole("textbox").map((b) => b.getAttribute("name"))).toEqual([
      "expectation-berorientasi_pelayanan",
      "expectation-akuntabel",
      "expectation-kompeten",
      "expectation-harmonis",
      "expectation-loyal",
      "expectation-adaptif",
      "expectation-kolaboratif",
    ]);
    await userEvent.type(within(form).getByRole("textbox", { name: /^Berorientasi Pelayanan/ }), "Menjawab surat masuk dalam 3 hari kerja");
    await userEvent.clear(within(form).getByRole("textbox", { name: /^Akuntabel/ }));
    await userEvent.click(within(form).getByRole("button", { name: "Simpan perilaku kerja" }));
    expect(await screen.findByText("Ekspektasi perilaku kerja tersimpan.")).toBeInTheDocument();
    expect(within(section).queryByRole("form")).not.toBeInTheDocument();
    expect(cellsOf(within(section).getAllByRole("row")[1] as HTMLElement)).toEqual(["Berorientasi Pelayanan", "Menjawab surat masuk dalam 3 hari kerja"]);
    expect(await bodiesOf(calls, "PUT", `/api/v1/skp-plans/${PLAN_ID}/behaviours`)).toEqual([
      {
        expectations: [
          { value: "berorientasi_pelayanan", expectation: "Menjawab surat masuk dalam 3 hari kerja" },
          { value: "akuntabel", expectation: null },
          { value: "kompeten", expectation: null },
          { value: "harmonis", expectation: null },
          { value: "loyal", expectation: null },
          { value: "adaptif", expectation: null },
          { value: "kolaboratif", expectation: "Aktif dalam rapat koordinasi lintas bidang" },
        ],
      },
    ]);
  });

  it("shows the API's errors on the behaviour expectations at their values' rows", async () => {
    mineApi(plan(), (url, req) =>
      url.pathname === `/api/v1/skp-plans/${PLAN_ID}/behaviours` && req.method === "PUT"
        ? problem(422, "validation_failed", [{ field: "expectations[3].expectation", code: "too_long", message: "must be at most 2000 characters" }])
        : undefined,
    );
    mine();
    const section = await screen.findByRole("region", { name: "Perilaku Kerja" });
    await userEvent.click(within(section).getByRole("button", { name: "Ubah ekspektasi perilaku" }));
    const form = within(section).getByRole("form", { name: "Ekspektasi perilaku kerja" });
    await userEvent.click(within(form).getByRole("button", { name: "Simpan perilaku kerja" }));
    const harmonis = within(form).getByRole("textbox", { name: /^Harmonis/ });
    await waitFor(() => expect(harmonis).toHaveAttribute("aria-invalid", "true"));
    expect(harmonis).toHaveAccessibleDescription("Terlalu panjang.");
    expect(within(form).getByRole("textbox", { name: /^Kompeten/ })).not.toHaveAttribute("aria-invalid");
    expect(within(form).queryByText("Ada isian yang belum benar.")).not.toBeInTheDocument();
  });

  it("offers no editing of the behaviour once the plan is agreed", async () => {
    mineApi(runningPlan());
    mine();
    const section = await screen.findByRole("region", { name: "Perilaku Kerja" });
    expect(within(section).getAllByRole("row")).toHaveLength(8);
    expect(within(section).queryByRole("button")).not.toBeInTheDocument();
  });

  it("downloads an evidence file with the session's token", async () => {
    setTokenSource(async () => "siti-token");
    const clicked = savedFiles();
    const { calls } = mineApi(runningPlan(), (url) =>
      url.pathname === `/api/v1/skp-evidence/${EVIDENCE_ID}/content` ? new Response(new Uint8Array([37, 80, 68, 70]), { headers: { "content-type": "application/pdf" } }) : undefined,
    );
    mine();
    const card = await resultCard("Tersusunnya laporan kepegawaian yang tepat waktu");
    await userEvent.click(within(card).getByRole("button", { name: "Unduh notulen-rapat-triwulan-1.pdf" }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe("notulen-rapat-triwulan-1.pdf");
    expect(callsTo(calls, "GET", `/api/v1/skp-evidence/${EVIDENCE_ID}/content`)[0]?.headers.get("authorization")).toBe("Bearer siti-token");
  });

  it("says why an evidence file could not be downloaded", async () => {
    mineApi(runningPlan(), (url) => (url.pathname === `/api/v1/skp-evidence/${EVIDENCE_ID}/content` ? problem(404, "not_found") : undefined));
    mine();
    const card = await resultCard("Tersusunnya laporan kepegawaian yang tepat waktu");
    await userEvent.click(within(card).getByRole("button", { name: "Unduh notulen-rapat-triwulan-1.pdf" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent("Data tidak ditemukan.");
  });

  it("uploads an evidence file to a recorded quarter as a multipart form, and shows it", async () => {
    const uploaded = evidence({ id: "00000000-0000-7000-8000-000000000802", file_name: "daftar-hadir.png", content_type: "image/png", size_bytes: 3 * 1024 * 1024 });
    let current = runningPlan();
    const { calls } = mineApi(null, (url, req) => {
      if (url.pathname === "/api/v1/me/skp") return json(current);
      if (url.pathname === `/api/v1/skp-realisations/${REALISATION_ID}/evidence` && req.method === "POST") {
        current = runningPlan({ results: [result({ realisations: [realisation({ evidence: [evidence(), uploaded] })] }), EXTRA] });
        return json(uploaded, 201);
      }
      return undefined;
    });
    mine();
    const card = await resultCard("Tersusunnya laporan kepegawaian yang tepat waktu");
    // Files go to a recorded quarter only.
    expect(within(card).queryByRole("button", { name: "Unggah bukti Triwulan II" })).not.toBeInTheDocument();
    await userEvent.click(within(card).getByRole("button", { name: "Unggah bukti Triwulan I" }));
    const dialog = screen.getByRole("dialog", { name: "Unggah bukti dukung Triwulan I" });
    const input = within(dialog).getByLabelText(/^Berkas/);
    expect(input).toHaveAccessibleDescription("PDF, Word, Excel, PowerPoint, gambar PNG/JPEG, video MP4/WebM, MP3 atau teks. Paling banyak 10 berkas per triwulan; sudah ada 1.");
    await userEvent.click(within(dialog).getByRole("button", { name: "Unggah" }));
    expect(input).toHaveAccessibleDescription("Pilih berkas yang akan diunggah.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await userEvent.upload(input, new File(["\x89PNG"], "daftar-hadir.png", { type: "image/png" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Unggah" }));
    expect(await screen.findByText("Berkas daftar-hadir.png diunggah sebagai bukti dukung Triwulan I.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    const files = within(card).getByRole("list", { name: "Berkas bukti dukung Triwulan I" });
    await waitFor(() => expect(within(files).getAllByRole("listitem")).toHaveLength(2));
    expect(within(files).getAllByRole("listitem")[1]).toHaveTextContent(/daftar-hadir\.png\s*3,0 MB/);

    const [sent] = callsTo(calls, "POST", `/api/v1/skp-realisations/${REALISATION_ID}/evidence`);
    expect(sent?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(new URL(sent?.url ?? "").searchParams.get("file_name")).toBe("daftar-hadir.png");
    const part = (await sent?.formData())?.get("file") as File;
    expect(part.type).toBe("image/png");
    expect(await part.text()).toBe("\x89PNG");
  });

  it.each([
    [problem(413, "too_large", [], "files may be at most 200 MB"), "Berkas terlalu besar: ukuran paling besar 200 MB. Perkecil ukurannya (mis. simpan sebagai PDF) atau pilih berkas lain."],
    [problem(415, "unsupported_media_type", [], "accepted types: application/pdf"), "Jenis berkas ini tidak diterima sebagai bukti dukung. Unggah PDF, Word, Excel, PowerPoint, gambar PNG/JPEG, video MP4/WebM, MP3 atau teks."],
    [problem(409, "too_many_files", [], "a realisation holds at most 10 evidence files"), "Realisasi ini sudah memiliki 10 berkas bukti dukung, batas yang diizinkan. Hapus berkas yang tidak diperlukan sebelum mengunggah yang baru."],
  ])("explains a refused evidence upload (%#)", async (answer, text) => {
    mineApi(runningPlan(), (url, req) => (url.pathname === `/api/v1/skp-realisations/${REALISATION_ID}/evidence` && req.method === "POST" ? answer : undefined));
    mine();
    const card = await resultCard("Tersusunnya laporan kepegawaian yang tepat waktu");
    await userEvent.click(within(card).getByRole("button", { name: "Unggah bukti Triwulan I" }));
    const dialog = screen.getByRole("dialog", { name: "Unggah bukti dukung Triwulan I" });
    const input = within(dialog).getByLabelText(/^Berkas/);
    await userEvent.upload(input, new File(["bukti"], "bukti.txt", { type: "text/plain" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Unggah" }));
    await waitFor(() => expect(input).toHaveAccessibleDescription(text));
    expect(input).toHaveAttribute("aria-invalid", "true");
  });

  it("deletes an evidence file after confirming", async () => {
    let current = runningPlan();
    const { calls } = mineApi(null, (url, req) => {
      if (url.pathname === "/api/v1/me/skp") return json(current);
      if (url.pathname === `/api/v1/skp-evidence/${EVIDENCE_ID}` && req.method === "DELETE") {
        current = runningPlan({ results: [result({ realisations: [realisation()] }), EXTRA] });
        return new Response(null, { status: 204 });
      }
      return undefined;
    });
    mine();
    const card = await resultCard("Tersusunnya laporan kepegawaian yang tepat waktu");
    await userEvent.click(within(card).getByRole("button", { name: "Hapus notulen-rapat-triwulan-1.pdf" }));
    const dialog = screen.getByRole("dialog", { name: "Hapus bukti dukung" });
    expect(dialog).toHaveTextContent("Hapus berkas notulen-rapat-triwulan-1.pdf?");
    await userEvent.click(within(dialog).getByRole("button", { name: "Batal" }));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);

    await userEvent.click(within(card).getByRole("button", { name: "Hapus notulen-rapat-triwulan-1.pdf" }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Hapus bukti dukung" })).getByRole("button", { name: "Hapus" }));
    expect(await screen.findByText("Berkas notulen-rapat-triwulan-1.pdf dihapus.")).toBeInTheDocument();
    await waitFor(() => expect(within(card).queryByRole("list", { name: "Berkas bukti dukung Triwulan I" })).not.toBeInTheDocument());
    expect(callsTo(calls, "DELETE", `/api/v1/skp-evidence/${EVIDENCE_ID}`)).toHaveLength(1);
  });

  it("says why an evidence file could not be deleted", async () => {
    mineApi(runningPlan(), (url, req) => (url.pathname === `/api/v1/skp-evidence/${EVIDENCE_ID}` && req.method === "DELETE" ? problem(403, "forbidden") : undefined));
    mine();
    const card = await resultCard("Tersusunnya laporan kepegawaian yang tepat waktu");
    await userEvent.click(within(card).getByRole("button", { name: "Hapus notulen-rapat-triwulan-1.pdf" }));
    const dialog = screen.getByRole("dialog", { name: "Hapus bukti dukung" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Hapus" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Anda tidak berwenang melakukan tindakan ini.");
  });

  it("shows the rater's quarterly evaluations to the owner, who does not rate", async () => {
    mineApi(runningPlan());
    mine();
    const section = await screen.findByRole("region", { name: "Evaluasi periodik" });
    const table = within(section).getByRole("table", { name: "Evaluasi periodik per triwulan" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Triwulan", "Hasil kerja", "Perilaku kerja", "Predikat", "Catatan"]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => cellsOf(r))).toEqual([
      ["Triwulan I", "Sesuai Ekspektasi", "Di Atas Ekspektasi", "Baik", "Target triwulan tercapai; tingkatkan koordinasi lintas bidang."],
      ["Triwulan II", "Belum dinilai", "—", "—", "—"],
      ["Triwulan III", "Belum dinilai", "—", "—", "—"],
      ["Triwulan IV", "Belum dinilai", "—", "—", "—"],
    ]);
    expect(within(section).queryByRole("button")).not.toBeInTheDocument();
  });

  it("shows no quarterly evaluation while the plan is a draft", async () => {
    mineApi(plan());
    mine();
    await screen.findByTestId("skp-state");
    expect(screen.queryByRole("region", { name: "Evaluasi periodik" })).not.toBeInTheDocument();
  });

  it("downloads the plan as a PDF with the session's token, under the name the server gives", async () => {
    setTokenSource(async () => "siti-token");
    const clicked = savedFiles();
    const { calls } = mineApi(runningPlan(), (url) =>
      url.pathname === `/api/v1/skp-plans/${PLAN_ID}/pdf`
        ? new Response(new Uint8Array([37, 80, 68, 70]), { headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="skp-${YEAR}-199002022015032002.pdf"` } })
        : undefined,
    );
    mine();
    await userEvent.click(await screen.findByRole("button", { name: "Unduh PDF" }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe(`skp-${YEAR}-199002022015032002.pdf`);
    expect(callsTo(calls, "GET", `/api/v1/skp-plans/${PLAN_ID}/pdf`)[0]?.headers.get("authorization")).toBe("Bearer siti-token");
  });

  it("says why the PDF could not be downloaded", async () => {
    mineApi(runningPlan(), (url) => (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/pdf` ? problem(500, "internal_error") : undefined));
    mine();
    await userEvent.click(await screen.findByRole("button", { name: "Unduh PDF" }));
    expect(await within(screen.getByRole("region", { name: "Ringkasan" })).findByRole("alert")).toHaveTextContent("Terjadi kesalahan pada server.");
  });

  it("shows the credit a functional post earns once rated", async () => {
    mineApi(finalPlan({ credit: { coefficient: 12.5, percent: 100, months: 2, amount: 2.083 } }));
    mine();
    const panel = await screen.findByRole("region", { name: `Predikat kinerja ${YEAR}` });
    expect(within(panel).getByTestId("skp-credit")).toHaveTextContent("Angka kredit: 2,083 (12,5 × 100% × 2/12)");
  });

  it("shows no credit when the plan has none", async () => {
    mineApi(finalPlan());
    mine();
    await screen.findByRole("region", { name: `Predikat kinerja ${YEAR}` });
    expect(screen.queryByTestId("skp-credit")).not.toBeInTheDocument();
  });

  it("shows the plan's history when asked, oldest first, in words and in WIB", async () => {
    const { calls } = mineApi(runningPlan(), (url) => (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/history` ? json(history()) : undefined));
    mine();
    const section = await screen.findByRole("region", { name: "Riwayat" });
    // Read only when asked for.
    expect(callsTo(calls, "GET", `/api/v1/skp-plans/${PLAN_ID}/history`)).toHaveLength(0);
    const toggle = within(section).getByRole("button", { name: "Tampilkan riwayat" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(toggle);
    const events = await within(section).findByRole("list", { name: "Riwayat" });
    expect(within(events).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      `Membuat SKPSiti Rahmawati · 10 Januari ${YEAR} pukul 10.00 WIB`,
      `Mengubah hasil kerjaSiti Rahmawati · 11 Januari ${YEAR} pukul 10.00 WIB`,
      `Menyetujui SKPAhmad Fauzi · 15 Januari ${YEAR} pukul 10.00 WIB`,
      `Mencatat realisasi — Triwulan I · 1. Tersusunnya laporan kepegawaian yang tepat waktuSiti Rahmawati · 2 April ${YEAR} pukul 10.00 WIB`,
      `Mengunggah bukti dukung — notulen-rapat-triwulan-1.pdfSiti Rahmawati · 2 April ${YEAR} pukul 10.00 WIB`,
      `Memberi umpan balik — Target triwulan I tercapai; lampirkan notulen rapat.Ahmad Fauzi · 5 April ${YEAR} pukul 10.00 WIB`,
      `Menilai triwulan — Triwulan I · predikat BaikAhmad Fauzi · 10 April ${YEAR} pukul 10.00 WIB`,
      // An action without words of its own shows as the API names it; a change by Pembina itself, as such.
      `reindexSistem Pembina · 11 April ${YEAR} pukul 10.00 WIB`,
    ]);
    expect(within(events).getAllByRole("listitem")[0]?.querySelector("time")).toHaveAttribute("datetime", `${YEAR}-01-10T03:00:00Z`);
    expect(within(section).getByRole("button", { name: "Sembunyikan riwayat" })).toHaveAttribute("aria-expanded", "true");
  });

  it("shows the history's problem, and an empty history as such", async () => {
    let fail = true;
    mineApi(runningPlan(), (url) => (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/history` ? (fail ? problem(500, "internal_error") : json([])) : undefined));
    mine();
    const section = await screen.findByRole("region", { name: "Riwayat" });
    await userEvent.click(within(section).getByRole("button", { name: "Tampilkan riwayat" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent("Terjadi kesalahan pada server.");
    fail = false;
    await userEvent.click(within(section).getByRole("button", { name: "Coba lagi" }));
    expect(await within(section).findByText("Belum ada riwayat.")).toBeInTheDocument();
  });

  it("reads the history again after a change while it is shown", async () => {
    const after = runningPlan();
    const { calls } = mineApi(runningPlan(), (url, req) => {
      if (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/history`) return json(history());
      if (url.pathname === `/api/v1/skp-results/${RESULT_ID}/realisations/2` && req.method === "PUT") return json(after);
      return undefined;
    });
    mine();
    await userEvent.click(within(await screen.findByRole("region", { name: "Riwayat" })).getByRole("button", { name: "Tampilkan riwayat" }));
    await screen.findByRole("list", { name: "Riwayat" });
    const card = await resultCard("Tersusunnya laporan kepegawaian yang tepat waktu");
    await userEvent.click(within(card).getByRole("button", { name: "Catat Triwulan II" }));
    const dialog = screen.getByRole("dialog", { name: "Realisasi Triwulan II" });
    await userEvent.type(within(dialog).getByRole("textbox", { name: /^Realisasi/ }), "6 laporan");
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan realisasi" }));
    await screen.findByText("Realisasi Triwulan II tersimpan.");
    await waitFor(() => expect(callsTo(calls, "GET", `/api/v1/skp-plans/${PLAN_ID}/history`)).toHaveLength(2));
  });
});
