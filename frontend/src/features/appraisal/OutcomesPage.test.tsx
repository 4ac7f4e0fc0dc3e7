import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../../i18n";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import AppraisalRoutes from "./routes";
import { SESSION_ID, YEAR, outcomes, queriesTo, trainingSession } from "./testData";
import type { Outcomes } from "./api";

const OUTCOMES = `/api/v1/sessions/${SESSION_ID}/unit-outcomes`;

const at = (s = session(["agency_admin"]), path = `/sessions/${SESSION_ID}/outcomes`) =>
  renderApp(<AppraisalRoutes section="outcomes" />, { path, route: "/sessions/:id/outcomes", session: s });

/** The API: the session, and its outcomes for the years asked (the API's own years when none). */
function outcomesApi(answer: (before: number | null, after: number | null) => Outcomes | Response = (b, a) => outcomes(b && a ? { before_year: b, after_year: a } : {})) {
  return stubApi((url) => {
    if (url.pathname === `/api/v1/sessions/${SESSION_ID}`) return json(trainingSession());
    if (url.pathname === OUTCOMES) {
      const year = (k: string) => (url.searchParams.has(k) ? Number(url.searchParams.get(k)) : null);
      const answered = answer(year("before_year"), year("after_year"));
      return answered instanceof Response ? answered : json(answered);
    }
    return undefined;
  });
}

const cellsOf = (row: Element) => Array.from(row.children).map((c) => c.textContent);
const table = () => screen.getByRole("table", { name: /^Predikat ≥ Baik per unit/ });

describe("Dampak Pelatihan (Kirkpatrick level 4)", () => {
  it("says plainly that it shows an association, not proof of cause", async () => {
    outcomesApi();
    at();
    expect(screen.getByRole("heading", { level: 1, name: "Dampak Pelatihan (Kirkpatrick Level 4)" })).toBeInTheDocument();
    const note = screen.getByRole("note");
    expect(note).toHaveTextContent("Perbandingan ini menunjukkan keterkaitan, bukan bukti sebab-akibat.");
    expect(note).toHaveTextContent("Perhatikan jumlah pegawai yang dinilai (n)");
    expect(await screen.findByText("Angkatan I · Pelayanan Prima")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "← Kembali ke angkatan" })).toHaveAttribute("href", `/sessions/${SESSION_ID}`);
  });

  it("compares each unit before and after, for the whole unit and the participants, with n beside every share", async () => {
    const { calls } = outcomesApi();
    at();
    await screen.findByRole("table", { name: `Predikat ≥ Baik per unit, tahun ${YEAR - 2} dan ${YEAR}` });
    // The API chose the years (around the session's end); the form shows them.
    expect(Object.fromEntries(queriesTo(calls, OUTCOMES)[0] ?? [])).toEqual({});
    expect(screen.getByRole("textbox", { name: "Tahun sebelum" })).toHaveValue(String(YEAR - 2));
    expect(screen.getByRole("textbox", { name: "Tahun sesudah" })).toHaveValue(String(YEAR));
    expect(within(table()).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Unit",
      "Pegawai aktif",
      "Peserta selesai",
      "Seluruh unit: ≥ Baik",
      "Peserta: ≥ Baik",
      "Kepuasan masyarakat (IKM)",
      String(YEAR - 2),
      String(YEAR),
      String(YEAR - 2),
      String(YEAR),
      String(YEAR - 2),
      String(YEAR),
    ]);
    const rows = within(table()).getAllByRole("row").slice(2);
    expect(rows.map(cellsOf)).toEqual([
      // Citizens: no ratings the year before; 87,50 (B) from 120 respondents after, median wait 22,5 minutes.
      ["Dinas Kesehatan DINKES", "40", "4 10% dari pegawai", "60% n = 30", "75% n = 32", "50% n = 4", "100% n = 4", "—", "87,50 B n = 120 · tunggu 22,5 mnt"],
      // Nobody rated: "—", never 0%.
      ["Puskesmas Ratu Agung PKM-RA", "0", "0 — dari pegawai", "— n = 0", "33,3% n = 3", "— n = 0", "— n = 0", "—", "87,50 B n = 120 · tunggu 22,5 mnt"],
    ]);
    expect(screen.getByText(/≥ Baik berarti predikat Baik atau Sangat Baik/)).toBeInTheDocument();
  });

  it("compares other years when asked, checking them first", async () => {
    const { calls } = outcomesApi();
    at();
    await screen.findByRole("table", { name: /^Predikat ≥ Baik per unit/ });
    const before = screen.getByRole("textbox", { name: "Tahun sebelum" });
    const after = screen.getByRole("textbox", { name: "Tahun sesudah" });
    await userEvent.clear(before);
    await userEvent.type(before, String(YEAR));
    await userEvent.clear(after);
    await userEvent.type(after, String(YEAR - 1));
    await userEvent.click(screen.getByRole("button", { name: "Tampilkan" }));
    expect(after).toHaveAccessibleDescription("Harus setelah tahun sebelum.");
    expect(queriesTo(calls, OUTCOMES)).toHaveLength(1);

    await userEvent.clear(before);
    await userEvent.type(before, "1999");
    await userEvent.click(screen.getByRole("button", { name: "Tampilkan" }));
    expect(before).toHaveAccessibleDescription("Isi tahun 2000–2100.");
    expect(queriesTo(calls, OUTCOMES)).toHaveLength(1);

    await userEvent.clear(before);
    await userEvent.type(before, String(YEAR - 3));
    await userEvent.clear(after);
    await userEvent.type(after, String(YEAR - 1));
    await userEvent.click(screen.getByRole("button", { name: "Tampilkan" }));
    expect(await screen.findByRole("table", { name: `Predikat ≥ Baik per unit, tahun ${YEAR - 3} dan ${YEAR - 1}` })).toBeInTheDocument();
    expect(Object.fromEntries(queriesTo(calls, OUTCOMES).at(-1) ?? [])).toEqual({ before_year: String(YEAR - 3), after_year: String(YEAR - 1) });
  });

  it("asks for the years of a session without an end date", async () => {
    const { calls } = outcomesApi((b, a) =>
      b === null || a === null ? problem(422, "validation_failed", [{ field: "before_year", code: "required", message: "the session has no end date: give the year" }]) : outcomes({ before_year: b, after_year: a }),
    );
    at();
    expect(await screen.findByText("Angkatan ini belum memiliki tanggal selesai: isi tahun sebelum dan sesudah pelatihan.")).toBeInTheDocument();
    const before = screen.getByRole("textbox", { name: "Tahun sebelum" });
    expect(before).toHaveValue("");
    expect(before).toHaveAccessibleDescription("Wajib diisi.");
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    await userEvent.type(before, String(YEAR - 1));
    await userEvent.type(screen.getByRole("textbox", { name: "Tahun sesudah" }), String(YEAR));
    await userEvent.click(screen.getByRole("button", { name: "Tampilkan" }));
    expect(await screen.findByRole("table", { name: `Predikat ≥ Baik per unit, tahun ${YEAR - 1} dan ${YEAR}` })).toBeInTheDocument();
    expect(screen.queryByText(/belum memiliki tanggal selesai/)).not.toBeInTheDocument();
    expect(queriesTo(calls, OUTCOMES).at(-1)?.get("before_year")).toBe(String(YEAR - 1));
  });

  it("says when no participant has completed the session", async () => {
    outcomesApi(() => outcomes({ units: [] }));
    at();
    expect(await screen.findByText("Belum ada peserta angkatan ini yang selesai, sehingga belum ada unit yang dapat dibandingkan.")).toBeInTheDocument();
  });

  it("shows the API's problem when the outcomes cannot be read", async () => {
    outcomesApi(() => problem(404, "not_found"));
    at();
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Data tidak ditemukan."));
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("is for administrators and trainers", async () => {
    const first = outcomesApi();
    const { unmount } = at(session(["supervisor", "employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(first.calls).toHaveLength(0);
    unmount();
    outcomesApi();
    at(session(["trainer"]));
    expect(await screen.findByRole("table", { name: /^Predikat ≥ Baik per unit/ })).toBeInTheDocument();
  });

  it("speaks English", async () => {
    outcomesApi();
    await i18n.changeLanguage("en");
    at();
    expect(screen.getByRole("note")).toHaveTextContent("This comparison shows an association, not proof of cause and effect.");
    const t = await screen.findByRole("table", { name: `Rated Good or better per unit, ${YEAR - 2} and ${YEAR}` });
    expect(cellsOf(within(t).getAllByRole("row")[3] as HTMLElement)).toEqual(["Puskesmas Ratu Agung PKM-RA", "0", "0 — of staff", "— n = 0", "33.3% n = 3", "— n = 0", "— n = 0", "—", "87.50 B n = 120 · wait 22.5 min"]);
  });
});
