import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, problem, renderApp, session as signedIn, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import { notOverDate } from "./ReactionPage";
import EvaluationRoutes from "./routes";
import { SESSION_ID, callsTo, employeeSession, lastBody, myEnrolment, pendingReaction, uuid } from "./testData";

const at = (s: SessionValue = employeeSession()) => renderApp(<EvaluationRoutes section="reaction" />, { path: `/me/reactions/${SESSION_ID}`, route: "/me/reactions/:sessionId", session: s });

const OTHER = pendingReaction({ session_id: uuid(6009), session_name: "Angkatan III 2026", programme_title: "Komunikasi Efektif" });
const REACTION = "/api/v1/sessions/" + SESSION_ID + "/reaction";

type Options = { pending?: unknown[]; mine?: unknown[]; post?: () => Response };

function reactionApi({ pending = [pendingReaction(), OTHER], mine = [myEnrolment()], post }: Options = {}) {
  return stubApi((url, req) => {
    if (url.pathname === "/api/v1/me/reactions/pending") return json(pending);
    if (url.pathname === "/api/v1/me/learning") return json(mine);
    if (url.pathname === REACTION && req.method === "POST") {
      return post ? post() : json({ id: uuid(8001), session_id: SESSION_ID, enrolment_id: uuid(5001), organisation: 4, trainers: 5, materials: 3, comment: "Bermanfaat", submitted_at: "2026-03-04T09:00:00Z" }, 201);
    }
    return undefined;
  });
}

const group = (name: string) => screen.getByRole("radiogroup", { name: new RegExp(`^${name}`) });
const rate = async (name: string, value: number) => userEvent.click(within(group(name)).getByRole("radio", { name: new RegExp(`^${value} `) }));

describe("the reaction form (level 1)", () => {
  it("asks the three aspects 1-5 with Indonesian labels, sends them with the comment, and thanks", async () => {
    const { calls } = reactionApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Penilaian Pelatihan" })).toBeInTheDocument();
    expect(await screen.findByText("Manajemen Proyek Infrastruktur · Angkatan I 2026 · 2 Maret 2026 – 4 Maret 2026")).toBeInTheDocument();
    expect(screen.getAllByRole("radiogroup").map((g) => g.querySelector("legend")?.textContent?.replace(/\s*\*$/, ""))).toEqual(["Penyelenggaraan", "Pengajar", "Materi"]);
    expect(within(group("Penyelenggaraan")).getAllByRole("radio").map((r) => r.closest("label")?.textContent)).toEqual(["1 Sangat kurang", "2 Kurang", "3 Cukup", "4 Baik", "5 Sangat baik"]);
    expect(group("Pengajar")).toHaveAccessibleDescription("Penguasaan materi oleh pengajar dan cara menyampaikannya.");
    expect(screen.getByText("Penyelenggara membaca penilaian dan komentar Anda tanpa nama Anda.")).toBeInTheDocument();
    // A pending session: no warning that it may not be open.
    expect(screen.queryByText(/tidak ada dalam daftar penilaian/)).not.toBeInTheDocument();

    await rate("Penyelenggaraan", 4);
    await rate("Pengajar", 5);
    await rate("Materi", 3);
    expect(within(group("Pengajar")).getByRole("radio", { name: /^5 / })).toBeChecked();
    await userEvent.type(screen.getByRole("textbox", { name: /^Komentar dan saran/ }), "  Bermanfaat  ");
    await userEvent.click(screen.getByRole("button", { name: "Kirim penilaian" }));

    const thanks = await screen.findByRole("heading", { level: 2, name: "Terima kasih!" });
    await waitFor(() => expect(thanks).toHaveFocus());
    expect(screen.getByText("Penilaian Anda untuk Manajemen Proyek Infrastruktur sudah kami terima.")).toBeInTheDocument();
    expect(screen.getByText("Masih ada 1 penilaian lain yang menunggu Anda.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ke Pembelajaran Saya" })).toHaveAttribute("href", "/learning");
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(await lastBody(calls, "POST", REACTION)).toEqual({ organisation: 4, trainers: 5, materials: 3, comment: "Bermanfaat" });
  });

  it("asks for every aspect before sending, and sends no comment when none is written", async () => {
    const { calls } = reactionApi();
    at();
    await screen.findByRole("radiogroup", { name: /^Penyelenggaraan/ });
    await rate("Pengajar", 2);
    await userEvent.click(screen.getByRole("button", { name: "Kirim penilaian" }));
    expect(group("Penyelenggaraan")).toHaveAccessibleDescription("Wajib diisi.");
    expect(group("Penyelenggaraan")).toHaveAttribute("aria-invalid", "true");
    expect(group("Materi")).toHaveAccessibleDescription("Wajib diisi.");
    expect(group("Pengajar")).not.toHaveAttribute("aria-invalid");
    expect(callsTo(calls, "POST", REACTION)).toHaveLength(0);

    await rate("Penyelenggaraan", 1);
    await rate("Materi", 5);
    await userEvent.click(screen.getByRole("button", { name: "Kirim penilaian" }));
    await screen.findByRole("heading", { name: "Terima kasih!" });
    expect(await lastBody(calls, "POST", REACTION)).toEqual({ organisation: 1, trainers: 2, materials: 5, comment: null });
  });

  it("says in Indonesian that the reaction was given already (409 already_submitted)", async () => {
    reactionApi({ post: () => problem(409, "already_submitted", [], "a reaction to this session was already given") });
    at();
    await screen.findByRole("radiogroup", { name: /^Materi/ });
    for (const a of ["Penyelenggaraan", "Pengajar", "Materi"]) await rate(a, 3);
    await userEvent.click(screen.getByRole("button", { name: "Kirim penilaian" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Penilaian sudah dikirim" })).toBeInTheDocument();
    expect(screen.getByText("Anda sudah memberikan penilaian untuk angkatan ini. Penilaian hanya dapat dikirim sekali.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Kirim penilaian" })).not.toBeInTheDocument();
  });

  it("explains that the reaction opens on the session's last day (409 session_not_over)", async () => {
    reactionApi({
      pending: [],
      mine: [myEnrolment({}, { start_date: "2026-12-01", end_date: "2026-12-03" })],
      post: () => problem(409, "session_not_over", [], "the session runs until 2026-12-03: the reaction opens on its last day"),
    });
    at();
    // Not in the pending list: named from the enrolments, with a word of warning.
    expect(await screen.findByText("Manajemen Proyek Infrastruktur · Angkatan I 2026 · 1 Desember 2026 – 3 Desember 2026")).toBeInTheDocument();
    expect(screen.getByText(/tidak ada dalam daftar penilaian yang menunggu Anda/)).toBeInTheDocument();
    for (const a of ["Penyelenggaraan", "Pengajar", "Materi"]) await rate(a, 4);
    await userEvent.click(screen.getByRole("button", { name: "Kirim penilaian" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Penilaian belum dibuka: penilaian dibuka pada hari terakhir angkatan, 3 Desember 2026.");
    expect(screen.getByRole("button", { name: "Kirim penilaian" })).toBeEnabled();
  });

  it("explains a self-paced session without an end date, and shows field errors at their field", async () => {
    let answer = problem(422, "validation_failed", [{ field: "comment", code: "too_long", message: "must be at most 2000 characters" }]);
    reactionApi({ pending: [], mine: [myEnrolment({}, { delivery: "e_learning", start_date: null, end_date: null })], post: () => answer });
    at();
    expect(await screen.findByText(/Tanpa batas waktu/)).toBeInTheDocument();
    for (const a of ["Penyelenggaraan", "Pengajar", "Materi"]) await rate(a, 4);
    await userEvent.click(screen.getByRole("button", { name: "Kirim penilaian" }));
    const comment = screen.getByRole("textbox", { name: /^Komentar dan saran/ });
    await waitFor(() => expect(comment).toHaveAccessibleDescription("Terlalu panjang."));

    answer = problem(409, "session_not_over", [], "this self-paced session has no end date: the reaction opens once you complete it");
    await userEvent.click(screen.getByRole("button", { name: "Kirim penilaian" }));
    expect(await screen.findByText(/angkatan mandiri tanpa tanggal selesai dapat dinilai setelah Anda menyelesaikan programnya/)).toBeInTheDocument();
  });

  it("says so when the session is not one of the caller's, without a form", async () => {
    reactionApi({ pending: [], mine: [] });
    at();
    expect(await screen.findByText("Angkatan ini tidak ditemukan, atau Anda bukan pesertanya.")).toBeInTheDocument();
    expect(screen.queryByRole("radiogroup")).not.toBeInTheDocument();
  });

  it("asks nothing of an account without an employee record", () => {
    const { calls } = stubApi(() => undefined);
    at(signedIn(["agency_admin"]));
    expect(screen.getByText(/tidak terhubung dengan data pegawai/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("reads the end date out of the API's refusal", () => {
    expect(notOverDate("the session runs until 2026-12-03: the reaction opens on its last day")).toBe("2026-12-03");
    expect(notOverDate("this self-paced session has no end date")).toBeNull();
  });
});
