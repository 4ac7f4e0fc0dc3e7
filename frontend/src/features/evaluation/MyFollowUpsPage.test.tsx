import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, problem, renderApp, session as signedIn, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import type { AnswerRequest, FollowUp } from "./api";
import { amendable } from "./MyFollowUpsPage";
import EvaluationRoutes from "./routes";
import { ABOUT_SITI, callsTo, employeeSession, followUp, lastBody, uuid } from "./testData";

const at = (s: SessionValue = employeeSession(["supervisor", "employee"])) => renderApp(<EvaluationRoutes section="mine" />, { path: "/me/follow-ups", route: "/me/follow-ups", session: s });

const MINE = followUp();
const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
const past = new Date(Date.now() - 86_400_000).toISOString();
/** Answered two days ago: still open to amendment. */
const ANSWERED = followUp({
  id: uuid(7003),
  status: "answered",
  programme_title: "Komunikasi Efektif",
  usage: "regularly",
  examples: "Memimpin rapat koordinasi mingguan.",
  barriers: null,
  answered_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  amendable_until: future,
});
const CLOSED = followUp({ id: uuid(7004), status: "answered", programme_title: "Kearsipan Dinamis", usage: "not_used", answered_at: "2026-01-05T02:00:00Z", amendable_until: past });

/** The caller's tasks; an answer is kept, as the server would. */
function followUpsApi(given: FollowUp[] = [MINE, ABOUT_SITI, ANSWERED, CLOSED], put?: (id: string, b: AnswerRequest) => Response) {
  let tasks = given;
  return stubApi(async (url, req) => {
    if (url.pathname === "/api/v1/me/follow-ups") return json(tasks);
    const m = /^\/api\/v1\/follow-ups\/([^/]+)$/.exec(url.pathname);
    if (m && req.method === "PUT") {
      const id = m[1] ?? "";
      const b = (await req.json()) as AnswerRequest;
      if (put) return put(id, b);
      const task = tasks.find((f) => f.id === id) ?? MINE;
      const saved: FollowUp = { ...task, ...b, status: "answered", answered_at: task.answered_at ?? new Date().toISOString(), amendable_until: future };
      tasks = tasks.map((f) => (f.id === id ? saved : f));
      return json(saved);
    }
    return undefined;
  });
}

const card = (name: string) => screen.getByRole("article", { name });

describe("my follow-ups (level 3)", () => {
  it("lists my tasks as participant and as supervisor, with session, participant, due date and status", async () => {
    followUpsApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Evaluasi Pasca Pelatihan" })).toBeInTheDocument();
    const own = await screen.findByRole("region", { name: "Pelatihan yang saya ikuti" });
    expect(within(own).getAllByRole("article").map((a) => a.querySelector("h3")?.textContent)).toEqual(["Manajemen Proyek Infrastruktur", "Komunikasi Efektif", "Kearsipan Dinamis"]);
    const mine = card("Manajemen Proyek Infrastruktur");
    expect(within(mine).getByText("Terbuka")).toBeInTheDocument();
    expect(mine).toHaveTextContent("AngkatanAngkatan I 2026 · 2 Maret 2026 – 4 Maret 2026");
    expect(mine).toHaveTextContent("Jatuh tempo4 September 2026");
    // About oneself: no participant line.
    expect(within(mine).queryByText("Peserta")).not.toBeInTheDocument();

    const team = screen.getByRole("region", { name: "Pelatihan anggota tim saya" });
    const siti = within(team).getByRole("article", { name: "Pengadaan Barang dan Jasa" });
    expect(within(siti).getByText("Terlambat")).toBeInTheDocument();
    expect(siti).toHaveTextContent("PesertaSiti Rahmawati (199001052015032001)");
    expect(siti).toHaveTextContent("Sudah diingatkan 2 kali, terakhir 6 Mei 2026.");
    expect(within(siti).getByRole("button", { name: "Isi evaluasi Pengadaan Barang dan Jasa — Siti Rahmawati" })).toBeInTheDocument();

    const answered = card("Komunikasi Efektif");
    expect(within(answered).getByText("Terjawab")).toBeInTheDocument();
    expect(answered).toHaveTextContent("PenerapanRutin diterapkan");
    expect(answered).toHaveTextContent("Contoh penerapanMemimpin rapat koordinasi mingguan.");
    expect(answered).toHaveTextContent(/Jawaban dapat diubah sampai/);
    expect(within(answered).getByRole("button", { name: "Ubah jawaban Komunikasi Efektif" })).toBeInTheDocument();
    // The amendment window has closed: the answer stands.
    const closed = card("Kearsipan Dinamis");
    expect(closed).toHaveTextContent("PenerapanBelum diterapkan");
    expect(within(closed).queryByRole("button")).not.toBeInTheDocument();
  });

  it("answers a task with usage, examples and barriers, and shows it answered", async () => {
    const { calls } = followUpsApi();
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Isi evaluasi Manajemen Proyek Infrastruktur" }));
    const form = screen.getByRole("form", { name: "Isi evaluasi: Manajemen Proyek Infrastruktur" });
    const usage = within(form).getByRole("radiogroup", { name: /^Sejauh mana Anda menerapkan hasil pelatihan ini dalam pekerjaan\?/ });
    expect(within(usage).getAllByRole("radio").map((r) => r.closest("label")?.textContent)).toEqual(["Belum diterapkan", "Sebagian diterapkan", "Rutin diterapkan"]);
    await userEvent.click(within(usage).getByRole("radio", { name: "Sebagian diterapkan" }));
    await userEvent.type(within(form).getByRole("textbox", { name: /^Contoh penerapan/ }), "Menyusun jadwal proyek dengan diagram Gantt.");
    await userEvent.type(within(form).getByRole("textbox", { name: /^Hambatan/ }), "Belum ada perangkat lunak.");
    await userEvent.click(within(form).getByRole("button", { name: "Kirim jawaban" }));

    const mine = card("Manajemen Proyek Infrastruktur");
    expect(await within(mine).findByText("Jawaban tersimpan. Terima kasih!")).toBeInTheDocument();
    expect(await lastBody(calls, "PUT", `/api/v1/follow-ups/${MINE.id}`)).toEqual({ usage: "partly", examples: "Menyusun jadwal proyek dengan diagram Gantt.", barriers: "Belum ada perangkat lunak." });
    expect(within(mine).getByText("Terjawab")).toBeInTheDocument();
    expect(mine).toHaveTextContent("PenerapanSebagian diterapkan");
    expect(mine).toHaveTextContent("HambatanBelum ada perangkat lunak.");
    expect(within(mine).getByRole("button", { name: "Ubah jawaban Manajemen Proyek Infrastruktur" })).toBeInTheDocument();
  });

  it("requires examples unless the learning is not applied", async () => {
    const { calls } = followUpsApi();
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Isi evaluasi Pengadaan Barang dan Jasa — Siti Rahmawati" }));
    const form = screen.getByRole("form", { name: "Isi evaluasi: Pengadaan Barang dan Jasa" });
    // A supervisor is asked about their team member.
    const usage = within(form).getByRole("radiogroup", { name: /^Sejauh mana Siti Rahmawati menerapkan hasil pelatihan ini dalam pekerjaan\?/ });
    const examples = within(form).getByRole("textbox", { name: /^Contoh penerapan/ });
    await userEvent.click(within(form).getByRole("button", { name: "Kirim jawaban" }));
    expect(usage).toHaveAccessibleDescription("Wajib diisi.");
    expect(examples).toHaveAccessibleDescription("Wajib diisi.");

    await userEvent.click(within(usage).getByRole("radio", { name: "Rutin diterapkan" }));
    await userEvent.click(within(form).getByRole("button", { name: "Kirim jawaban" }));
    expect(usage).not.toHaveAttribute("aria-invalid");
    expect(examples).toHaveAccessibleDescription("Wajib diisi.");
    expect(callsTo(calls, "PUT", `/api/v1/follow-ups/${ABOUT_SITI.id}`)).toHaveLength(0);

    await userEvent.click(within(usage).getByRole("radio", { name: "Belum diterapkan" }));
    expect(examples).not.toBeRequired();
    expect(within(form).getByText(/Contoh penerapan/).closest("label")).toHaveTextContent("(opsional)");
    await userEvent.click(within(form).getByRole("button", { name: "Kirim jawaban" }));
    await within(card("Pengadaan Barang dan Jasa")).findByText("Jawaban tersimpan. Terima kasih!");
    expect(await lastBody(calls, "PUT", `/api/v1/follow-ups/${ABOUT_SITI.id}`)).toEqual({ usage: "not_used", examples: null, barriers: null });
  });

  it("amends an answer while allowed and explains when the window has closed (409)", async () => {
    const { calls } = followUpsApi(undefined, () => problem(409, "amend_window_closed", [], "an answer can be amended for 7 days"));
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Ubah jawaban Komunikasi Efektif" }));
    const form = screen.getByRole("form", { name: "Ubah jawaban: Komunikasi Efektif" });
    expect(within(form).getByRole("radio", { name: "Rutin diterapkan" })).toBeChecked();
    const examples = within(form).getByRole("textbox", { name: /^Contoh penerapan/ });
    expect(examples).toHaveValue("Memimpin rapat koordinasi mingguan.");
    await userEvent.type(examples, " Juga menulis notulen.");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan perubahan" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("Jawaban hanya dapat diubah dalam 7 hari setelah pertama kali dikirim, dan batas waktu itu sudah lewat.");
    expect(await lastBody(calls, "PUT", `/api/v1/follow-ups/${ANSWERED.id}`)).toEqual({ usage: "regularly", examples: "Memimpin rapat koordinasi mingguan. Juga menulis notulen.", barriers: null });
    // Cancelling leaves the answer as it was.
    await userEvent.click(within(form).getByRole("button", { name: "Batal" }));
    await waitFor(() => expect(screen.queryByRole("form")).not.toBeInTheDocument());
    expect(card("Komunikasi Efektif")).toHaveTextContent("Contoh penerapanMemimpin rapat koordinasi mingguan.");
  });

  it("shows the API's field errors at their field", async () => {
    followUpsApi(undefined, () => problem(422, "validation_failed", [{ field: "barriers", code: "too_long", message: "must be at most 2000 characters" }]));
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Isi evaluasi Manajemen Proyek Infrastruktur" }));
    const form = screen.getByRole("form", { name: "Isi evaluasi: Manajemen Proyek Infrastruktur" });
    await userEvent.click(within(form).getByRole("radio", { name: "Sebagian diterapkan" }));
    await userEvent.type(within(form).getByRole("textbox", { name: /^Contoh penerapan/ }), "Contoh");
    await userEvent.click(within(form).getByRole("button", { name: "Kirim jawaban" }));
    await waitFor(() => expect(within(form).getByRole("textbox", { name: /^Hambatan/ })).toHaveAccessibleDescription("Terlalu panjang."));
  });

  it("says when there is nothing to answer, and asks nothing without an employee record", async () => {
    followUpsApi([]);
    const view = at(employeeSession());
    expect(await screen.findByText(/Belum ada evaluasi pasca pelatihan untuk Anda/)).toBeInTheDocument();
    view.unmount();
    const { calls } = stubApi(() => undefined);
    at(signedIn(["agency_admin"]));
    expect(screen.getByText(/tidak terhubung dengan data pegawai/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("knows an answer may be amended only until its window closes", () => {
    expect(amendable(ANSWERED)).toBe(true);
    expect(amendable(CLOSED)).toBe(false);
    expect(amendable(MINE)).toBe(false);
  });
});
