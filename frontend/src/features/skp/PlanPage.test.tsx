import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import i18n from "../../i18n";
import SkpRoutes from "./routes";
import type { Plan, StepRequest } from "./api";
import { PLAN_ID, RATER_RESULT_ID, RESULT_ID, YEAR, bodiesOf, callsTo, feedback, finalPlan, periodic, plan, raterSession, runningPlan, uuid } from "./testData";

type Handler = (url: URL, req: Request) => Response | undefined | Promise<Response | undefined>;

/** The API as the rater sees it: Siti's plan (`current`, replaced by what each change answers), and `extra` first. */
function raterApi(initial: Plan, extra: Handler = () => undefined) {
  let current = initial;
  const api = stubApi(async (url, req) => {
    const answered = await extra(url, req);
    if (answered) return answered;
    if (url.pathname === `/api/v1/skp-plans/${PLAN_ID}` && req.method === "GET") return json(current);
    if (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/steps` && req.method === "POST") {
      const b = (await req.clone().json()) as StepRequest;
      const to = { agree: "agreed", reopen: "draft", start: "in_progress", evaluate: "evaluated", return_evaluation: "in_progress", finalise: "final" } as const;
      current = {
        ...current,
        state: to[b.step],
        results_rating: b.results_rating ?? current.results_rating ?? null,
        behaviour_rating: b.behaviour_rating ?? current.behaviour_rating ?? null,
        predikat: b.step === "evaluate" ? "baik" : current.predikat ?? null,
        allowed_steps: b.step === "evaluate" ? ["return_evaluation", "finalise"] : [],
        updated_at: new Date().toISOString(),
      };
      return json(current);
    }
    if (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/feedback` && req.method === "POST") {
      const b = (await req.clone().json()) as { text: string; result_id?: string };
      const f = feedback({ id: uuid(700 + current.feedback.length), text: b.text, result_id: b.result_id ?? null, created_at: new Date().toISOString() });
      current = b.result_id
        ? { ...current, results: current.results.map((r) => (r.id === b.result_id ? { ...r, feedback: [...r.feedback, f] } : r)) }
        : { ...current, feedback: [...current.feedback, f] };
      return json(f, 201);
    }
    if (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/periodic/2` && req.method === "PUT") {
      const b = (await req.clone().json()) as { results_rating: "above"; behaviour_rating: "below"; note: string | null };
      current = { ...current, periodic: [...current.periodic, periodic({ quarter: 2, results_rating: b.results_rating, behaviour_rating: b.behaviour_rating, predikat: "kurang", note: b.note })] };
      return json(current);
    }
    return undefined;
  });
  return { ...api, current: () => current };
}

const open = (s: SessionValue = raterSession()) => renderApp(<SkpRoutes section="plan" />, { path: `/skp/${PLAN_ID}`, route: "/skp/:id", session: s });

const RATER_VIEW = { may_edit: false, may_give_feedback: true };

describe("a report's plan, as the rater sees it", () => {
  it("names the employee and the rater from the plan, links back to the team, and agrees the draft", async () => {
    const { calls } = raterApi(plan({ allowed_steps: ["agree"] }));
    open();
    expect(await screen.findByRole("heading", { level: 1, name: `SKP Siti Rahmawati — ${YEAR}` })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "← Kembali ke Tim Saya" })).toHaveAttribute("href", `/me/team?year=${YEAR}`);
    expect(screen.getByTestId("skp-rater")).toHaveTextContent("Ahmad Fauzi (Anda)");
    expect(screen.getByText("Tinjau hasil kerja (Anda dapat mengubahnya), lalu setujui SKP ini.")).toBeInTheDocument();
    expect(screen.getByTestId("skp-employee")).toHaveTextContent("Siti Rahmawati");
    // The supported result shows as its text, from the rater's results the plan lists.
    const card = screen.getByRole("article", { name: "Tersusunnya laporan kepegawaian yang tepat waktu" });
    expect(within(card).getByText("1. Meningkatnya kualitas layanan kepegawaian")).toBeInTheDocument();

    const steps = screen.getByRole("region", { name: "Tindakan" });
    await userEvent.click(within(steps).getByRole("button", { name: "Setujui SKP" }));
    expect(await screen.findByText("SKP disetujui.")).toBeInTheDocument();
    expect(screen.getByTestId("skp-state")).toHaveTextContent("Disepakati");
    expect(await bodiesOf(calls, "POST", `/api/v1/skp-plans/${PLAN_ID}/steps`)).toEqual([{ step: "agree" }]);
    // Nothing is looked up beside the plan.
    expect(calls.filter((c) => c.method === "GET").map((c) => new URL(c.url).pathname)).toEqual([`/api/v1/skp-plans/${PLAN_ID}`]);
  });

  it("offers the rater's own results, as the plan lists them, when they edit the draft", async () => {
    const { calls } = raterApi(plan({ allowed_steps: ["agree"] }), (url, req) => (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/results` && req.method === "PUT" ? json(plan()) : undefined));
    open();
    await userEvent.click(await screen.findByRole("button", { name: "Ubah hasil kerja" }));
    const form = screen.getByRole("form", { name: "Susun hasil kerja" });
    const second = within(form).getByRole("group", { name: "Hasil kerja 2" });
    const supports = within(second).getByRole("combobox", { name: /^Hasil kerja atasan yang didukung/ });
    expect(within(supports).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "— Tidak ada —",
      "1. Meningkatnya kualitas layanan kepegawaian",
      "2. Terselenggaranya pengembangan kompetensi pegawai",
    ]);
    expect(within(within(form).getByRole("group", { name: "Hasil kerja 1" })).getByRole("combobox", { name: /^Hasil kerja atasan yang didukung/ })).toHaveDisplayValue(
      "1. Meningkatnya kualitas layanan kepegawaian",
    );
    await userEvent.selectOptions(supports, uuid(402));
    await userEvent.click(within(form).getByRole("button", { name: "Simpan hasil kerja" }));
    expect(await screen.findByText("Hasil kerja tersimpan.")).toBeInTheDocument();
    const [sent] = (await bodiesOf(calls, "PUT", `/api/v1/skp-plans/${PLAN_ID}/results`)) as { results: { supports_result_id: string | null }[] }[];
    expect(sent?.results.map((r) => r.supports_result_id)).toEqual([RATER_RESULT_ID, uuid(402)]);
  });

  it("gives feedback on a result and on the plan, shown newest first once sent", async () => {
    const { calls } = raterApi(runningPlan({ ...RATER_VIEW, may_record_realisation: false, allowed_steps: ["evaluate"] }));
    open();
    const card = await screen.findByRole("article", { name: "Tersusunnya laporan kepegawaian yang tepat waktu" });
    // The rater does not record realisations.
    expect(within(card).queryByRole("button", { name: /^Catat/ })).not.toBeInTheDocument();
    const box = within(card).getByRole("form", { name: "Umpan balik untuk Tersusunnya laporan kepegawaian yang tepat waktu" });
    await userEvent.click(within(box).getByRole("button", { name: "Kirim umpan balik" }));
    expect(within(box).getByRole("textbox", { name: /^Umpan balik baru/ })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await userEvent.type(within(box).getByRole("textbox", { name: /^Umpan balik baru/ }), "Bagus, pertahankan ketepatan waktu.");
    await userEvent.click(within(box).getByRole("button", { name: "Kirim umpan balik" }));
    expect(await within(box).findByText("Umpan balik terkirim.")).toBeInTheDocument();
    expect(within(box).getByRole("textbox", { name: /^Umpan balik baru/ })).toHaveValue("");
    const notes = within(card).getByRole("list", { name: /^Umpan balik atasan:/ });
    await waitFor(() => expect(within(notes).getAllByRole("listitem")[0]).toHaveTextContent(/^Bagus, pertahankan ketepatan waktu\./));
    expect(within(notes).getAllByRole("listitem")).toHaveLength(3);

    const planBox = screen.getByRole("form", { name: "Umpan balik untuk SKP ini" });
    await userEvent.type(within(planBox).getByRole("textbox", { name: /^Umpan balik baru/ }), "Kinerja triwulan II baik.");
    await userEvent.click(within(planBox).getByRole("button", { name: "Kirim umpan balik" }));
    const planNotes = screen.getByRole("list", { name: "Umpan balik atasan untuk SKP ini" });
    await waitFor(() => expect(within(planNotes).getAllByRole("listitem")[0]).toHaveTextContent(/^Kinerja triwulan II baik\./));
    expect(await bodiesOf(calls, "POST", `/api/v1/skp-plans/${PLAN_ID}/feedback`)).toEqual([
      { text: "Bagus, pertahankan ketepatan waktu.", result_id: RESULT_ID },
      { text: "Kinerja triwulan II baik." },
    ]);
  });

  it("shows the feedback's problem when the API refuses it", async () => {
    raterApi(runningPlan({ ...RATER_VIEW }), (url, req) => (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/feedback` && req.method === "POST" ? problem(403, "forbidden") : undefined));
    open();
    const box = await screen.findByRole("form", { name: "Umpan balik untuk SKP ini" });
    await userEvent.type(within(box).getByRole("textbox", { name: /^Umpan balik baru/ }), "Catatan");
    await userEvent.click(within(box).getByRole("button", { name: "Kirim umpan balik" }));
    expect(await within(box).findByRole("alert")).toHaveTextContent("Anda tidak berwenang melakukan tindakan ini.");
  });

  it("evaluates: both ratings required, the predikat shown by the matrix before sending", async () => {
    const { calls } = raterApi(runningPlan({ ...RATER_VIEW, may_record_realisation: false, allowed_steps: ["evaluate"] }));
    open();
    const form = await screen.findByRole("form", { name: "Penilaian tahunan" });
    const preview = within(form).getByTestId("skp-predikat-preview");
    expect(preview).toHaveTextContent("Pilih kedua rating untuk melihat predikatnya.");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian" }));
    expect(within(form).getByRole("radiogroup", { name: /^Rating hasil kerja/ })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    const results = within(form).getByRole("radiogroup", { name: /^Rating hasil kerja/ });
    const behaviour = within(form).getByRole("radiogroup", { name: /^Rating perilaku kerja/ });
    expect(within(results).getAllByRole("radio").map((r) => r.parentElement?.textContent?.trim())).toEqual(["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]);
    await userEvent.click(within(results).getByRole("radio", { name: "Di Atas Ekspektasi" }));
    await userEvent.click(within(behaviour).getByRole("radio", { name: "Di Atas Ekspektasi" }));
    expect(preview).toHaveTextContent("Predikat menurut matriks: Sangat Baik");
    await userEvent.click(within(behaviour).getByRole("radio", { name: "Di Bawah Ekspektasi" }));
    expect(preview).toHaveTextContent("Predikat menurut matriks: Kurang/Misconduct");
    await userEvent.click(within(behaviour).getByRole("radio", { name: "Sesuai Ekspektasi" }));
    expect(preview).toHaveTextContent("Predikat menurut matriks: Baik");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian" }));

    expect(await screen.findByText("Penilaian tersimpan: predikat Baik.")).toBeInTheDocument();
    expect(screen.getByTestId("skp-predikat")).toHaveTextContent("Baik");
    expect(screen.getByText("Penilaian ini belum final.")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Penilaian tahunan" })).not.toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `/api/v1/skp-plans/${PLAN_ID}/steps`)).toEqual([{ step: "evaluate", results_rating: "above", behaviour_rating: "as_expected" }]);
  });

  it("finalises an evaluated plan after confirming, or returns the evaluation", async () => {
    const evaluated = runningPlan({ ...RATER_VIEW, state: "evaluated", results_rating: "below", behaviour_rating: "as_expected", predikat: "butuh_perbaikan", allowed_steps: ["return_evaluation", "finalise"] });
    const { calls } = raterApi(evaluated);
    open();
    const steps = await screen.findByRole("region", { name: "Tindakan" });
    expect(within(steps).getAllByRole("button").map((b) => b.textContent)).toEqual(["Kembalikan penilaian", "Finalkan"]);
    expect(screen.getByTestId("skp-predikat")).toHaveTextContent("Butuh Perbaikan");
    await userEvent.click(within(steps).getByRole("button", { name: "Finalkan" }));
    const dialog = screen.getByRole("dialog", { name: "Finalkan SKP" });
    expect(dialog).toHaveTextContent("Finalkan dengan predikat Butuh Perbaikan?");
    await userEvent.click(within(dialog).getByRole("button", { name: "Batal" }));
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await userEvent.click(within(steps).getByRole("button", { name: "Finalkan" }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Finalkan SKP" })).getByRole("button", { name: "Finalkan" }));
    expect(await screen.findByText("SKP difinalkan.")).toBeInTheDocument();
    expect(screen.getByTestId("skp-state")).toHaveTextContent("Final");
    expect(await bodiesOf(calls, "POST", `/api/v1/skp-plans/${PLAN_ID}/steps`)).toEqual([{ step: "finalise" }]);
  });

  it("says why a step was refused", async () => {
    raterApi(plan({ allowed_steps: ["agree"] }), (url, req) => (url.pathname === `/api/v1/skp-plans/${PLAN_ID}/steps` && req.method === "POST" ? problem(409, "invalid_transition") : undefined));
    open();
    await userEvent.click(await screen.findByRole("button", { name: "Setujui SKP" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Langkah ini tidak dapat dilakukan pada status SKP saat ini.");
  });

  it("is not found for whoever may not see it", async () => {
    stubApi((url) => (url.pathname === `/api/v1/skp-plans/${PLAN_ID}` ? problem(404, "not_found") : undefined));
    open(session(["supervisor", "employee"]));
    expect(await screen.findByRole("alert")).toHaveTextContent("Data tidak ditemukan.");
  });

  it("shows an administrator both names from the plan, and only the finalise step", async () => {
    const { calls } = stubApi((url) =>
      url.pathname === `/api/v1/skp-plans/${PLAN_ID}` ? json(runningPlan({ state: "evaluated", may_edit: false, may_record_realisation: false, predikat: "baik", allowed_steps: ["finalise"] })) : undefined,
    );
    open(session(["agency_admin"]));
    expect(await screen.findByRole("heading", { level: 1, name: `SKP Siti Rahmawati — ${YEAR}` })).toBeInTheDocument();
    expect(screen.getByTestId("skp-rater")).toHaveTextContent(/^Ahmad Fauzi$/);
    expect(calls).toHaveLength(1);
    expect(within(screen.getByRole("region", { name: "Tindakan" })).getAllByRole("button").map((b) => b.textContent)).toEqual(["Finalkan"]);
    expect(screen.queryByRole("link", { name: /Kembali/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("form", { name: /^Umpan balik untuk/ })).not.toBeInTheDocument();
  });

  it("rates a quarter: both ratings required, the predikat shown before saving, with a note", async () => {
    const { calls } = raterApi(runningPlan({ ...RATER_VIEW, may_record_realisation: false, may_rate_periodic: true }));
    open();
    const section = await screen.findByRole("region", { name: "Evaluasi periodik" });
    const table = within(section).getByRole("table", { name: "Evaluasi periodik per triwulan" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(within(rows[0] as HTMLElement).getByRole("button", { name: "Ubah penilaian Triwulan I" })).toBeInTheDocument();
    await userEvent.click(within(rows[1] as HTMLElement).getByRole("button", { name: "Nilai Triwulan II" }));
    const dialog = screen.getByRole("dialog", { name: "Penilaian Triwulan II" });
    const form = within(dialog).getByRole("form", { name: "Penilaian Triwulan II" });
    const preview = within(form).getByTestId("skp-periodic-preview");
    expect(preview).toHaveTextContent("Pilih kedua rating untuk melihat predikatnya.");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian triwulan" }));
    expect(within(form).getByRole("radiogroup", { name: /^Rating hasil kerja/ })).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(form).getByRole("radiogroup", { name: /^Rating perilaku kerja/ })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.some((c) => c.method === "PUT")).toBe(false);

    await userEvent.click(within(within(form).getByRole("radiogroup", { name: /^Rating hasil kerja/ })).getByRole("radio", { name: "Di Atas Ekspektasi" }));
    await userEvent.click(within(within(form).getByRole("radiogroup", { name: /^Rating perilaku kerja/ })).getByRole("radio", { name: "Di Bawah Ekspektasi" }));
    expect(preview).toHaveTextContent("Predikat menurut matriks: Kurang/Misconduct");
    await userEvent.type(within(form).getByRole("textbox", { name: /^Catatan/ }), "Perbaiki kedisiplinan rapat.");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian triwulan" }));
    expect(await screen.findByText("Penilaian Triwulan II tersimpan.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    const second = within(screen.getByRole("table", { name: "Evaluasi periodik per triwulan" })).getAllByRole("row")[2] as HTMLElement;
    expect(within(second).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Di Atas Ekspektasi", "Di Bawah Ekspektasi", "Kurang/Misconduct", "Perbaiki kedisiplinan rapat.", "Ubah penilaian Triwulan II"]);
    expect(await bodiesOf(calls, "PUT", `/api/v1/skp-plans/${PLAN_ID}/periodic/2`)).toEqual([{ results_rating: "above", behaviour_rating: "below", note: "Perbaiki kedisiplinan rapat." }]);
  });

  it("changes a rated quarter, starting from its rating, and says why the API refused", async () => {
    const { calls } = raterApi(runningPlan({ ...RATER_VIEW, may_record_realisation: false, may_rate_periodic: true }), (url, req) =>
      url.pathname === `/api/v1/skp-plans/${PLAN_ID}/periodic/1` && req.method === "PUT" ? problem(409, "invalid_state", [], "a plan that is evaluated cannot be rated by quarter") : undefined,
    );
    open();
    const section = await screen.findByRole("region", { name: "Evaluasi periodik" });
    await userEvent.click(within(section).getByRole("button", { name: "Ubah penilaian Triwulan I" }));
    const form = within(screen.getByRole("dialog", { name: "Penilaian Triwulan I" })).getByRole("form", { name: "Penilaian Triwulan I" });
    expect(within(within(form).getByRole("radiogroup", { name: /^Rating hasil kerja/ })).getByRole("radio", { name: "Sesuai Ekspektasi" })).toBeChecked();
    expect(within(within(form).getByRole("radiogroup", { name: /^Rating perilaku kerja/ })).getByRole("radio", { name: "Di Atas Ekspektasi" })).toBeChecked();
    expect(within(form).getByTestId("skp-periodic-preview")).toHaveTextContent("Predikat menurut matriks: Baik");
    const note = within(form).getByRole("textbox", { name: /^Catatan/ });
    expect(note).toHaveValue("Target triwulan tercapai; tingkatkan koordinasi lintas bidang.");
    await userEvent.clear(note);
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian triwulan" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("Triwulan hanya dapat dinilai selama SKP disepakati atau berjalan.");
    expect(await bodiesOf(calls, "PUT", `/api/v1/skp-plans/${PLAN_ID}/periodic/1`)).toEqual([{ results_rating: "as_expected", behaviour_rating: "above", note: null }]);
  });

  it("shows the quarter's field errors at their fields", async () => {
    raterApi(runningPlan({ ...RATER_VIEW, may_rate_periodic: true }), (url, req) =>
      url.pathname === `/api/v1/skp-plans/${PLAN_ID}/periodic/1` && req.method === "PUT"
        ? problem(422, "validation_failed", [{ field: "note", code: "too_long", message: "must be at most 2000 characters" }])
        : undefined,
    );
    open();
    await userEvent.click(within(await screen.findByRole("region", { name: "Evaluasi periodik" })).getByRole("button", { name: "Ubah penilaian Triwulan I" }));
    const form = screen.getByRole("form", { name: "Penilaian Triwulan I" });
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian triwulan" }));
    const note = within(form).getByRole("textbox", { name: /^Catatan/ });
    await waitFor(() => expect(note).toHaveAttribute("aria-invalid", "true"));
    expect(note).toHaveAccessibleDescription("Terlalu panjang.");
  });

  it("lets the rater download the evidence files but neither upload nor delete them", async () => {
    raterApi(runningPlan({ ...RATER_VIEW, may_record_realisation: false, allowed_steps: ["evaluate"] }));
    open();
    const card = await screen.findByRole("article", { name: "Tersusunnya laporan kepegawaian yang tepat waktu" });
    const files = within(card).getByRole("list", { name: "Berkas bukti dukung Triwulan I" });
    expect(within(files).getAllByRole("button").map((b) => b.textContent)).toEqual(["Unduh notulen-rapat-triwulan-1.pdf"]);
    expect(within(card).queryByRole("button", { name: /^Unggah bukti/ })).not.toBeInTheDocument();
  });

  it("edits the behaviour expectations of the draft as the rater", async () => {
    const { calls } = raterApi(plan({ allowed_steps: ["agree"] }), (url, req) =>
      url.pathname === `/api/v1/skp-plans/${PLAN_ID}/behaviours` && req.method === "PUT" ? json(plan({ allowed_steps: ["agree"] })) : undefined,
    );
    open();
    const section = await screen.findByRole("region", { name: "Perilaku Kerja" });
    await userEvent.click(within(section).getByRole("button", { name: "Ubah ekspektasi perilaku" }));
    await userEvent.type(within(section).getByRole("textbox", { name: /^Loyal/ }), "Menjaga kerahasiaan data pegawai");
    await userEvent.click(within(section).getByRole("button", { name: "Simpan perilaku kerja" }));
    expect(await screen.findByText("Ekspektasi perilaku kerja tersimpan.")).toBeInTheDocument();
    const [sent] = (await bodiesOf(calls, "PUT", `/api/v1/skp-plans/${PLAN_ID}/behaviours`)) as { expectations: { value: string; expectation: string | null }[] }[];
    expect(sent?.expectations.find((e) => e.value === "loyal")).toEqual({ value: "loyal", expectation: "Menjaga kerahasiaan data pegawai" });
    expect(callsTo(calls, "PUT", `/api/v1/skp-plans/${PLAN_ID}/behaviours`)).toHaveLength(1);
  });

  it("speaks English", async () => {
    raterApi(finalPlan({ may_edit: false }));
    await i18n.changeLanguage("en");
    open();
    expect(await screen.findByRole("heading", { level: 1, name: `Performance plan of Siti Rahmawati — ${YEAR}` })).toBeInTheDocument();
    expect(screen.getByTestId("skp-predikat")).toHaveTextContent("Good");
    expect(screen.getByTestId("skp-state")).toHaveTextContent("Final");
  });
});
