import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session as signedIn, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import type { FollowUp, Settings, SettingsRequest } from "./api";
import { wholeIn } from "./FollowUpsPage";
import EvaluationRoutes from "./routes";
import { ABOUT_SITI, AGENCY_ID, SESSION_ID, callsTo, followUp, lastBody, session, settings, uuid } from "./testData";

const at = (s: SessionValue = signedIn(["agency_admin"]), path = "/evaluation/follow-ups") => renderApp(<EvaluationRoutes section="admin" />, { path, route: "/evaluation/*", session: s });

/** Siti's supervisor, overdue and reminded twice; Ahmad himself, overdue. */
const SUPERVISOR_TASK: FollowUp = { ...ABOUT_SITI, respondent_id: uuid(450), respondent_name: "Hendra Gunawan", respondent_nip: "197805102003121002" };
const PARTICIPANT_TASK = followUp({ id: uuid(7005), status: "overdue", due_on: "2026-04-08", reminder_count: 3, last_reminded_on: "2026-05-20" });
const SECOND = session({ id: uuid(6002), name: "Angkatan II 2026", programme_title: "Komunikasi Efektif" });

type Options = { list?: FollowUp[]; total?: number; put?: (b: SettingsRequest) => Response; current?: Settings };

function adminApi({ list = [SUPERVISOR_TASK, PARTICIPANT_TASK], total, put, current = settings() }: Options = {}) {
  return stubApi(async (url, req) => {
    if (url.pathname === "/api/v1/follow-ups" && req.method === "GET") return json(page(list, total ?? list.length, Number(url.searchParams.get("page") ?? 1)));
    if (url.pathname === "/api/v1/follow-ups/run" && req.method === "POST") return json({ today: "2026-09-04", participant_tasks: 3, supervisor_tasks: 2, without_supervisor: 1, reminders: 4 });
    if (url.pathname === "/api/v1/sessions") return json(page([session(), SECOND]));
    if (url.pathname === "/api/v1/evaluation-settings" && req.method === "GET") return json(current);
    if (url.pathname === "/api/v1/evaluation-settings" && req.method === "PUT") {
      const b = (await req.json()) as SettingsRequest;
      return put ? put(b) : json(settings({ follow_up_months: b.follow_up_months, reminder_days: b.reminder_days, is_default: false }));
    }
    return undefined;
  });
}

const listQueries = (calls: Request[]) => callsTo(calls, "GET", "/api/v1/follow-ups").map((c) => Object.fromEntries(new URL(c.url).searchParams));

describe("the administrators' follow-up list", () => {
  it("lists the overdue tasks by default, with names, roles, due dates and reminders", async () => {
    const { calls } = adminApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Tindak Lanjut Evaluasi" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Tugas evaluasi pasca pelatihan, jatuh tempo terlama lebih dulu" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Penjawab", "Peran", "Peserta", "Pelatihan", "Jatuh tempo", "Status", "Pengingat"]);
    const [, hendra, ahmad] = within(table).getAllByRole("row");
    expect([...(hendra?.querySelectorAll("th, td") ?? [])].map((c) => c.textContent)).toEqual([
      "Hendra Gunawan197805102003121002",
      "Atasan langsung",
      "Siti Rahmawati",
      "Pengadaan Barang dan JasaAngkatan II 2025",
      "8 April 2026",
      "Terlambat",
      "2 kaliterakhir 6 Mei 2026",
    ]);
    expect(ahmad).toHaveTextContent("Peserta");
    expect(within(ahmad as HTMLElement).getByRole("link", { name: "Manajemen Proyek Infrastruktur" })).toHaveAttribute("href", `/sessions/${SESSION_ID}/evaluation`);
    expect(listQueries(calls)[0]).toEqual({ status: "overdue", page: "1", per_page: "20" });
    expect(screen.getByRole("combobox", { name: "Status" })).toHaveValue("overdue");
    const sessions = screen.getByRole("combobox", { name: "Angkatan" });
    await waitFor(() => expect(within(sessions).getAllByRole("option").map((o) => o.textContent)).toEqual(["Semua angkatan", "Manajemen Proyek Infrastruktur — Angkatan I 2026", "Komunikasi Efektif — Angkatan II 2026"]));
  });

  it("filters by status and session, and pages through", async () => {
    const { calls } = adminApi({ total: 45 });
    at();
    await screen.findByRole("table");
    const status = screen.getByRole("combobox", { name: "Status" });
    expect(within(status).getAllByRole("option").map((o) => o.textContent)).toEqual(["Terlambat", "Terbuka", "Terjawab", "Semua status"]);
    await userEvent.selectOptions(status, "all");
    await waitFor(() => expect(listQueries(calls).at(-1)).toEqual({ page: "1", per_page: "20" }));
    await waitFor(() => expect(screen.getByRole("option", { name: "Komunikasi Efektif — Angkatan II 2026" })).toBeInTheDocument());
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Angkatan" }), SECOND.id);
    await waitFor(() => expect(listQueries(calls).at(-1)).toEqual({ session_id: SECOND.id, page: "1", per_page: "20" }));
    await userEvent.click(screen.getByRole("button", { name: "Berikutnya" }));
    await waitFor(() => expect(listQueries(calls).at(-1)).toEqual({ session_id: SECOND.id, page: "2", per_page: "20" }));
  });

  it("opens on a session's tasks from its evaluation, whatever their status", async () => {
    const { calls } = adminApi();
    at(undefined, `/evaluation/follow-ups?status=all&session_id=${SESSION_ID}`);
    await screen.findByRole("table");
    expect(listQueries(calls)[0]).toEqual({ session_id: SESSION_ID, page: "1", per_page: "20" });
    expect(screen.getByRole("combobox", { name: "Status" })).toHaveValue("all");
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Angkatan" })).toHaveValue(SESSION_ID));
  });

  it("runs the scheduler and shows what it did", async () => {
    const { calls } = adminApi();
    at();
    await screen.findByRole("table");
    await userEvent.click(screen.getByRole("button", { name: "Jalankan penjadwal" }));
    const done = await screen.findByText("Penjadwal dijalankan untuk 4 September 2026.");
    const notice = done.closest(".notice") as HTMLElement;
    expect(within(notice).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Tugas peserta dibuat: 3",
      "Tugas atasan dibuat: 2",
      "Peserta tanpa atasan langsung: 1",
      "Pengingat dicatat: 4",
    ]);
    const run = callsTo(calls, "POST", "/api/v1/follow-ups/run");
    expect(run).toHaveLength(1);
    expect(new URL(run[0]?.url ?? "").search).toBe("");
    // The list is fetched again.
    await waitFor(() => expect(listQueries(calls).length).toBeGreaterThan(1));
  });

  it("says when nothing matches", async () => {
    adminApi({ list: [] });
    at();
    expect(await screen.findByText("Tidak ada tugas evaluasi yang sesuai dengan saringan ini.")).toBeInTheDocument();
  });

  it("is for administrators only", () => {
    const { calls } = adminApi();
    at(signedIn(["trainer"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(calls).toHaveLength(0);
  });
});

describe("the follow-up settings", () => {
  const form = () => screen.getByRole("form", { name: "Pengaturan evaluasi pasca pelatihan" });

  it("shows the agency's settings and saves new ones", async () => {
    const { calls } = adminApi();
    at();
    const months = await within(await screen.findByRole("form", { name: "Pengaturan evaluasi pasca pelatihan" })).findByRole("spinbutton", { name: /^Jatuh tempo \(bulan setelah selesai\)/ });
    const days = within(form()).getByRole("spinbutton", { name: /^Jarak pengingat \(hari\)/ });
    expect(months).toHaveValue(6);
    expect(days).toHaveValue(14);
    expect(months).toHaveAccessibleDescription("1 sampai 24 bulan setelah peserta menyelesaikan pelatihan.");
    expect(within(form()).getByText("Instansi ini memakai pengaturan bawaan.")).toBeInTheDocument();
    await userEvent.clear(months);
    await userEvent.type(months, "3");
    await userEvent.clear(days);
    await userEvent.type(days, "30");
    await userEvent.click(within(form()).getByRole("button", { name: "Simpan pengaturan" }));
    expect(await within(form()).findByText("Pengaturan tersimpan. Tugas yang sudah dibuat tetap memakai tanggal jatuh temponya.")).toBeInTheDocument();
    expect(await lastBody(calls, "PUT", "/api/v1/evaluation-settings")).toEqual({ follow_up_months: 3, reminder_days: 30 });
    expect(within(form()).queryByText("Instansi ini memakai pengaturan bawaan.")).not.toBeInTheDocument();
  });

  it("checks the ranges before sending, and shows the API's field errors at their field", async () => {
    const { calls } = adminApi({ put: () => problem(422, "validation_failed", [{ field: "reminder_days", code: "out_of_range", message: "must be from 1 to 90 days" }]) });
    at();
    const months = await within(await screen.findByRole("form", { name: "Pengaturan evaluasi pasca pelatihan" })).findByRole("spinbutton", { name: /^Jatuh tempo/ });
    const days = within(form()).getByRole("spinbutton", { name: /^Jarak pengingat/ });
    await userEvent.clear(months);
    await userEvent.type(months, "25");
    await userEvent.clear(days);
    await userEvent.click(within(form()).getByRole("button", { name: "Simpan pengaturan" }));
    expect(months).toHaveAccessibleDescription("Di luar rentang yang diizinkan.");
    expect(days).toHaveAccessibleDescription("Wajib diisi.");
    expect(callsTo(calls, "PUT", "/api/v1/evaluation-settings")).toHaveLength(0);

    await userEvent.clear(months);
    await userEvent.type(months, "12");
    await userEvent.type(days, "45");
    await userEvent.click(within(form()).getByRole("button", { name: "Simpan pengaturan" }));
    await waitFor(() => expect(days).toHaveAccessibleDescription("Di luar rentang yang diizinkan."));
    expect(months).not.toHaveAttribute("aria-invalid");
    expect(await lastBody(calls, "PUT", "/api/v1/evaluation-settings")).toEqual({ follow_up_months: 12, reminder_days: 45 });
  });

  it("names the agency for a super admin, and asks one to be chosen first", async () => {
    const { calls } = adminApi({ current: settings({ is_default: false, follow_up_months: 9 }) });
    const view = at(signedIn(["super_admin"], { agencyId: AGENCY_ID }));
    const months = await within(await screen.findByRole("form", { name: "Pengaturan evaluasi pasca pelatihan" })).findByRole("spinbutton", { name: /^Jatuh tempo/ });
    expect(months).toHaveValue(9);
    expect(new URL(callsTo(calls, "GET", "/api/v1/evaluation-settings")[0]?.url ?? "").searchParams.get("agency_id")).toBe(AGENCY_ID);
    await userEvent.click(within(form()).getByRole("button", { name: "Simpan pengaturan" }));
    await within(form()).findByText(/Pengaturan tersimpan/);
    expect(await lastBody(calls, "PUT", "/api/v1/evaluation-settings")).toEqual({ agency_id: AGENCY_ID, follow_up_months: 9, reminder_days: 14 });
    await userEvent.click(screen.getByRole("button", { name: "Jalankan penjadwal" }));
    await screen.findByText(/Penjadwal dijalankan/);
    expect(new URL(callsTo(calls, "POST", "/api/v1/follow-ups/run")[0]?.url ?? "").searchParams.get("agency_id")).toBe(AGENCY_ID);
    expect(listQueries(calls)[0]).toMatchObject({ agency_id: AGENCY_ID });
    view.unmount();

    const all = adminApi();
    at(signedIn(["super_admin"]));
    const section = await screen.findByRole("region", { name: "Pengaturan evaluasi pasca pelatihan" });
    expect(within(section).getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(callsTo(all.calls, "GET", "/api/v1/evaluation-settings")).toHaveLength(0);
    // Every agency's list, and the scheduler for every agency.
    await screen.findByRole("table");
    await userEvent.click(screen.getByRole("button", { name: "Jalankan penjadwal" }));
    await screen.findByText(/Penjadwal dijalankan/);
    expect(new URL(callsTo(all.calls, "POST", "/api/v1/follow-ups/run")[0]?.url ?? "").search).toBe("");
  });

  it("reads a whole number in a range", () => {
    expect(wholeIn(" 6 ", { min: 1, max: 24 })).toBe(6);
    expect(wholeIn("", { min: 1, max: 24 })).toBe("required");
    expect(wholeIn("2.5", { min: 1, max: 24 })).toBe("out_of_range");
    expect(wholeIn("91", { min: 1, max: 90 })).toBe("out_of_range");
  });
});
