import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import type { Assessment, EmployeeGap } from "./api";
import CompetencyRoutes from "./routes";
import { EMPLOYEE_ID, M1, M2, SK1, TPM, employeeGap, gapItem, lastBody } from "./testData";

const at = (s = session(["agency_admin"])) => renderApp(<CompetencyRoutes />, { path: `/competencies/employees/${EMPLOYEE_ID}`, route: "/competencies/*", session: s });

const assessment = (over: Partial<Assessment>): Assessment => ({
  id: "00000000-0000-7000-8000-00000000a001",
  agency_id: "00000000-0000-7000-8000-0000000000a1",
  employee_id: EMPLOYEE_ID,
  competency_id: M1.id,
  level: 3,
  assessed_on: "2026-03-02",
  method: "assessment_centre",
  assessor_name: "UPT Penilaian Kompetensi",
  created_at: "2026-03-02T03:00:00Z",
  ...over,
});

const HISTORY = [
  assessment({}),
  assessment({ id: "00000000-0000-7000-8000-00000000a002", competency_id: M2.id, level: 1, method: "self", assessor_name: null, assessed_on: "2026-02-01", voided_at: "2026-02-10T00:00:00Z", void_reason: "Salah input" }),
];

/** The gap before and after recording M2 at level 3. */
const before = employeeGap();
const after: EmployeeGap = employeeGap({
  items: [gapItem(M1, 3, 3), gapItem(M2, 3, 3), gapItem(SK1, 3, null), gapItem(TPM, 4, 5)],
  job_person_match: { percent: 76.92, category: "still_meets", achieved_points: 10, required_points: 13 },
});

function profileApi(onPost?: (body: unknown) => Response) {
  let gap = before;
  return stubApi(async (url, req) => {
    if (url.pathname === `/api/v1/employees/${EMPLOYEE_ID}/competency-gap`) return json(gap);
    if (url.pathname === "/api/v1/competencies") return json(page([M1, M2, SK1, TPM]));
    if (url.pathname === "/api/v1/competency-assessments" && req.method === "GET") return json(page(HISTORY));
    if (url.pathname === "/api/v1/competency-assessments" && req.method === "POST") {
      const res = onPost ? onPost(await req.json()) : json(assessment({ competency_id: M2.id, level: 3 }), 201);
      if (res.ok) gap = after;
      return res;
    }
    return undefined;
  });
}

const chartGroup = (code: string) => {
  const g = document.querySelector(`svg g[data-code="${code}"]`);
  if (!g) throw new Error(`no bars for ${code}`);
  return {
    required: g.querySelector('[data-kind="required"]')?.getAttribute("width"),
    achieved: g.querySelector('[data-kind="achieved"]')?.getAttribute("width"),
    achievedClass: g.querySelector('[data-kind="achieved"]')?.getAttribute("class"),
    value: g.querySelector('[data-kind="value"]')?.textContent,
  };
};

describe("employee competency profile", () => {
  it("draws required vs current levels as bars with the numbers, and the same in a table", async () => {
    profileApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Profil Kompetensi: Ahmad Fauzi" })).toBeInTheDocument();
    expect(screen.getByText("Jabatan: Analis Kebijakan Ahli Muda")).toBeInTheDocument();
    // Bars are 320 units for level 5: 64 per level.
    expect(chartGroup("M1")).toEqual({ required: "192", achieved: "192", achievedClass: "bar-achieved bar-meets", value: "3/3" });
    expect(chartGroup("M2")).toEqual({ required: "192", achieved: "64", achievedClass: "bar-achieved bar-below2", value: "1/3" });
    expect(chartGroup("SK1")).toEqual({ required: "192", achieved: "0", achievedClass: "bar-achieved bar-unassessed", value: "–/3" });
    expect(chartGroup("T-PM")).toEqual({ required: "256", achieved: "320", achievedClass: "bar-achieved bar-meets", value: "5/4" });
    const chart = screen.getByRole("img", { name: /Level yang dibutuhkan dan level saat ini per kompetensi/ });
    expect(chart).toHaveAccessibleName(/4 kompetensi, 2 memenuhi standar/);

    const table = screen.getByRole("table", { name: "Level per kompetensi" });
    const row = (code: string) => within(table).getByRole("rowheader", { name: new RegExp(`^${code} ·`) }).closest("tr") as HTMLElement;
    expect(within(row("M2")).getAllByRole("cell").map((c) => c.textContent)).toEqual(["3", "1", "−2", "Kurang 2 level atau lebih"]);
    expect(within(row("SK1")).getAllByRole("cell").map((c) => c.textContent)).toEqual(["3", "—", "—", "Belum dinilai"]);
    expect(within(row("T-PM")).getAllByRole("cell").map((c) => c.textContent)).toEqual(["4", "5", "+1", "Memenuhi standar"]);

    // 3 + 1 + 0 + 4 of 13 points.
    expect(screen.getByTestId("match")).toHaveTextContent("61,54% Belum memenuhi");
    expect(screen.getByText("8 dari 13 poin")).toBeInTheDocument();
    expect(screen.getByTestId("unassessed")).toHaveTextContent("1 dari 4");
  });

  it("lists the assessment history, voided ones marked", async () => {
    profileApi();
    at();
    const history = await screen.findByRole("table", { name: "Riwayat penilaian" });
    const rows = within(history).getAllByRole("row").slice(1);
    expect(within(rows[0] as HTMLElement).getByText("M1 · Integritas")).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText("Assessment center")).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText("2 Maret 2026")).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText("Berlaku")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText("Penilaian diri")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText("Dibatalkan")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText("Salah input")).toBeInTheDocument();
    // Admins may void a valid one, not one already void.
    expect(within(rows[0] as HTMLElement).getByRole("button", { name: /Batalkan/ })).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).queryByRole("button")).not.toBeInTheDocument();
  });

  it("lets an admin void an assessment with a reason", async () => {
    const { calls } = stubApi((url) => {
      if (url.pathname === `/api/v1/employees/${EMPLOYEE_ID}/competency-gap`) return json(before);
      if (url.pathname === "/api/v1/competencies") return json(page([M1, M2, SK1, TPM]));
      if (url.pathname === "/api/v1/competency-assessments") return json(page(HISTORY));
      if (url.pathname === `/api/v1/competency-assessments/${HISTORY[0]?.id}/void`) return json({ ...HISTORY[0], voided_at: "2026-03-05T00:00:00Z", void_reason: "Dinilai ulang" });
      return undefined;
    });
    at();
    const history = await screen.findByRole("table", { name: "Riwayat penilaian" });
    await userEvent.click(within(history).getByRole("button", { name: /Batalkan M1 · Integritas/ }));
    const dialog = screen.getByRole("dialog", { name: "Batalkan penilaian" });
    expect(dialog).toHaveTextContent("Batalkan penilaian M1 · Integritas level 3 tanggal 2 Maret 2026?");
    await userEvent.click(within(dialog).getByRole("button", { name: "Batalkan" }));
    expect(within(dialog).getByRole("textbox", { name: "Alasan pembatalan" })).toHaveAccessibleDescription("Wajib diisi.");
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Alasan pembatalan" }), "Dinilai ulang");
    await userEvent.click(within(dialog).getByRole("button", { name: "Batalkan" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await lastBody(calls, "POST", `/api/v1/competency-assessments/${HISTORY[0]?.id}/void`)).toEqual({ reason: "Dinilai ulang" });
  });

  it("records an admin's assessment with its method, and the chart shows the new gap", async () => {
    const { calls } = profileApi();
    at();
    await screen.findByRole("heading", { level: 1 });
    const form = screen.getByRole("form", { name: "Catat penilaian" });
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Kompetensi" }), M2.id);
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Level" }), "3");
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Metode" }), "test");
    await userEvent.type(within(form).getByRole("textbox", { name: /Penilai/ }), "Tim Uji Kompetensi");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian" }));

    expect(await screen.findByText("Penilaian M2 level 3 tersimpan.")).toBeInTheDocument();
    const sent = (await lastBody(calls, "POST", "/api/v1/competency-assessments")) as Record<string, unknown>;
    expect(sent).toMatchObject({ employee_id: EMPLOYEE_ID, competency_id: M2.id, level: 3, method: "test", assessor_name: "Tim Uji Kompetensi", evidence: null, valid_until: null });
    expect(sent.assessed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await waitFor(() => expect(chartGroup("M2").value).toBe("3/3"));
    expect(chartGroup("M2").achievedClass).toBe("bar-achieved bar-meets");
    expect(screen.getByTestId("match")).toHaveTextContent("76,92% Masih memenuhi");
  });

  it("lets an employee assess themselves without choosing a method", async () => {
    const { calls } = profileApi();
    const s = session(["employee"]);
    at({ ...s, me: s.me ? { ...s.me, employee_id: EMPLOYEE_ID } : null });
    await screen.findByRole("heading", { level: 1 });
    const form = screen.getByRole("form", { name: "Catat penilaian" });
    expect(within(form).queryByRole("combobox", { name: "Metode" })).not.toBeInTheDocument();
    expect(within(form).getByText(/penilaian diri \(untuk diri sendiri\)/)).toBeInTheDocument();
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Kompetensi" }), M2.id);
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Level" }), "3");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian" }));
    await screen.findByText("Penilaian M2 level 3 tersimpan.");
    expect(await lastBody(calls, "POST", "/api/v1/competency-assessments")).not.toHaveProperty("method");
    // No voiding for them.
    const history = await screen.findByRole("table", { name: "Riwayat penilaian" });
    expect(within(history).queryByRole("button")).not.toBeInTheDocument();
  });

  it("shows the API's field errors at the form's fields", async () => {
    profileApi(() =>
      problem(422, "validation_failed", [
        { field: "assessed_on", code: "in_future", message: "in the future" },
        { field: "valid_until", code: "before_assessment", message: "before" },
      ]),
    );
    at();
    await screen.findByRole("heading", { level: 1 });
    const form = screen.getByRole("form", { name: "Catat penilaian" });
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Kompetensi" }), M1.id);
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Level" }), "4");
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian" }));
    const date = within(form).getByLabelText(/^Tanggal penilaian/);
    await waitFor(() => expect(date).toHaveAttribute("aria-invalid", "true"));
    expect(date).toHaveAccessibleDescription("Tanggal tidak boleh di masa depan.");
    expect(within(form).getByLabelText(/Berlaku sampai/)).toHaveAccessibleDescription("Harus sesudah tanggal penilaian.");
    expect(chartGroup("M1").value).toBe("3/3");
  });

  it("asks for the competency and the level", async () => {
    const { calls } = profileApi();
    at();
    await screen.findByRole("heading", { level: 1 });
    const form = screen.getByRole("form", { name: "Catat penilaian" });
    await userEvent.click(within(form).getByRole("button", { name: "Simpan penilaian" }));
    expect(within(form).getByRole("combobox", { name: "Kompetensi" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(form).getByRole("combobox", { name: "Level" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("explains an employee without a position", async () => {
    stubApi((url) => {
      if (url.pathname === `/api/v1/employees/${EMPLOYEE_ID}/competency-gap`) return json(employeeGap({ items: [], job_person_match: null, position_id: null, position_title: null, unassessed: 0 }));
      if (url.pathname === "/api/v1/competencies") return json(page([M1, TPM]));
      if (url.pathname === "/api/v1/competency-assessments") return json(page([]));
      return undefined;
    });
    at();
    expect(await screen.findByText("Pegawai ini belum memiliki jabatan, sehingga belum ada standar kompetensi.")).toBeInTheDocument();
    expect(screen.getByTestId("match")).toHaveTextContent("Tanpa standar");
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    expect(await screen.findByText("Belum ada penilaian.")).toBeInTheDocument();
    // Any competency of the catalogue may still be assessed.
    await waitFor(() => expect(within(screen.getByRole("combobox", { name: "Kompetensi" })).getAllByRole("option")).toHaveLength(3));
  });
});
