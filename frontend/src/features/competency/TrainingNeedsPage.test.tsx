import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import i18n from "../../i18n";
import CompetencyRoutes from "./routes";
import { EMPLOYEE_ID, M1, M2, UNIT_ID, lastBody, learningSession, need, planItem, programme, queriesTo, ref, unit } from "./testData";
import { today } from "./api";

const at = (s = session(["agency_admin"]), path = "/competencies/needs") => renderApp(<CompetencyRoutes />, { path, route: "/competencies/*", session: s });
const YEAR = new Date().getFullYear() + 1;
const weights = { gap: 0.4, depth: 0.2, survey: 0.15, performance: 0.15, citizen: 0.1 };
const SECOND = need({
  rank: 2,
  competency: ref(M1),
  score: 33.3,
  contributions: [
    { signal: "gap", value: 0.3333, weight: 0.6667, points: 22.2 },
    { signal: "depth", value: 0.5, weight: 0.3333, points: 11.1 },
  ],
  share_below: 0.3333,
  below_count: 1,
  mean_gap: 2,
  employees_below: [{ employee_id: EMPLOYEE_ID, name: "Ahmad Fauzi", nip: "198507152010011003", required: 3, achieved: 1 }],
});

function needsApi(onPlan?: (req: Request) => Response | Promise<Response>) {
  return stubApi(async (url, req) => {
    if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
    if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
    if (url.pathname === "/api/v1/competencies") return json(page([M1, M2]));
    if (url.pathname === "/api/v1/development-plan" && req.method === "POST") return onPlan ? onPlan(req) : json(planItem(), 201);
    if (url.pathname === "/api/v1/training-needs") {
      const forUnit = url.searchParams.get("org_unit_id");
      return json({ agency_id: "00000000-0000-7000-8000-0000000000a1", org_unit_id: forUnit, weights, items: forUnit ? [SECOND] : [need(), SECOND] });
    }
    return undefined;
  });
}

const rowOf = (code: string) => {
  const row = document.querySelector(`tr[data-code="${code}"]`);
  if (!row) throw new Error(`no need ${code}`);
  return row as HTMLElement;
};

describe("training needs", () => {
  it("ranks the agency's needs with score, share below, mean gap and an explanation", async () => {
    const { calls } = needsApi();
    at();
    const table = await screen.findByRole("table", { name: "Kebutuhan pelatihan menurut peringkat" });
    expect(within(table).getAllByRole("rowheader").map((h) => h.firstChild?.textContent)).toEqual(["M2 · Kerja Sama", "M1 · Integritas"]);
    const first = within(rowOf("M2")).getAllByRole("cell");
    expect(first.map((c) => c.className)).toEqual(["num", "score", "", "", "explanation", "actions"]);
    expect(first[0]).toHaveTextContent("1");
    expect(first[1]).toHaveTextContent("75,0");
    expect(first[1]?.querySelector(".scorebar span")).toHaveStyle({ width: "75%" });
    expect(first[2]).toHaveTextContent("100%3 dari 3 pegawai");
    expect(first[3]).toHaveTextContent("1 level");
    expect(within(first[4] as HTMLElement).getByText("Kesenjangan: 66,7 poin · Kedalaman: 8,3 poin; tanpa data: survei, kinerja, pengaduan masyarakat")).toBeInTheDocument();
    expect(within(rowOf("M1")).getByText("Kesenjangan: 22,2 poin · Kedalaman: 11,1 poin; tanpa data: survei, kinerja, pengaduan masyarakat")).toBeInTheDocument();
    expect(within(rowOf("M1")).getAllByRole("cell")[3]).toHaveTextContent("2 level");
    // Agency-wide: no unit asked for.
    expect(queriesTo(calls, "/api/v1/training-needs")[0]?.has("org_unit_id")).toBe(false);
  });

  it("expands the list of employees below standard", async () => {
    needsApi();
    at();
    await screen.findByRole("table");
    const row = rowOf("M2");
    const toggle = within(row).getByText("Pegawai di bawah standar (3)");
    const details = toggle.closest("details") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await userEvent.click(toggle);
    expect(details.open).toBe(true);
    const items = within(details).getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual(["Ahmad Fauzi 198507152010011003 — level 2 dari 3", "Siti Rahmawati 197901012005012001 — belum dinilai, dibutuhkan level 3"]);
    expect(within(details).getByRole("link", { name: "Ahmad Fauzi" })).toHaveAttribute("href", `/competencies/employees/${EMPLOYEE_ID}`);
    expect(within(details).getByText("Menampilkan 2 dari 3 pegawai.")).toBeInTheDocument();
  });

  it("narrows to a unit", async () => {
    const { calls } = needsApi();
    at();
    await screen.findByRole("table");
    const select = screen.getByRole("combobox", { name: "Unit organisasi" });
    expect(within(select).getByRole("option", { name: "Seluruh instansi" })).toBeInTheDocument();
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(2));
    await userEvent.selectOptions(select, UNIT_ID);
    await waitFor(() => expect(document.querySelector('tr[data-code="M2"]')).toBeNull());
    expect(queriesTo(calls, "/api/v1/training-needs").at(-1)?.get("org_unit_id")).toBe(UNIT_ID);
    expect(rowOf("M1")).toBeInTheDocument();
  });

  it("puts a need into the plan: competency, unit, score and the employees below standard come prefilled", async () => {
    const { calls } = needsApi();
    at(undefined, `/competencies/needs?unit=${UNIT_ID}`);
    await screen.findByRole("table");
    await userEvent.click(within(rowOf("M1")).getByRole("button", { name: "Masukkan ke rencana M1 · Integritas" }));
    const dialog = screen.getByRole("dialog", { name: "Masukkan ke rencana: M1 · Integritas" });
    await waitFor(() => expect(within(dialog).getByRole("combobox", { name: "Kompetensi" })).toHaveValue(M1.id));
    expect(within(dialog).getByRole("spinbutton", { name: "Tahun rencana" })).toHaveValue(YEAR);
    await waitFor(() => expect(within(dialog).getByRole("combobox", { name: /^Unit organisasi/ })).toHaveValue(UNIT_ID));
    expect(within(dialog).getByTestId("need-score")).toHaveTextContent("Skor kebutuhan: 33,3");
    const targets = within(dialog).getByRole("group", { name: "Peserta (1 dipilih)" });
    expect(within(targets).getByRole("checkbox", { name: "Ahmad Fauzi (198507152010011003) — level 1 dari 3" })).toBeChecked();

    await userEvent.type(within(dialog).getByRole("textbox", { name: "Nama kegiatan" }), "Pelatihan Integritas");
    const kind = within(dialog).getByRole("combobox", { name: "Jenis kegiatan" });
    // 14 kinds in two groups: the form follows from the kind.
    expect(within(kind).getAllByRole("option")).toHaveLength(15);
    expect(within(kind).getAllByRole("group").map((g) => g.getAttribute("label"))).toEqual(["Klasikal", "Nonklasikal"]);
    await userEvent.selectOptions(kind, "bimtek");
    expect(kind).toHaveAccessibleDescription("Bentuk: Klasikal");
    await userEvent.selectOptions(kind, "mentoring");
    expect(kind).toHaveAccessibleDescription("Bentuk: Nonklasikal");
    await userEvent.type(within(dialog).getByRole("textbox", { name: /^Penyelenggara/ }), "BPSDM Provinsi Bengkulu");
    await userEvent.type(within(dialog).getByLabelText(/^Tanggal mulai/), `${YEAR}-04-06`);
    await userEvent.type(within(dialog).getByLabelText(/^Tanggal selesai/), `${YEAR}-04-10`);
    await userEvent.type(within(dialog).getByRole("spinbutton", { name: /^Jam pelajaran/ }), "24");
    await userEvent.type(within(dialog).getByRole("spinbutton", { name: /^Anggaran/ }), "15000000");
    await userEvent.click(within(dialog).getByRole("button", { name: "Masukkan ke rencana" }));

    expect(await screen.findByText(`“${planItem().title}” masuk Rencana Pengembangan ${YEAR}.`)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: `Lihat rencana ${YEAR}` })).toHaveAttribute("href", `/competencies/plan?year=${YEAR}`);
    expect(await lastBody(calls, "POST", "/api/v1/development-plan")).toEqual({
      year: YEAR,
      competency_id: M1.id,
      org_unit_id: UNIT_ID,
      title: "Pelatihan Integritas",
      activity_kind: "mentoring",
      provider: "BPSDM Provinsi Bengkulu",
      planned_start: `${YEAR}-04-06`,
      planned_end: `${YEAR}-04-10`,
      jp: 24,
      budget: 15_000_000,
      need_score: 33.3,
      employee_ids: [EMPLOYEE_ID],
    });
  });

  it("shows the plan's errors at their fields, down to one participant", async () => {
    const { calls } = needsApi(() =>
      problem(422, "validation_failed", [
        { field: "planned_end", code: "before_start", message: "cannot be earlier than planned_start" },
        { field: "employee_ids[1]", code: "unknown_reference", message: "no such employee in this agency" },
      ]),
    );
    at();
    await screen.findByRole("table");
    await userEvent.click(within(rowOf("M2")).getByRole("button", { name: "Masukkan ke rencana M2 · Kerja Sama" }));
    const dialog = screen.getByRole("dialog", { name: "Masukkan ke rencana: M2 · Kerja Sama" });
    // The agency's list: no unit; two of the three below standard are listed.
    expect(within(dialog).getByRole("combobox", { name: /^Unit organisasi/ })).toHaveValue("");
    expect(within(dialog).getByText("1 pegawai lain di bawah standar tidak tercantum di daftar kebutuhan.")).toBeInTheDocument();

    // Nothing is sent without a title and a kind.
    await userEvent.click(within(dialog).getByRole("button", { name: "Masukkan ke rencana" }));
    expect(within(dialog).getByRole("textbox", { name: "Nama kegiatan" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(dialog).getByRole("combobox", { name: "Jenis kegiatan" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);

    await userEvent.type(within(dialog).getByRole("textbox", { name: "Nama kegiatan" }), "Lokakarya Kerja Sama");
    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "Jenis kegiatan" }), "workshop");
    await userEvent.type(within(dialog).getByLabelText(/^Tanggal mulai/), `${YEAR}-05-10`);
    await userEvent.type(within(dialog).getByLabelText(/^Tanggal selesai/), `${YEAR}-05-01`);
    await userEvent.click(within(dialog).getByRole("button", { name: "Masukkan ke rencana" }));

    const end = within(dialog).getByLabelText(/^Tanggal selesai/);
    await waitFor(() => expect(end).toHaveAttribute("aria-invalid", "true"));
    expect(end).toHaveAccessibleDescription("Tidak boleh sebelum tanggal mulai.");
    const siti = within(dialog).getByRole("checkbox", { name: /^Siti Rahmawati/ });
    expect(siti).toHaveAccessibleDescription("Data rujukan tidak ditemukan di instansi ini.");
    expect(within(dialog).getByRole("checkbox", { name: /^Ahmad Fauzi/ })).not.toHaveAttribute("aria-invalid");
    expect((await lastBody(calls, "POST", "/api/v1/development-plan")) as object).toMatchObject({ org_unit_id: null, need_score: 75, employee_ids: [EMPLOYEE_ID, "00000000-0000-7000-8000-000000000402"] });

    // Leaving the participant out sends only the other.
    await userEvent.click(siti);
    expect(within(dialog).getByRole("group", { name: "Peserta (1 dipilih)" })).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Masukkan ke rencana" }));
    await waitFor(() => expect(calls.filter((c) => c.method === "POST")).toHaveLength(2));
    expect(((await lastBody(calls, "POST", "/api/v1/development-plan")) as { employee_ids: string[] }).employee_ids).toEqual([EMPLOYEE_ID]);
  });

  it("explains in English too", async () => {
    needsApi();
    await i18n.changeLanguage("en");
    at();
    await screen.findByRole("table", { name: "Training needs by rank" });
    expect(within(rowOf("M2")).getByText("Gap: 66.7 points · Depth: 8.3 points; no data: survey, performance, citizen complaints")).toBeInTheDocument();
  });

  it("asks a super admin to choose an agency first", () => {
    const { calls } = needsApi();
    at(session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});

// ---- enrolling a need's staff in a session

const uid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;
const FOUR = need({
  competency: ref(M2),
  below_count: 5,
  employees_below: [
    { employee_id: EMPLOYEE_ID, name: "Ahmad Fauzi", nip: "198507152010011003", required: 3, achieved: 2 },
    { employee_id: uid(402), name: "Siti Rahmawati", nip: "197901012005012001", required: 3, achieved: null },
    { employee_id: uid(403), name: "Budi Santoso", nip: "199001012015011001", required: 3, achieved: 1 },
    { employee_id: uid(404), name: "Dewi Lestari", nip: "199203042018012002", required: 3, achieved: 2 },
  ],
});
const P1 = programme();
const P2 = programme({ id: uid(502), code: "PKT-02", title: "Lokakarya Kolaborasi" });
const S1 = learningSession();
const S2 = learningSession({ id: uid(602), programme_id: P2.id, programme_title: P2.title, name: "Angkatan II", start_date: "2099-03-02", end_date: "2099-03-02", capacity: null, enrolled: 4, waitlisted: 0 });
const OTHER = learningSession({ id: uid(603), programme_id: uid(509), programme_title: "Pelatihan Kepemimpinan", name: "Angkatan III", start_date: "2099-07-01", end_date: "2099-07-03", capacity: 20, enrolled: 20, waitlisted: 3 });

function enrolApi(onEnrol?: (req: Request) => Response | Promise<Response>, programmes = [P1, P2]) {
  return stubApi(async (url, req) => {
    if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
    if (url.pathname === "/api/v1/training-needs") return json({ agency_id: "00000000-0000-7000-8000-0000000000a1", org_unit_id: null, weights, items: [FOUR, SECOND] });
    if (url.pathname === "/api/v1/programmes") return json(page(url.searchParams.get("competency_id") === M2.id ? programmes : []));
    if (url.pathname === "/api/v1/sessions") {
      const p = url.searchParams.get("programme_id");
      return json(page(p === P1.id ? [S1] : p === P2.id ? [S2] : p ? [] : [S1, S2, OTHER]));
    }
    if (url.pathname === `/api/v1/sessions/${S1.id}/enrolments` && req.method === "POST") {
      if (onEnrol) return onEnrol(req);
      return json([
        { employee_id: EMPLOYEE_ID, status: "enrolled", added: true },
        { employee_id: uid(402), status: "enrolled", added: true },
        { employee_id: uid(403), status: "waitlisted", added: true },
        { employee_id: uid(404), status: "enrolled", added: false },
      ]);
    }
    return undefined;
  });
}

async function openEnrol(code = "M2", name = "Kerja Sama") {
  await screen.findByRole("table");
  await userEvent.click(within(rowOf(code)).getByRole("button", { name: `Daftarkan ke angkatan ${code} · ${name}` }));
  return screen.getByRole("dialog", { name: `Daftarkan ke angkatan: ${code} · ${name}` });
}

describe("enrolling a need's staff in a session", () => {
  it("offers the sessions of the programmes for the competency, enrols the staff below standard from the needs and counts the outcome", async () => {
    const { calls } = enrolApi();
    at();
    const dialog = await openEnrol();
    expect(within(dialog).getByRole("checkbox", { name: "Hanya angkatan dari program untuk kompetensi ini" })).toBeChecked();
    const select = await within(dialog).findByRole("combobox", { name: "Angkatan" });
    // Earliest first, from both programmes aimed at M2.
    expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "— Pilih —",
      "Lokakarya Kolaborasi — Angkatan II (2 Maret 2099; 4 peserta)",
      "Pelatihan Kerja Sama Tim — Angkatan I (4 Mei 2099 – 8 Mei 2099; 12/30 peserta)",
    ]);
    expect(Object.fromEntries(queriesTo(calls, "/api/v1/programmes")[0] ?? [])).toEqual({ competency_id: M2.id, status: "published", per_page: "200" });
    const sessionQueries = queriesTo(calls, "/api/v1/sessions");
    expect(sessionQueries.map((q) => q.get("programme_id")).sort()).toEqual([P1.id, P2.id].sort());
    expect(sessionQueries.every((q) => q.get("from") === today())).toBe(true);

    const group = within(dialog).getByRole("group", { name: "Peserta (4 dipilih)" });
    expect(within(group).getAllByRole("checkbox").filter((c) => (c as HTMLInputElement).checked)).toHaveLength(4);
    expect(within(group).getByRole("checkbox", { name: "Siti Rahmawati (197901012005012001) — belum dinilai, dibutuhkan level 3" })).toBeChecked();
    expect(within(group).getByText("1 pegawai lain di bawah standar tidak tercantum di daftar kebutuhan.")).toBeInTheDocument();

    await userEvent.selectOptions(select, S1.id);
    await userEvent.click(within(dialog).getByRole("button", { name: "Daftarkan" }));

    const result = await within(dialog).findByTestId("enrol-result");
    expect(result).toHaveTextContent("Pendaftaran ke Pelatihan Kerja Sama Tim — Angkatan I selesai.");
    expect(within(result).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Terdaftar: 2 pegawai",
      "Masuk daftar tunggu: 1 pegawai",
      "Sudah terdaftar sebelumnya: 1 pegawai",
    ]);
    expect(within(result).getByRole("link", { name: "Lihat angkatan" })).toHaveAttribute("href", `/sessions/${S1.id}`);
    expect(await lastBody(calls, "POST", `/api/v1/sessions/${S1.id}/enrolments`)).toEqual({
      employee_ids: [EMPLOYEE_ID, uid(402), uid(403), uid(404)],
      source: "training_needs",
    });
    await userEvent.click(within(result).getByRole("button", { name: "Tutup" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("offers every session when not limited to the competency, and enrols only the staff left chosen", async () => {
    const { calls } = enrolApi(undefined, []);
    at();
    const dialog = await openEnrol();
    expect(await within(dialog).findByTestId("no-sessions")).toHaveTextContent("Belum ada angkatan yang berjalan atau akan datang dari program untuk kompetensi ini.");
    expect(within(dialog).getByRole("link", { name: "Buka daftar angkatan" })).toHaveAttribute("href", "/sessions");
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "Hanya angkatan dari program untuk kompetensi ini" }));
    const select = await within(dialog).findByRole("combobox", { name: "Angkatan" });
    expect(within(select).getAllByRole("option")).toHaveLength(4);
    expect(within(select).getByRole("option", { name: "Pelatihan Kepemimpinan — Angkatan III (1 Juli 2099 – 3 Juli 2099; 20/20 peserta, 3 daftar tunggu)" })).toBeInTheDocument();
    const unfiltered = queriesTo(calls, "/api/v1/sessions").at(-1);
    expect(unfiltered?.has("programme_id")).toBe(false);
    expect(unfiltered?.get("from")).toBe(today());

    await userEvent.click(within(dialog).getByRole("checkbox", { name: /^Siti Rahmawati/ }));
    await userEvent.click(within(dialog).getByRole("checkbox", { name: /^Dewi Lestari/ }));
    expect(within(dialog).getByRole("group", { name: "Peserta (2 dipilih)" })).toBeInTheDocument();
    await userEvent.selectOptions(select, S1.id);
    await userEvent.click(within(dialog).getByRole("button", { name: "Daftarkan" }));
    await within(dialog).findByTestId("enrol-result");
    expect(await lastBody(calls, "POST", `/api/v1/sessions/${S1.id}/enrolments`)).toEqual({ employee_ids: [EMPLOYEE_ID, uid(403)], source: "training_needs" });
  });

  it("asks for a session and someone to enrol before sending, and shows the API's refusal", async () => {
    const { calls } = enrolApi(() => problem(409, "not_published", [], "the programme is not published"));
    at();
    const dialog = await openEnrol();
    const select = await within(dialog).findByRole("combobox", { name: "Angkatan" });
    for (const box of within(within(dialog).getByRole("group")).getAllByRole("checkbox")) await userEvent.click(box);
    await userEvent.click(within(dialog).getByRole("button", { name: "Daftarkan" }));
    expect(select).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(dialog).getByRole("group", { name: "Peserta (0 dipilih)" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await userEvent.click(within(dialog).getByRole("checkbox", { name: /^Ahmad Fauzi/ }));
    await userEvent.selectOptions(select, S1.id);
    await userEvent.click(within(dialog).getByRole("button", { name: "Daftarkan" }));
    expect(await within(dialog).findByText(/Program ini belum terbit|the programme is not published/)).toBeInTheDocument();
    expect(within(dialog).queryByTestId("enrol-result")).not.toBeInTheDocument();
  });

  it("offers no enrolment for a need without listed staff", async () => {
    stubApi((url) => {
      if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
      if (url.pathname === "/api/v1/training-needs") return json({ agency_id: "00000000-0000-7000-8000-0000000000a1", org_unit_id: null, weights, items: [need({ below_count: 0, share_below: 0, employees_below: [] })] });
      return undefined;
    });
    at();
    await screen.findByRole("table");
    expect(within(rowOf("M2")).getByRole("button", { name: /^Masukkan ke rencana/ })).toBeInTheDocument();
    expect(within(rowOf("M2")).queryByRole("button", { name: /^Daftarkan ke angkatan/ })).not.toBeInTheDocument();
  });
});

