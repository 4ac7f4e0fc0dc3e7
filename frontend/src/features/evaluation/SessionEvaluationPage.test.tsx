import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { json, problem, renderApp, session as signedIn, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import type { SessionEvaluation } from "./api";
import EvaluationRoutes from "./routes";
import { PROGRAMME_ID, SESSION_ID, behaviour, sessionEvaluation } from "./testData";

const at = (s: SessionValue = signedIn(["agency_admin"])) =>
  renderApp(<EvaluationRoutes section="session" />, { path: `/sessions/${SESSION_ID}/evaluation`, route: "/sessions/:id/evaluation", session: s });

function reportApi(report: SessionEvaluation | Response = sessionEvaluation()) {
  return stubApi((url) => (url.pathname === `/api/v1/sessions/${SESSION_ID}/evaluation` ? (report instanceof Response ? report : json(report)) : undefined));
}

/** The text of each row's body cells and row headers (column headers left out). */
const rows = (table: HTMLElement) => within(table).getAllByRole("row").map((r) => [...r.querySelectorAll("td, th[scope='row']")].map((c) => c.textContent?.trim()));

describe("a session's evaluation", () => {
  it("shows level 1: respondents, the mean of each aspect to one decimal as a bar, and the comments", async () => {
    reportApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Evaluasi Pelatihan" })).toBeInTheDocument();
    expect(screen.getByText("Manajemen Proyek Infrastruktur · Angkatan I 2026 · 2 Maret 2026 – 4 Maret 2026")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Kembali ke angkatan/ })).toHaveAttribute("href", `/sessions/${SESSION_ID}`);
    expect(screen.getByRole("link", { name: "Evaluasi program" })).toHaveAttribute("href", `/programmes/${PROGRAMME_ID}/evaluation`);
    expect(screen.getByRole("link", { name: "Tugas evaluasi angkatan ini" })).toHaveAttribute("href", `/evaluation/follow-ups?status=all&session_id=${SESSION_ID}`);

    const l1 = screen.getByRole("region", { name: "Level 1 · Reaksi" });
    expect(l1).toHaveTextContent(/Seberapa puas peserta/);
    expect(l1).toHaveTextContent("2 dari 2 pesertaResponden");
    expect(l1).toHaveTextContent("100%Tingkat respons");
    const means = within(l1).getByRole("table", { name: "Rerata penilaian per aspek (skala 1–5)" });
    expect(rows(means).slice(1)).toEqual([
      ["Penyelenggaraan", "4,5"],
      ["Pengajar", "5,0"],
      ["Materi", "3,5"],
      ["Rata-rata keseluruhan", "4,3"],
    ]);
    const bar = means.querySelector('tr[data-aspect="materials"] .eval-bar span') as HTMLElement;
    expect(bar.style.width).toBe("70%");
    expect(within(l1).getByRole("list", { name: "Komentar peserta" }).textContent).toBe("Materi sangat bermanfaat.Ruangan terlalu dingin.");
  });

  it("shows level 2: each participant's pre, post, raw and normalised gain with its band, and the session mean", async () => {
    reportApi();
    at();
    const l2 = await screen.findByRole("region", { name: "Level 2 · Pembelajaran" });
    expect(l2).toHaveTextContent(/N-gain \(Hake\)/);
    const table = within(l2).getByRole("table", { name: "Nilai pre-test dan post-test per peserta" });
    expect(rows(table)).toEqual([
      [],
      ["Ahmad Fauzi198507122010011003", "50%", "90%", "+40", "0,80", "Tinggi"],
      ["Siti Rahmawati199001052015032001", "100%", "100%", "0", "—", "—"],
      ["Rerata angkatan (2 peserta)", "75%", "95%", "+20", "0,80", "Tinggi"],
    ]);
    expect(within(l2).getByText("— Nilai pre-test sudah 100%.")).toBeInTheDocument();
  });

  it("shows level 3: tasks, answers, response rate per role, the share applying it and overdue tasks", async () => {
    reportApi();
    at();
    const l3 = await screen.findByRole("region", { name: "Level 3 · Perilaku" });
    expect(l3).toHaveTextContent("4Tugas evaluasi");
    expect(l3).toHaveTextContent("3Terjawab");
    expect(l3).toHaveTextContent("66,7%Menyatakan menerapkan66,7% dari jawaban (sebagian atau rutin)");
    expect(l3).toHaveTextContent("1TerlambatBelum dijawab lebih dari 30 hari setelah jatuh tempo.");
    expect(rows(within(l3).getByRole("table", { name: "Tingkat respons per peran" })).slice(1)).toEqual([
      ["Peserta", "2", "2", "100%"],
      ["Atasan langsung", "2", "1", "50%"],
    ]);
    expect(rows(within(l3).getByRole("table", { name: "Jawaban menurut penerapan" })).slice(1)).toEqual([
      ["Belum diterapkan", "1"],
      ["Sebagian diterapkan", "1"],
      ["Rutin diterapkan", "1"],
    ]);
  });

  it("says what is not there yet, and shows a trainer no administrators' link", async () => {
    reportApi(
      sessionEvaluation({
        reaction: { participants: 3, respondents: 0, response_rate: 0, organisation: null, trainers: null, materials: null, overall: null, comments: [] },
        learning: { participants: [], session: null },
        behaviour: behaviour({ tasks_created: 0, answered: 0, by_role: [], not_used: 0, partly: 0, regularly: 0, used_share: null, overdue: 0 }),
      }),
    );
    at(signedIn(["trainer"]));
    expect(await screen.findByText("Belum ada peserta yang memberikan penilaian.")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Level 1 · Reaksi" })).toHaveTextContent("0 dari 3 peserta");
    expect(screen.getByText("Belum ada komentar.")).toBeInTheDocument();
    expect(screen.getByText("Belum ada peserta yang mengerjakan pre-test dan post-test.")).toBeInTheDocument();
    expect(screen.getByText(/Belum ada tugas evaluasi pasca pelatihan/)).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Evaluasi program" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Tugas evaluasi angkatan ini" })).not.toBeInTheDocument();
  });

  it("reads English too", async () => {
    const { default: i18n } = await import("../../i18n");
    await i18n.changeLanguage("en");
    reportApi();
    at();
    const l1 = await screen.findByRole("region", { name: "Level 1 · Reaction" });
    expect(rows(within(l1).getByRole("table", { name: "Mean rating per aspect (scale 1–5)" }))[1]).toEqual(["Organisation", "4.5"]);
    expect(within(screen.getByRole("region", { name: "Level 2 · Learning" })).getAllByText("High")).toHaveLength(2);
  });

  it("shows a problem, and is for administrators and trainers only", async () => {
    reportApi(problem(404, "not_found"));
    const view = at();
    expect(await screen.findByRole("alert")).toHaveTextContent("Data tidak ditemukan.");
    view.unmount();
    const { calls } = reportApi();
    at(signedIn(["employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(calls).toHaveLength(0);
  });
});
