import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import SurveyRoutes from "./routes";
import { TASK_ID, lastBody, task, taskSurvey } from "./testData";

const employee = (): SessionValue => {
  const s = session(["employee", "supervisor"]);
  return { ...s, me: s.me ? { ...s.me, employee_id: "00000000-0000-7000-8000-000000000401" } : null };
};
const at = (path: string, s: SessionValue = employee()) => renderApp(<SurveyRoutes section="mine" />, { path, route: "/my-surveys/*", session: s });

const ABOUT_REPORT = task({ id: "00000000-0000-7000-8000-0000000007a2", about_self: false, subject_name: "Siti Rahmawati" });
const DONE = task({ id: "00000000-0000-7000-8000-0000000007a3", title: "Survei Triwulan I", submitted_at: "2026-11-02T03:00:00Z" });

function tasksApi(onAnswer?: (req: Request) => Response | Promise<Response>) {
  let answered = false;
  return stubApi(async (url, req) => {
    if (url.pathname === "/api/v1/me/survey-tasks") return json([answered ? { ...task(), submitted_at: "2026-11-27T03:00:00Z" } : task(), ABOUT_REPORT, DONE]);
    if (url.pathname === `/api/v1/survey-tasks/${TASK_ID}`) return json(taskSurvey());
    if (url.pathname === `/api/v1/survey-tasks/${TASK_ID}/response` && req.method === "POST") {
      const res = onAnswer ? await onAnswer(req) : json({ id: "00000000-0000-7000-8000-0000000009a1", submitted_at: "2026-11-27T03:00:00Z" }, 201);
      if (res.ok) answered = true;
      return res;
    }
    return undefined;
  });
}

const question = (n: number) => {
  const q = document.querySelector(`fieldset[data-question="${n}"]`);
  if (!q) throw new Error(`no question ${n}`);
  return q as HTMLElement;
};

describe("my survey tasks", () => {
  it("lists tasks about myself and about a report, and which are answered", async () => {
    tasksApi();
    at("/my-surveys");
    expect(await screen.findByRole("heading", { level: 1, name: "Survei Saya" })).toBeInTheDocument();
    expect(await screen.findByText("Survei yang belum dijawab: 2.")).toBeInTheDocument();
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[0]?.textContent)).toEqual(["Diri sendiri", "Bawahan: Siti Rahmawati", "Diri sendiri"]);
    expect(within(rows[0] as HTMLElement).getByRole("link", { name: "Jawab Kebutuhan Pelatihan 2027" })).toHaveAttribute("href", `/my-surveys/${TASK_ID}`);
    expect(within(rows[1] as HTMLElement).getByRole("link", { name: "Jawab Kebutuhan Pelatihan 2027 — Siti Rahmawati" })).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText("Sudah dijawab")).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).queryByRole("link")).not.toBeInTheDocument();
  });

  it("tells an account without an employee record that there is nothing for it", () => {
    const { calls } = tasksApi();
    at("/my-surveys", session(["agency_admin"]));
    expect(screen.getByText(/tidak terhubung dengan data pegawai/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});

describe("answering a survey task", () => {
  it("sends a number for the scale, an option's index, a list of indexes and text", async () => {
    const { calls } = tasksApi();
    at(`/my-surveys/${TASK_ID}`);
    expect(await screen.findByRole("heading", { level: 1, name: "Kebutuhan Pelatihan 2027" })).toBeInTheDocument();
    expect(screen.getByText("Jawablah tentang diri Anda sendiri.")).toBeInTheDocument();

    const likert = screen.getByRole("radiogroup", { name: /^1\. Seberapa Anda membutuhkan pelatihan komunikasi\?/ });
    expect(within(likert).getAllByRole("radio").map((r) => r.getAttribute("value"))).toEqual(["1", "2", "3", "4", "5"]);
    expect(likert).toHaveAccessibleDescription("1 = sangat rendah, 5 = sangat tinggi.");
    await userEvent.click(within(likert).getByRole("radio", { name: "4" }));
    await userEvent.click(within(question(2)).getByRole("radio", { name: "Campuran" }));
    await userEvent.click(within(question(3)).getByRole("checkbox", { name: "Kepemimpinan" }));
    await userEvent.click(within(question(3)).getByRole("checkbox", { name: "Pelayanan" }));
    await userEvent.type(within(question(4)).getByRole("textbox", { name: "Jawaban pertanyaan 4" }), "  Lebih banyak praktik  ");
    await userEvent.click(screen.getByRole("button", { name: "Kirim jawaban" }));

    expect(await screen.findByText("Terima kasih, jawaban Anda untuk “Kebutuhan Pelatihan 2027” sudah terkirim.")).toBeInTheDocument();
    const q = taskSurvey().questions;
    expect(await lastBody(calls, "POST", `/api/v1/survey-tasks/${TASK_ID}/response`)).toEqual({
      answers: [
        { question_id: q[0]?.id, value: 4 },
        { question_id: q[1]?.id, value: 2 },
        { question_id: q[2]?.id, value: [0, 2] },
        { question_id: q[3]?.id, value: "Lebih banyak praktik" },
      ],
    });
    // Back on the list, the task is answered.
    expect(await screen.findByText("Survei yang belum dijawab: 1.")).toBeInTheDocument();
  });

  it("asks for the required questions first, leaving optional ones out", async () => {
    const { calls } = tasksApi();
    at(`/my-surveys/${TASK_ID}`);
    await screen.findByRole("button", { name: "Kirim jawaban" });
    await userEvent.click(within(question(3)).getByRole("checkbox", { name: "Digital" }));
    await userEvent.click(screen.getByRole("button", { name: "Kirim jawaban" }));
    expect(question(1)).toHaveAccessibleDescription("Wajib diisi.");
    expect(question(2)).toHaveAccessibleDescription("Wajib diisi.");
    expect(question(3)).not.toHaveAccessibleDescription("Wajib diisi.");
    expect(within(question(4)).getByRole("textbox")).not.toHaveAttribute("aria-invalid");
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);

    // The optional text, left blank, is not sent.
    await userEvent.click(within(question(1)).getByRole("radio", { name: "5" }));
    await userEvent.click(within(question(2)).getByRole("radio", { name: "Klasikal" }));
    await userEvent.click(screen.getByRole("button", { name: "Kirim jawaban" }));
    await screen.findByText(/sudah terkirim/);
    const body = (await lastBody(calls, "POST", `/api/v1/survey-tasks/${TASK_ID}/response`)) as { answers: { value: unknown }[] };
    expect(body.answers.map((a) => a.value)).toEqual([5, 0, [1]]);
  });

  it("shows the API's `answers[i]` errors at the question in that position", async () => {
    tasksApi(() =>
      problem(422, "validation_failed", [
        { field: "answers[1]", code: "unknown_option", message: "must be the index of an option" },
        { field: "answers[2]", code: "duplicate_option", message: "twice" },
      ]),
    );
    at(`/my-surveys/${TASK_ID}`);
    await screen.findByRole("button", { name: "Kirim jawaban" });
    await userEvent.click(within(question(1)).getByRole("radio", { name: "3" }));
    await userEvent.click(within(question(2)).getByRole("radio", { name: "E-learning" }));
    await userEvent.click(within(question(3)).getByRole("checkbox", { name: "Digital" }));
    await userEvent.click(screen.getByRole("button", { name: "Kirim jawaban" }));
    await waitFor(() => expect(question(2)).toHaveAccessibleDescription("Pilihan tidak dikenal."));
    expect(question(2)).toHaveAttribute("aria-invalid", "true");
    expect(within(question(2)).getAllByRole("radio")[0]).toHaveAttribute("aria-invalid", "true");
    expect(question(3)).toHaveAccessibleDescription("Pilihan ini sama dengan pilihan sebelumnya.");
    expect(question(1)).not.toHaveAttribute("aria-invalid");
    expect(screen.getByText("Periksa isian yang ditandai.")).toBeInTheDocument();
  });

  it("says so when the task was answered meanwhile", async () => {
    tasksApi(() => problem(409, "already_answered"));
    at(`/my-surveys/${TASK_ID}`);
    await screen.findByRole("button", { name: "Kirim jawaban" });
    await userEvent.click(within(question(1)).getByRole("radio", { name: "3" }));
    await userEvent.click(within(question(2)).getByRole("radio", { name: "Klasikal" }));
    await userEvent.click(within(question(3)).getByRole("checkbox", { name: "Digital" }));
    await userEvent.click(screen.getByRole("button", { name: "Kirim jawaban" }));
    expect(await screen.findByText("Survei ini sudah Anda jawab.")).toBeInTheDocument();
  });

  it("shows an answered task without the form", async () => {
    stubApi((url) => {
      if (url.pathname === "/api/v1/me/survey-tasks") return json([DONE]);
      if (url.pathname === `/api/v1/survey-tasks/${DONE.id}`) return json(taskSurvey());
      return undefined;
    });
    at(`/my-surveys/${DONE.id}`);
    expect(await screen.findByText(/Anda sudah menjawab survei ini pada 2 November 2026/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Kirim jawaban" })).not.toBeInTheDocument();
  });
});
