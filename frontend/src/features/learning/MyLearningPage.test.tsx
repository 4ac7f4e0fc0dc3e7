import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { SessionValue } from "../../session/SessionProvider";
import { json, page, renderApp, session as signedIn, stubApi } from "../../test/render";
import LearningRoutes from "./routes";
import { ENROLMENT_ID, EMPLOYEE_ID, M3, SESSION_ID, TPM, callsTo, enrolment, myEnrolment, recommendation, session, uuid } from "./testData";

function employeeSession(): SessionValue {
  const s = signedIn(["employee"]);
  return { ...s, me: s.me ? { ...s.me, employee_id: EMPLOYEE_ID } : null };
}

const at = (s = employeeSession()) => renderApp(<LearningRoutes section="mine" />, { path: "/learning", route: "/learning/*", session: s });

const DONE_ID = uuid(5101);
const OPEN = session({ id: uuid(6001), name: "Angkatan II 2026", programme_title: "Pelayanan Prima", capacity: 30, enrolled: 12, waitlisted: 0, self_registration: true });
const FULL = session({ id: uuid(6002), name: "Angkatan III 2026", programme_title: "Komunikasi Efektif", capacity: 20, enrolled: 20, waitlisted: 3, self_registration: true, start_date: "2026-05-04", end_date: "2026-05-06" });

function learningApi(pending: unknown[] = []) {
  return stubApi((url, req) => {
    if (url.pathname === "/api/v1/me/reactions/pending") return json(pending);
    if (url.pathname === "/api/v1/me/learning") {
      return json([
        myEnrolment(),
        myEnrolment({
          enrolment: enrolment({ id: DONE_ID, status: "completed", completed_on: "2026-03-04", certificate_code: "PBN-7K3M-Q9XA" }),
          programme_title: "Pengadaan Barang dan Jasa",
          modules_done: 4,
          modules_total: 4,
          jp: 32,
          session: session({ name: "Angkatan I 2026" }),
        }),
      ]);
    }
    if (url.pathname === "/api/v1/me/open-sessions") return json([OPEN, FULL]);
    if (url.pathname === "/api/v1/me/recommendations") return json([recommendation()]);
    if (url.pathname === "/api/v1/competencies") return json(page([M3, TPM]));
    if (url.pathname === `/api/v1/sessions/${FULL.id}/register` && req.method === "POST") return json({ employee_id: EMPLOYEE_ID, added: true, status: "waitlisted" });
    if (url.pathname === `/api/v1/sessions/${OPEN.id}/register` && req.method === "POST") return json({ employee_id: EMPLOYEE_ID, added: true, status: "enrolled" });
    return undefined;
  });
}

const card = (name: string) => screen.getByRole("article", { name });

describe("my learning", () => {
  it("lists my enrolments with progress, JP, completion and the certificate", async () => {
    learningApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Pembelajaran Saya" })).toBeInTheDocument();
    const enrolments = screen.getByRole("region", { name: "Program yang saya ikuti" });
    const going = await within(enrolments).findByRole("article", { name: "Manajemen Proyek Infrastruktur" });
    expect(within(going).getByText("Terdaftar")).toBeInTheDocument();
    expect(going).toHaveTextContent("E-learning 2026 · E-learning (mandiri) · Tanpa batas waktu");
    expect(going).toHaveTextContent("24 JP");
    expect(within(going).getByText("1 dari 3 modul selesai")).toBeInTheDocument();
    const bar = within(going).getByRole("progressbar", { name: "Kemajuan Manajemen Proyek Infrastruktur" });
    expect(bar).toHaveAttribute("aria-valuenow", "1");
    expect(bar).toHaveAttribute("aria-valuemax", "3");
    expect(within(going).getByRole("link", { name: "Lanjutkan belajar Manajemen Proyek Infrastruktur" })).toHaveAttribute("href", `/learning/${ENROLMENT_ID}`);

    const done = card("Pengadaan Barang dan Jasa");
    expect(within(done).getByText("Selesai")).toBeInTheDocument();
    expect(done).toHaveTextContent("Selesai pada 4 Maret 2026.");
    expect(done).toHaveTextContent("Kode sertifikat: PBN-7K3M-Q9XA");
    expect(within(done).getByRole("button", { name: "Unduh sertifikat Pengadaan Barang dan Jasa" })).toBeInTheDocument();
    expect(within(done).getByRole("link", { name: "Periksa keaslian Pengadaan Barang dan Jasa" })).toHaveAttribute("href", "/c/PBN-7K3M-Q9XA");
    expect(within(done).getByRole("link", { name: "Buka kembali Pengadaan Barang dan Jasa" })).toHaveAttribute("href", `/learning/${DONE_ID}`);
  });

  it("registers for an open session and says when it lands on the waiting list", async () => {
    const { calls } = learningApi();
    at();
    const open = await screen.findByRole("region", { name: "Angkatan yang dapat saya ikuti" });
    const full = await within(open).findByRole("article", { name: "Komunikasi Efektif" });
    expect(full).toHaveTextContent("Sisa 0 dari 20 tempat. Pendaftar baru masuk daftar tunggu.");
    expect(within(card("Pelayanan Prima")).getByText("Sisa 18 dari 30 tempat.")).toBeInTheDocument();
    await userEvent.click(within(full).getByRole("button", { name: "Daftar Komunikasi Efektif — Angkatan III 2026" }));
    expect(await within(full).findByText("Angkatan III 2026 sudah penuh: Anda masuk daftar tunggu.")).toBeInTheDocument();
    expect(within(full).queryByRole("button", { name: /^Daftar/ })).not.toBeInTheDocument();
    expect(callsTo(calls, "POST", `/api/v1/sessions/${FULL.id}/register`)).toHaveLength(1);
    // My enrolments are fetched again, now with the new one.
    await waitFor(() => expect(callsTo(calls, "GET", "/api/v1/me/learning").length).toBeGreaterThan(1));

    await userEvent.click(within(card("Pelayanan Prima")).getByRole("button", { name: "Daftar Pelayanan Prima — Angkatan II 2026" }));
    expect(await within(card("Pelayanan Prima")).findByText("Anda terdaftar di Angkatan II 2026.")).toBeInTheDocument();
  });

  it("recommends programmes with the gaps they close, competency from and to", async () => {
    learningApi();
    at();
    const recommended = await screen.findByRole("region", { name: "Program yang disarankan" });
    const rec = await within(recommended).findByRole("article", { name: "Komunikasi Efektif" });
    expect(rec).toHaveTextContent("KOM-01 · Pelatihan · 16 JP");
    expect(rec).toHaveTextContent("Menutup 1 level kesenjangan:");
    await waitFor(() => expect(within(rec).getByRole("listitem")).toHaveTextContent("M3 Komunikasi: dari Level 2 ke Level 3 (standar jabatan: level 3)"));
  });

  it("invites feedback on the sessions whose reaction is awaited, and says nothing when none is", async () => {
    const view = learningApi([
      { enrolment_id: DONE_ID, session_id: SESSION_ID, session_name: "Angkatan I 2026", programme_title: "Pengadaan Barang dan Jasa", start_date: "2026-03-02", end_date: "2026-03-04", completed_on: "2026-03-04" },
    ]);
    const { unmount } = at();
    const pending = await screen.findByRole("region", { name: "Penilaian pelatihan menunggu Anda" });
    expect(pending).toHaveTextContent("Pengadaan Barang dan Jasa · Angkatan I 2026 · 2 Maret 2026 – 4 Maret 2026");
    expect(within(pending).getByRole("link", { name: "Beri penilaian Pengadaan Barang dan Jasa" })).toHaveAttribute("href", `/me/reactions/${SESSION_ID}`);
    expect(callsTo(view.calls, "GET", "/api/v1/me/reactions/pending")).toHaveLength(1);
    unmount();
    const none = learningApi();
    at();
    await screen.findByRole("region", { name: "Program yang saya ikuti" });
    await waitFor(() => expect(callsTo(none.calls, "GET", "/api/v1/me/reactions/pending")).toHaveLength(1));
    expect(screen.queryByRole("region", { name: "Penilaian pelatihan menunggu Anda" })).not.toBeInTheDocument();
  });

  it("says so to an account without an employee record, asking nothing", () => {
    const { calls } = stubApi(() => undefined);
    at(signedIn(["agency_admin"]));
    expect(screen.getByText(/tidak terhubung dengan data pegawai/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
