import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import SurveyRoutes from "./routes";
import type { Survey } from "./api";
import { M3, SURVEY_ID, UNIT_ID, survey, unit } from "./testData";

const at = (s = session(["agency_admin"])) => renderApp(<SurveyRoutes section="admin" />, { path: `/surveys/${SURVEY_ID}`, route: "/surveys/*", session: s });

/** The survey as stored: `opens` is what it becomes when opened. */
function detailApi(draft: Survey, opens: Survey, tasksCreated: number) {
  let current = draft;
  return stubApi((url, req) => {
    if (url.pathname === `/api/v1/surveys/${SURVEY_ID}`) return json(current);
    if (url.pathname === `/api/v1/surveys/${SURVEY_ID}/open` && req.method === "POST") {
      current = opens;
      return json({ survey: opens, tasks_created: tasksCreated });
    }
    if (url.pathname === "/api/v1/competencies") return json(page([M3]));
    if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
    return undefined;
  });
}

const opened = (over: Partial<Survey> = {}) => survey({ status: "open", opened_at: "2026-11-20T01:00:00Z", ...over });

describe("survey detail", () => {
  it("shows a draft's questions with their competency, and opens it after confirming, telling how many tasks went out", async () => {
    const { calls } = detailApi(survey(), opened(), 12);
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Kebutuhan Pelatihan 2027" })).toBeInTheDocument();
    const questions = screen.getByRole("region", { name: "Pertanyaan (2)" });
    expect(await within(questions).findByText(/kompetensi M3 · Komunikasi/)).toBeInTheDocument();
    expect(within(questions).getByText("Pilihan tunggal · wajib")).toBeInTheDocument();
    expect(within(questions).getByText("E-learning")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ubah" })).toHaveAttribute("href", `/surveys/${SURVEY_ID}/edit`);
    expect(screen.queryByRole("link", { name: "Lihat hasil" })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Buka survei" }));
    const dialog = screen.getByRole("dialog", { name: "Buka survei" });
    expect(dialog).toHaveTextContent("Setiap pegawai aktif di unit survei mendapat tugas mengisinya tentang dirinya sendiri.");
    // Nothing is sent before confirming.
    expect(calls.some((c) => c.url.endsWith("/open"))).toBe(false);
    await userEvent.click(within(dialog).getByRole("button", { name: "Buka survei" }));
    expect(await screen.findByText("Survei dibuka. Tugas yang dibuat: 12.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST" && c.url.endsWith(`/surveys/${SURVEY_ID}/open`))).toHaveLength(1);
    // Open now: results and closing instead of changes.
    expect(await screen.findByRole("link", { name: "Lihat hasil" })).toHaveAttribute("href", `/surveys/${SURVEY_ID}/results`);
    expect(screen.getByRole("button", { name: "Tutup survei" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Ubah" })).not.toBeInTheDocument();
  });

  it("gives a public survey's anonymous link once it is open", async () => {
    const draft = survey({ audience: "public" });
    const path = "/s/0a1b2c3d";
    detailApi(draft, opened({ audience: "public", public_path: path }), 0);
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Buka survei" }));
    expect(screen.getByRole("dialog")).toHaveTextContent("Tautan publik dibuat");
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Buka survei" }));
    expect(await screen.findByText("Survei dibuka. Bagikan tautan publik di bawah ini.")).toBeInTheDocument();
    const link = screen.getByRole("textbox", { name: "Tautan survei publik" });
    expect(link).toHaveValue(`${window.location.origin}${path}`);
    expect(link).toHaveAttribute("readonly");
  });

  it("closes an open survey after confirming, and shows why it cannot", async () => {
    let refused = true;
    const { calls } = stubApi((url, req) => {
      if (url.pathname === `/api/v1/surveys/${SURVEY_ID}`) return json(opened());
      if (url.pathname === `/api/v1/surveys/${SURVEY_ID}/close` && req.method === "POST") {
        if (refused) return problem(409, "not_open");
        return json(survey({ status: "closed", closed_at: "2026-11-30T01:00:00Z" }));
      }
      if (url.pathname === "/api/v1/competencies") return json(page([M3]));
      if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
      return undefined;
    });
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Tutup survei" }));
    const dialog = screen.getByRole("dialog", { name: "Tutup survei" });
    expect(dialog).toHaveTextContent("Tutup “Kebutuhan Pelatihan 2027”? Jawaban tidak dapat dikirim lagi");
    await userEvent.click(within(dialog).getByRole("button", { name: "Tutup survei" }));
    expect(await within(dialog).findByText("Survei ini tidak sedang dibuka.")).toBeInTheDocument();
    refused = false;
    await userEvent.click(within(dialog).getByRole("button", { name: "Tutup survei" }));
    expect(await screen.findByText("Survei ditutup.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(2);
  });
});
