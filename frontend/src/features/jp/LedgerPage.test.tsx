import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import i18n from "../../i18n";
import JpRoutes from "./routes";
import { ACTIVITY, EMPLOYEE_ID, EXTERNAL, YEAR, credit, employee, lastBody, ledger, queriesTo } from "./testData";
import type { Credit } from "./api";

/** An employee signed in with their employee record. */
function employeeSession(employeeId: string | null = EMPLOYEE_ID): SessionValue {
  const s = session(["employee"]);
  return { ...s, me: s.me ? { ...s.me, employee_id: employeeId } : null };
}

const mine = (s = employeeSession(), path = "/me/jp") => renderApp(<JpRoutes section="mine" />, { path, route: "/me/jp", session: s });
const ofEmployee = (s = session(["agency_admin"]), path = `/employees/${EMPLOYEE_ID}/jp`) => renderApp(<JpRoutes section="employee" />, { path, route: "/employees/:id/jp", session: s });

const RECORDED = credit({ id: "00000000-0000-7000-8000-000000000904", source: "external", reference: "SERT-2026-0099", title: "Pelatihan Kepemimpinan Pengawas", activity_kind: "training", jp: 10, occurred_on: `${YEAR}-04-30` });

function ledgerApi(onCreate?: (req: Request) => Response | Promise<Response>, onDelete?: (id: string) => Response) {
  return stubApi(async (url, req) => {
    if (url.pathname === "/api/v1/me/jp") return json(ledger({ year: Number(url.searchParams.get("year")) }));
    if (url.pathname === `/api/v1/employees/${EMPLOYEE_ID}/jp`) {
      const year = Number(url.searchParams.get("year"));
      return json(year === YEAR ? ledger() : ledger({ year, standing: { total_jp: 24, target_jp: 20, shortfall_jp: 0, meets: true }, credits: [credit({ year, occurred_on: `${year}-06-01`, jp: 24 })] }));
    }
    if (url.pathname === `/api/v1/employees/${EMPLOYEE_ID}`) return json(employee());
    if (url.pathname === "/api/v1/jp-credits" && req.method === "POST") return onCreate ? onCreate(req) : json(RECORDED, 201);
    const del = /^\/api\/v1\/jp-credits\/(.+)$/.exec(url.pathname);
    if (del && req.method === "DELETE") return onDelete ? onDelete(del[1] ?? "") : new Response(null, { status: 204 });
    return undefined;
  });
}

/** The row of a credit, by its title. */
const rowOf = async (c: Pick<Credit, "title">) => {
  const header = await screen.findByRole("rowheader", { name: new RegExp(`^${c.title}`) });
  return header.closest("tr") as HTMLElement;
};
const cellsOf = (row: Element) => Array.from(row.children).map((c) => c.textContent);

async function openForm() {
  await userEvent.click(await screen.findByRole("button", { name: "Catat kegiatan" }));
  return screen.getByRole("dialog", { name: "Catat kegiatan" });
}

async function fillForm(dialog: HTMLElement) {
  await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Jenis kegiatan" }), "training");
  await userEvent.type(within(dialog).getByRole("textbox", { name: "Nama kegiatan" }), "Pelatihan Kepemimpinan Pengawas");
  await userEvent.type(within(dialog).getByLabelText(/^Tanggal selesai/), `${YEAR}-04-30`);
  await userEvent.type(within(dialog).getByRole("textbox", { name: /^Penyelenggara/ }), "BPSDM Provinsi Bengkulu");
  await userEvent.type(within(dialog).getByRole("textbox", { name: /^Nomor referensi/ }), "SERT-2026-0099");
}

describe("JP record", () => {
  it("shows the employee their own progress toward 20 JP, “12,5 / 20 JP”, and every credit", async () => {
    const { calls } = ledgerApi();
    mine();
    expect(await screen.findByRole("heading", { level: 1, name: "JP Saya" })).toBeInTheDocument();
    expect(await screen.findByTestId("jp-progress")).toHaveTextContent("12,5 / 20 JP");
    const bar = screen.getByRole("progressbar", { name: `Capaian JP tahun ${YEAR}` });
    expect(bar).toHaveAttribute("aria-valuenow", "12.5");
    expect(bar).toHaveAttribute("aria-valuemax", "20");
    expect(bar).toHaveAttribute("aria-valuetext", "12,5 / 20 JP");
    expect(bar.querySelector("span")).toHaveStyle({ width: "62.5%" });
    expect(screen.getByText(`Kurang 7,5 JP untuk mencapai 20 JP tahun ${YEAR}.`)).toBeInTheDocument();
    expect(queriesTo(calls, "/api/v1/me/jp")[0]?.get("year")).toBe(String(YEAR));

    const table = screen.getByRole("table", { name: `Kegiatan yang diakui tahun ${YEAR}` });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Tanggal", "Kegiatan", "Jenis", "Sumber", "JP"]);
    expect(cellsOf(await rowOf(credit()))).toEqual([`5 Maret ${YEAR}`, "Pelatihan Pelayanan PrimaBPSDM Provinsi Bengkulu", "PelatihanKlasikal", "Pembina", "8"]);
    expect(cellsOf(await rowOf(EXTERNAL))).toEqual([`10 Februari ${YEAR}`, "Bimtek Pengadaan Barang/JasaLKPP · Ref. SERT-2026-0042", "Bimbingan teknisKlasikal", "Pelatihan luar", "3"]);
    // A generated reference is not shown; the minutes given are.
    expect(cellsOf(await rowOf(ACTIVITY))).toEqual([`20 Januari ${YEAR}`, "Coaching oleh atasan", "CoachingNonklasikal", "Kegiatan nonklasikal", "1,5dari 90 menit"]);
    // The employee reads; only administrators record and remove.
    expect(screen.queryByRole("button", { name: "Catat kegiatan" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Hapus/ })).not.toBeInTheDocument();
  });

  it("tells an account without an employee record that it has no JP record", async () => {
    stubApi((url) => (url.pathname === "/api/v1/me/jp" ? json(ledger({ employee_id: null, credits: [], standing: { total_jp: 0, target_jp: 20, shortfall_jp: 20, meets: false } })) : undefined));
    mine(employeeSession(null));
    expect(await screen.findByText("Akun Anda belum terhubung dengan data pegawai, sehingga belum ada catatan JP.")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  it("shows an administrator the employee's record of another year", async () => {
    const { calls } = ledgerApi();
    ofEmployee();
    expect(await screen.findByRole("heading", { level: 1, name: "Catatan JP: Ahmad Fauzi" })).toBeInTheDocument();
    expect(screen.getByText("NIP 198507152010011003 · Dinas Kesehatan")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "← Kembali ke capaian 20 JP" })).toHaveAttribute("href", "/jp");
    await screen.findByTestId("jp-progress");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Tahun" }), String(YEAR - 1));
    await waitFor(() => expect(screen.getByTestId("jp-progress")).toHaveTextContent("24 / 20 JP"));
    expect(screen.getByText(`Target 20 JP tahun ${YEAR - 1} terpenuhi.`)).toBeInTheDocument();
    expect(screen.getByRole("progressbar").querySelector("span")).toHaveStyle({ width: "100%" });
    expect(queriesTo(calls, `/api/v1/employees/${EMPLOYEE_ID}/jp`).at(-1)?.get("year")).toBe(String(YEAR - 1));
  });

  it("records a training outside Pembina in JP", async () => {
    const { calls } = ledgerApi();
    ofEmployee();
    const dialog = await openForm();
    expect(within(dialog).getByRole("combobox", { name: "Sumber" })).toHaveValue("external");
    const kind = within(dialog).getByRole("combobox", { name: "Jenis kegiatan" });
    expect(within(kind).getAllByRole("group").map((g) => g.getAttribute("label"))).toEqual(["Klasikal", "Nonklasikal"]);
    expect(within(kind).getAllByRole("option")).toHaveLength(15);
    await fillForm(dialog);
    expect(kind).toHaveAccessibleDescription("Bentuk: Klasikal");
    expect(within(dialog).getByRole("radio", { name: "Jam pelajaran (JP)" })).toBeChecked();
    await userEvent.type(within(dialog).getByRole("spinbutton", { name: "Jumlah JP" }), "12.5");
    await userEvent.click(within(dialog).getByRole("button", { name: "Catat" }));

    expect(await screen.findByText("“Pelatihan Kepemimpinan Pengawas” tercatat: 10 JP.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(await lastBody(calls, "POST", "/api/v1/jp-credits")).toEqual({
      employee_id: EMPLOYEE_ID,
      source: "external",
      activity_kind: "training",
      title: "Pelatihan Kepemimpinan Pengawas",
      occurred_on: `${YEAR}-04-30`,
      provider: "BPSDM Provinsi Bengkulu",
      reference: "SERT-2026-0099",
      jp: 12.5,
    });
  });

  it("records a non-classical activity in minutes, without provider or reference", async () => {
    const { calls } = ledgerApi(() => json(ACTIVITY, 201));
    ofEmployee();
    const dialog = await openForm();
    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Sumber" }), "activity");
    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Jenis kegiatan" }), "coaching");
    expect(within(dialog).getByRole("combobox", { name: "Jenis kegiatan" })).toHaveAccessibleDescription("Bentuk: Nonklasikal");
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Nama kegiatan" }), "Coaching oleh atasan");
    await userEvent.type(within(dialog).getByLabelText(/^Tanggal selesai/), `${YEAR}-01-20`);
    await userEvent.click(within(dialog).getByRole("radio", { name: "Menit" }));
    expect(within(dialog).queryByRole("spinbutton", { name: "Jumlah JP" })).not.toBeInTheDocument();
    const minutes = within(dialog).getByRole("spinbutton", { name: "Lama (menit)" });
    expect(minutes).toHaveAccessibleDescription("1–100000 menit; 45 menit = 1 JP.");
    await userEvent.type(minutes, "90");
    await userEvent.click(within(dialog).getByRole("button", { name: "Catat" }));
    expect(await screen.findByText("“Coaching oleh atasan” tercatat: 1,5 JP.")).toBeInTheDocument();
    expect(await lastBody(calls, "POST", "/api/v1/jp-credits")).toEqual({
      employee_id: EMPLOYEE_ID,
      source: "activity",
      activity_kind: "coaching",
      title: "Coaching oleh atasan",
      occurred_on: `${YEAR}-01-20`,
      provider: null,
      reference: null,
      minutes: 90,
    });
  });

  it("checks the required fields before sending", async () => {
    const { calls } = ledgerApi();
    ofEmployee();
    const dialog = await openForm();
    await userEvent.click(within(dialog).getByRole("button", { name: "Catat" }));
    expect(within(dialog).getByRole("textbox", { name: "Nama kegiatan" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(dialog).getByRole("combobox", { name: "Jenis kegiatan" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(dialog).getByLabelText(/^Tanggal selesai/)).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(dialog).getByRole("spinbutton", { name: "Jumlah JP" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("shows the API's errors at their fields: JP with too many decimals, a date out of range", async () => {
    ledgerApi(() =>
      problem(422, "validation_failed", [
        { field: "jp", code: "too_precise", message: "must have at most two decimals" },
        { field: "occurred_on", code: "out_of_range", message: "must be a date from 2000 to 2100" },
      ]),
    );
    ofEmployee();
    const dialog = await openForm();
    await fillForm(dialog);
    await userEvent.type(within(dialog).getByRole("spinbutton", { name: "Jumlah JP" }), "12.555");
    await userEvent.click(within(dialog).getByRole("button", { name: "Catat" }));
    const jp = within(dialog).getByRole("spinbutton", { name: "Jumlah JP" });
    await waitFor(() => expect(jp).toHaveAttribute("aria-invalid", "true"));
    expect(jp).toHaveAccessibleDescription("Paling banyak dua angka di belakang koma.");
    expect(within(dialog).getByLabelText(/^Tanggal selesai/)).toHaveAccessibleDescription("Di luar rentang yang diizinkan.");
    expect(within(dialog).getByRole("textbox", { name: "Nama kegiatan" })).not.toHaveAttribute("aria-invalid");
    // Everything is shown at a field: no general message besides.
    expect(within(dialog).queryByText("Ada isian yang belum benar.")).not.toBeInTheDocument();
  });

  it("shows a reference already recorded at the reference", async () => {
    ledgerApi(() => problem(409, "duplicate", [{ field: "reference", code: "duplicate", message: "SERT-2026-0099 is already credited to this employee as external activity" }]));
    ofEmployee();
    const dialog = await openForm();
    await fillForm(dialog);
    await userEvent.type(within(dialog).getByRole("spinbutton", { name: "Jumlah JP" }), "10");
    await userEvent.click(within(dialog).getByRole("button", { name: "Catat" }));
    const reference = within(dialog).getByRole("textbox", { name: /^Nomor referensi/ });
    await waitFor(() => expect(reference).toHaveAttribute("aria-invalid", "true"));
    expect(reference).toHaveAccessibleDescription("Nomor referensi ini sudah tercatat untuk pegawai ini.");
  });

  it("removes a credit not from a Pembina session, after confirming", async () => {
    const { calls } = ledgerApi();
    ofEmployee();
    // A session's credit follows its enrolment: no remove button.
    expect(within(await rowOf(credit())).queryByRole("button")).not.toBeInTheDocument();
    expect(within(await rowOf(credit())).getByText("Mengikuti pendaftaran angkatan")).toBeInTheDocument();
    await userEvent.click(within(await rowOf(EXTERNAL)).getByRole("button", { name: `Hapus ${EXTERNAL.title}` }));
    const dialog = screen.getByRole("dialog", { name: "Hapus catatan JP" });
    expect(dialog).toHaveTextContent(`Hapus “${EXTERNAL.title}” (3 JP) dari catatan JP pegawai ini?`);
    await userEvent.click(within(dialog).getByRole("button", { name: "Batal" }));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);

    await userEvent.click(within(await rowOf(ACTIVITY)).getByRole("button", { name: `Hapus ${ACTIVITY.title}` }));
    await userEvent.click(within(screen.getByRole("dialog", { name: "Hapus catatan JP" })).getByRole("button", { name: "Hapus" }));
    expect(await screen.findByText(`“${ACTIVITY.title}” dihapus dari catatan JP.`)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => new URL(c.url).pathname)).toEqual([`/api/v1/jp-credits/${ACTIVITY.id}`]);
  });

  it("explains when the API refuses to remove a session's credit", async () => {
    ledgerApi(undefined, () => problem(409, "session_credit"));
    ofEmployee();
    await userEvent.click(within(await rowOf(EXTERNAL)).getByRole("button", { name: `Hapus ${EXTERNAL.title}` }));
    const dialog = screen.getByRole("dialog", { name: "Hapus catatan JP" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Hapus" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("JP dari angkatan Pembina mengikuti pendaftarannya dan tidak dapat dihapus di sini.");
  });

  it("lets a supervisor read an employee's record without changing it", async () => {
    ledgerApi();
    ofEmployee(session(["supervisor", "employee"]));
    expect(await screen.findByTestId("jp-progress")).toHaveTextContent("12,5 / 20 JP");
    expect(screen.queryByRole("button", { name: "Catat kegiatan" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Kembali/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("columnheader", { name: "Tindakan" })).not.toBeInTheDocument();
  });

  it("speaks English, with English decimals", async () => {
    ledgerApi();
    await i18n.changeLanguage("en");
    mine();
    expect(await screen.findByRole("heading", { level: 1, name: "My JP" })).toBeInTheDocument();
    expect(await screen.findByTestId("jp-progress")).toHaveTextContent("12.5 / 20 JP");
    expect(cellsOf(await rowOf(EXTERNAL)).slice(2, 4)).toEqual(["Technical guidance (bimtek)Classical", "External training"]);
  });
});
