import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setTokenSource } from "../../api/client";
import { validToken } from "../../session/session";
import { json, page, renderApp, session as signedIn, stubApi } from "../../test/render";
import LearningRoutes from "./routes";
import { AHMAD, BUDI, PROGRAMME_ID, SESSION_ID, SITI, callsTo, employee, lastBody, participant, programmeDetail, session } from "./testData";
import { sessionDays } from "./SessionPage";

const at = (s = signedIn(["agency_admin"])) => renderApp(<LearningRoutes section="sessions" />, { path: `/sessions/${SESSION_ID}`, route: "/sessions/*", session: s });

type Handler = (url: URL, req: Request) => Response | undefined | Promise<Response | undefined>;

function sessionApi(extra: Handler = () => undefined, participants = [AHMAD, SITI, BUDI]) {
  return stubApi(async (url, req) => {
    const answered = await extra(url, req);
    if (answered) return answered;
    if (url.pathname === `/api/v1/sessions/${SESSION_ID}`) return json(session());
    if (url.pathname === `/api/v1/sessions/${SESSION_ID}/participants`) return json(participants);
    if (url.pathname === `/api/v1/programmes/${PROGRAMME_ID}`) return json(programmeDetail());
    if (url.pathname === `/api/v1/sessions/${SESSION_ID}/attendance` && req.method === "GET") {
      return json([
        { enrolment_id: AHMAD.enrolment.id, day: "2026-03-02", present: true },
        { enrolment_id: SITI.enrolment.id, day: "2026-03-02", present: false },
      ]);
    }
    return undefined;
  });
}

/** A participant's row in the participants table (not the attendance one). */
const rowOf = async (name: string) => {
  const header = await within(await screen.findByRole("table", { name: /^Peserta/ })).findByRole("rowheader", { name: new RegExp(`^${name}`) });
  const row = header.closest("tr");
  if (!row) throw new Error(`no row ${name}`);
  return row;
};
const cellsOf = (row: HTMLElement) => within(row).getAllByRole("cell").map((c) => c.textContent);
const participantsTable = () => screen.getByRole("table", { name: /^Peserta/ });

afterEach(() => setTokenSource(validToken));

describe("session page", () => {
  it("lists the participants: status (waiting list too), days present, modules done, scores and what is unmet", async () => {
    sessionApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Angkatan I 2026" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Peserta (3)" })).toBeInTheDocument();
    const table = participantsTable();
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Nama", "Status", "Kehadiran", "Modul selesai", "Pre-test", "Post-test", "Belum terpenuhi", "Tindakan"]);
    const ahmad = await rowOf("Ahmad Fauzi");
    expect(within(ahmad).getByRole("rowheader")).toHaveTextContent("Ahmad FauziNIP 198507122010011003");
    await waitFor(() => expect(cellsOf(ahmad)[2]).toBe("2/2"));
    expect(cellsOf(ahmad).slice(0, 6)).toEqual(["Terdaftar", "3/3 hari", "2/2", "50%", "90%lulus", "—"]);
    expect(cellsOf(await rowOf("Siti Rahmawati")).slice(0, 6)).toEqual(["Terdaftar", "1/3 hari", "1/2", "40%", "—", "Kehadiran kurang; Post-test belum lulus"]);
    const budi = await rowOf("Budi Santoso");
    expect(cellsOf(budi)[0]).toBe("Daftar tunggu");
    expect(within(budi).getByRole("button", { name: "Batalkan Budi Santoso" })).toBeInTheDocument();
  });

  it("records one day's attendance with a mark for every participant holding a place", async () => {
    const { calls } = sessionApi((url, req) => (url.pathname === `/api/v1/sessions/${SESSION_ID}/attendance` && req.method === "PUT" ? json([]) : undefined));
    at();
    const panel = await screen.findByRole("region", { name: "Kehadiran" });
    const day = within(panel).getByRole("combobox", { name: "Hari" });
    expect(within(day).getAllByRole("option").map((o) => o.textContent)).toEqual(["Hari 1 — 2 Maret 2026", "Hari 2 — 3 Maret 2026", "Hari 3 — 4 Maret 2026"]);
    await userEvent.selectOptions(day, "2026-03-02");
    // What was recorded for the day comes back; the waiting list is not on it.
    expect(await within(panel).findByRole("checkbox", { name: "Hadir Ahmad Fauzi" })).toBeChecked();
    expect(within(panel).getByRole("checkbox", { name: "Hadir Siti Rahmawati" })).not.toBeChecked();
    expect(within(panel).queryByRole("checkbox", { name: "Hadir Budi Santoso" })).not.toBeInTheDocument();
    expect(within(panel).getByText("Tercatat: 1 dari 2 peserta hadir.")).toBeInTheDocument();

    await userEvent.selectOptions(day, "2026-03-03");
    expect(within(panel).getByText("Kehadiran hari ini belum dicatat.")).toBeInTheDocument();
    expect(within(panel).getByRole("checkbox", { name: "Hadir Ahmad Fauzi" })).not.toBeChecked();
    await userEvent.click(within(panel).getByRole("checkbox", { name: "Hadir Siti Rahmawati" }));
    expect(within(panel).getByText("Ditandai hadir: 1 dari 2 peserta.")).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole("button", { name: "Simpan kehadiran" }));

    expect(await within(panel).findByText("Kehadiran 3 Maret 2026 tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "PUT", `/api/v1/sessions/${SESSION_ID}/attendance`)).toEqual({
      day: "2026-03-03",
      marks: [
        { enrolment_id: AHMAD.enrolment.id, present: false },
        { enrolment_id: SITI.enrolment.id, present: true },
      ],
    });

    await userEvent.click(within(panel).getByRole("button", { name: "Tandai semua hadir" }));
    await userEvent.click(within(panel).getByRole("button", { name: "Simpan kehadiran" }));
    await waitFor(() => expect(callsTo(calls, "PUT", `/api/v1/sessions/${SESSION_ID}/attendance`)).toHaveLength(2));
    const body = (await lastBody(calls, "PUT", `/api/v1/sessions/${SESSION_ID}/attendance`)) as { marks: { present: boolean }[] };
    expect(body.marks.map((m) => m.present)).toEqual([true, true]);
  });

  it("completes the session after confirming, and says who completed and who is pending and why", async () => {
    const { calls } = sessionApi((url, req) =>
      url.pathname === `/api/v1/sessions/${SESSION_ID}/complete` && req.method === "POST" ? json({ completed: 1, pending: [{ enrolment_id: SITI.enrolment.id, unmet: ["attendance", "post_test"] }] }) : undefined,
    );
    at();
    await rowOf("Ahmad Fauzi");
    await userEvent.click(screen.getByRole("button", { name: "Selesaikan angkatan" }));
    const dialog = screen.getByRole("dialog", { name: "Selesaikan angkatan" });
    expect(dialog).toHaveTextContent("Selesaikan “Angkatan I 2026”?");
    await userEvent.click(within(dialog).getByRole("button", { name: "Ya, selesaikan" }));

    const result = await screen.findByTestId("completion-result");
    expect(within(result).getByRole("heading", { name: "Hasil penyelesaian angkatan" })).toBeInTheDocument();
    expect(result).toHaveTextContent("Peserta yang dinyatakan selesai: 1.");
    expect(result).toHaveTextContent("Belum selesai (1):");
    expect(within(result).getByRole("listitem")).toHaveTextContent("Siti Rahmawati (199001052015032001): Kehadiran kurang; Post-test belum lulus");
    expect(callsTo(calls, "POST", `/api/v1/sessions/${SESSION_ID}/complete`)).toHaveLength(1);
  });

  it("says why a session cannot be completed yet", async () => {
    sessionApi((url) =>
      url.pathname === `/api/v1/sessions/${SESSION_ID}/complete`
        ? new Response(JSON.stringify({ type: "x", title: "Conflict", status: 409, detail: "the session runs until 2026-03-04", code: "not_over", errors: [] }), { status: 409, headers: { "content-type": "application/problem+json" } })
        : undefined,
    );
    at();
    await rowOf("Ahmad Fauzi");
    await userEvent.click(screen.getByRole("button", { name: "Selesaikan angkatan" }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Selesaikan angkatan" })).getByRole("button", { name: "Ya, selesaikan" }));
    expect(await screen.findByText("Angkatan belum berakhir; selesaikan setelah tanggal selesainya.")).toBeInTheDocument();
  });

  it("enrols the employees picked from a search and shows each one's result", async () => {
    const RIZKI = employee(9, "Ahmad Rizki", "199402022019031004");
    const DEWI = employee(10, "Dewi Lestari", "199512122020122005");
    const { calls } = sessionApi((url, req) => {
      if (url.pathname === "/api/v1/employees") {
        const q = url.searchParams.get("q") ?? "";
        return json(page([employee(1, "Ahmad Fauzi", AHMAD.nip), RIZKI, DEWI].filter((e) => e.full_name.toLowerCase().includes(q))));
      }
      if (url.pathname === `/api/v1/sessions/${SESSION_ID}/enrolments` && req.method === "POST") {
        return json([
          { employee_id: RIZKI.id, added: true, status: "enrolled" },
          { employee_id: DEWI.id, added: true, status: "waitlisted" },
        ]);
      }
      return undefined;
    });
    at();
    const panel = await screen.findByRole("region", { name: "Daftarkan peserta" });
    await userEvent.type(within(panel).getByRole("searchbox", { name: /^Cari pegawai/ }), "ahmad");
    // Someone already in the session cannot be picked again.
    expect(await within(panel).findByRole("button", { name: "Pilih Ahmad Fauzi" })).toBeDisabled();
    await userEvent.click(within(panel).getByRole("button", { name: "Pilih Ahmad Rizki" }));
    await userEvent.clear(within(panel).getByRole("searchbox", { name: /^Cari pegawai/ }));
    await userEvent.type(within(panel).getByRole("searchbox", { name: /^Cari pegawai/ }), "dewi");
    await userEvent.click(await within(panel).findByRole("button", { name: "Pilih Dewi Lestari" }));
    expect(within(within(panel).getByRole("list", { name: "Pegawai yang akan didaftarkan" })).getAllByRole("listitem")).toHaveLength(2);
    await userEvent.click(within(panel).getByRole("button", { name: "Daftarkan 2 pegawai" }));

    const results = await within(panel).findByTestId("enrol-results");
    expect(within(results).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Ahmad Rizki: terdaftar", "Dewi Lestari: masuk daftar tunggu"]);
    expect(await lastBody(calls, "POST", `/api/v1/sessions/${SESSION_ID}/enrolments`)).toEqual({ employee_ids: [RIZKI.id, DEWI.id], source: "admin" });
  });

  it("cancels an enrolment after confirming", async () => {
    const { calls } = sessionApi((url, req) => (url.pathname === `/api/v1/enrolments/${SITI.enrolment.id}/cancel` && req.method === "POST" ? json({ ...SITI.enrolment, status: "cancelled" }) : undefined));
    at();
    await userEvent.click(within(await rowOf("Siti Rahmawati")).getByRole("button", { name: "Batalkan Siti Rahmawati" }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Batalkan pendaftaran" })).getByRole("button", { name: "Batalkan pendaftaran" }));
    expect(await screen.findByText("Pendaftaran Siti Rahmawati dibatalkan.")).toBeInTheDocument();
    expect(callsTo(calls, "POST", `/api/v1/enrolments/${SITI.enrolment.id}/cancel`)).toHaveLength(1);
  });

  it("downloads a completed participant's certificate with the session's token", async () => {
    setTokenSource(async () => "admin-token");
    const DONE = participant(4, "Rina Marlina", "199108082016042001", { days_present: 3, modules_done: 2 }, { status: "completed", certificate_code: "PBN-7K3M-Q9XA", completed_on: "2026-03-04" });
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: vi.fn(() => "blob:cert"), revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { calls } = sessionApi(
      (url) =>
        url.pathname === `/api/v1/enrolments/${DONE.enrolment.id}/certificate`
          ? new Response(new Uint8Array([37, 80, 68, 70]), { headers: { "content-type": "application/pdf", "content-disposition": 'attachment; filename="sertifikat-PBN-7K3M-Q9XA.pdf"' } })
          : undefined,
      [AHMAD, DONE],
    );
    at();
    const row = await rowOf("Rina Marlina");
    expect(cellsOf(row)[0]).toBe("Selesai4 Maret 2026");
    await userEvent.click(within(row).getByRole("button", { name: "Unduh sertifikat Rina Marlina" }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe("sertifikat-PBN-7K3M-Q9XA.pdf");
    expect(callsTo(calls, "GET", `/api/v1/enrolments/${DONE.enrolment.id}/certificate`)[0]?.headers.get("authorization")).toBe("Bearer admin-token");
  });

  it("lets a trainer see the participants and take attendance, without the administration", async () => {
    sessionApi();
    at(signedIn(["trainer"]));
    await rowOf("Ahmad Fauzi");
    expect(screen.queryByRole("button", { name: "Selesaikan angkatan" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Daftarkan peserta" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Batalkan/ })).not.toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Simpan kehadiran" })).toBeInTheDocument();
  });

  it("links administrators and trainers to the session's training impact (Kirkpatrick level 4)", async () => {
    sessionApi();
    const view = at();
    expect(await screen.findByRole("link", { name: "Dampak pelatihan" })).toHaveAttribute("href", `/sessions/${SESSION_ID}/outcomes`);
    view.unmount();
    at(signedIn(["trainer"]));
    expect(await screen.findByRole("link", { name: "Dampak pelatihan" })).toHaveAttribute("href", `/sessions/${SESSION_ID}/outcomes`);
  });

  it("links administrators and trainers to the session's evaluation (Kirkpatrick levels 1-3)", async () => {
    sessionApi();
    const view = at();
    expect(await screen.findByRole("link", { name: "Evaluasi pelatihan" })).toHaveAttribute("href", `/sessions/${SESSION_ID}/evaluation`);
    view.unmount();
    at(signedIn(["trainer"]));
    expect(await screen.findByRole("link", { name: "Evaluasi pelatihan" })).toHaveAttribute("href", `/sessions/${SESSION_ID}/evaluation`);
  });

  it("counts a session's days from its first to its last", () => {
    expect(sessionDays("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(sessionDays(null, "2026-03-02")).toEqual([]);
  });
});
