import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import i18n from "../../i18n";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import { RatingHistory } from "./RatingHistory";
import AppraisalRoutes from "./routes";
import { EMPLOYEE_ID, IMPORTED, OLDEST, PLAN_ID, YEAR, employee, personSession, rating } from "./testData";

const cellsOf = (row: Element) => Array.from(row.children).map((c) => c.textContent);
const history = () => screen.getByRole("table", { name: "Riwayat predikat kinerja per tahun, dari yang terbaru" });

describe("Riwayat Predikat", () => {
  it("lists the years newest first: predikat, both ratings, months, source and the functional credit", () => {
    renderApp(<RatingHistory ratings={[OLDEST, rating(), IMPORTED]} />);
    const table = history();
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Tahun",
      "Predikat",
      "Rating hasil kerja",
      "Rating perilaku kerja",
      "Masa penilaian",
      "Sumber",
      "Angka kredit",
    ]);
    expect(within(table).getAllByRole("row").slice(1).map(cellsOf)).toEqual([
      [String(YEAR - 1), "Baik", "Sesuai Ekspektasi", "Di Atas Ekspektasi", "12 bulan", `SKP Pembina tahun ${YEAR - 1}`, "12,512,5 × 100% × 12/12"],
      [String(YEAR - 2), "Butuh Perbaikan", "—", "—", "2 bulan", "Impor", "1,56312,5 × 75% × 2/12"],
      [String(YEAR - 3), "Sangat Baik", "Di Atas Ekspektasi", "Di Atas Ekspektasi", "12 bulan", "Impor", "—"],
    ]);
    // A rating from a plan finalised in Pembina links to that plan.
    expect(within(table).getByRole("link", { name: `SKP Pembina tahun ${YEAR - 1}` })).toHaveAttribute("href", `/skp/${PLAN_ID}`);
    expect(screen.getByText(/Angka kredit jabatan fungsional = koefisien tahunan/)).toBeInTheDocument();
  });

  it("leaves out the credit column when no year earned credit", () => {
    renderApp(<RatingHistory ratings={[OLDEST]} />);
    expect(within(history()).queryByRole("columnheader", { name: "Angka kredit" })).not.toBeInTheDocument();
    expect(screen.queryByText(/Angka kredit jabatan fungsional/)).not.toBeInTheDocument();
  });

  it("says when there is no rating yet", () => {
    renderApp(<RatingHistory ratings={[]} />);
    expect(screen.getByText("Belum ada predikat tercatat.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("speaks English", async () => {
    await i18n.changeLanguage("en");
    renderApp(<RatingHistory ratings={[rating(), IMPORTED]} />);
    const table = screen.getByRole("table", { name: "Yearly performance ratings, newest first" });
    expect(within(table).getAllByRole("row").slice(1).map(cellsOf)[1]).toEqual([String(YEAR - 2), "Needs Improvement", "—", "—", "2 months", "Imported", "1.56312.5 × 75% × 2/12"]);
  });
});

describe("Predikat Saya", () => {
  const mine = (s = personSession(EMPLOYEE_ID)) => renderApp(<AppraisalRoutes section="mine" />, { path: "/me/appraisal", route: "/me/appraisal", session: s });

  it("shows the signed-in employee's own history", async () => {
    const { calls } = stubApi((url) => (url.pathname === "/api/v1/me/appraisal-ratings" ? json([rating(), IMPORTED]) : undefined));
    mine();
    expect(screen.getByRole("heading", { level: 1, name: "Predikat Saya" })).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: /Riwayat predikat kinerja/ })).toBeInTheDocument();
    expect(within(history()).getAllByRole("row")).toHaveLength(3);
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual(["/api/v1/me/appraisal-ratings"]);
  });

  it("says so to an account without an employee record, without asking", () => {
    const { calls } = stubApi(() => undefined);
    mine(session(["agency_admin"]));
    expect(screen.getByText("Akun Anda belum terhubung dengan data pegawai, sehingga belum ada predikat.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("shows the API's problem when the history cannot be read", async () => {
    stubApi(() => problem(500, "internal_error"));
    mine();
    expect(await screen.findByRole("alert")).toHaveTextContent("Terjadi kesalahan");
    expect(screen.getByRole("button", { name: "Coba lagi" })).toBeInTheDocument();
  });
});

describe("an employee's rating history", () => {
  const of = (s = session(["agency_admin"])) =>
    renderApp(<AppraisalRoutes section="employee" />, { path: `/employees/${EMPLOYEE_ID}/appraisal`, route: "/employees/:id/appraisal", session: s });

  it("names the employee, links back to their record and lists their ratings", async () => {
    const { calls } = stubApi((url) => {
      if (url.pathname === `/api/v1/employees/${EMPLOYEE_ID}`) return json(employee());
      if (url.pathname === `/api/v1/employees/${EMPLOYEE_ID}/appraisal-ratings`) return json([rating()]);
      return undefined;
    });
    of();
    expect(screen.getByRole("heading", { level: 1, name: "Riwayat Predikat" })).toBeInTheDocument();
    expect(await screen.findByText("Ahmad Fauzi, S.Kom. · NIP 198507152010011003")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "← Kembali ke data pegawai" })).toHaveAttribute("href", `/employees/${EMPLOYEE_ID}`);
    expect(within(await screen.findByRole("table", { name: /Riwayat predikat kinerja/ })).getByRole("rowheader", { name: String(YEAR - 1) })).toBeInTheDocument();
    expect(calls.some((c) => new URL(c.url).pathname === `/api/v1/employees/${EMPLOYEE_ID}/appraisal-ratings`)).toBe(true);
  });

  it("says the employee does not exist when the API will not show them", async () => {
    stubApi(() => problem(404, "not_found"));
    of(session(["supervisor", "employee"]));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Data tidak ditemukan."));
  });
});
