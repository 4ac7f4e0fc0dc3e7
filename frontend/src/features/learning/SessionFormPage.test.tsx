import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session as signedIn, stubApi } from "../../test/render";
import LearningRoutes from "./routes";
import { PROGRAMME_ID, SESSION_ID, lastBody, programme, session, uuid } from "./testData";

const at = (path: string, s = signedIn(["agency_admin"])) => renderApp(<LearningRoutes section="sessions" />, { path, route: "/sessions/*", session: s });

const ARCHIVED = programme({ id: uuid(3802), code: "OLD-01", title: "Program Lama", status: "archived" });

function sessionsApi(onSave?: (req: Request) => Response) {
  return stubApi((url, req) => {
    if (url.pathname === "/api/v1/programmes") return json(page([programme(), ARCHIVED]));
    if (url.pathname === "/api/v1/sessions" && req.method === "GET") {
      const p = url.searchParams.get("programme_id");
      return json(page([session(), session({ id: uuid(6003), name: "E-learning 2026", delivery: "e_learning", start_date: null, end_date: null, capacity: null, programme_id: ARCHIVED.id, programme_title: ARCHIVED.title })].filter((s) => !p || s.programme_id === p)));
    }
    if (url.pathname === "/api/v1/sessions" && req.method === "POST") return onSave ? onSave(req) : json(session(), 201);
    if (url.pathname === `/api/v1/sessions/${SESSION_ID}` && req.method === "GET") return json(session());
    if (url.pathname === `/api/v1/sessions/${SESSION_ID}/participants`) return json([]);
    if (url.pathname === `/api/v1/sessions/${SESSION_ID}/attendance`) return json([]);
    if (url.pathname === `/api/v1/programmes/${PROGRAMME_ID}`) return json({ ...programme(), modules: [], tests: [] });
    return undefined;
  });
}

describe("sessions", () => {
  it("lists sessions with delivery, dates and places, filtered by programme", async () => {
    const { calls } = sessionsApi();
    at("/sessions");
    const row = (await screen.findByRole("link", { name: "Angkatan I 2026" })).closest("tr") as HTMLElement;
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Manajemen Proyek Infrastruktur", "Tatap muka (kelas)", "2 Maret 2026 – 4 Maret 2026", "2 dari 30 tempat1 daftar tunggu"]);
    expect(screen.getByRole("link", { name: "E-learning 2026" }).closest("tr")).toHaveTextContent("Tanpa batas waktu");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Program" }), PROGRAMME_ID);
    await waitFor(() => expect(screen.queryByRole("link", { name: "E-learning 2026" })).not.toBeInTheDocument());
    const last = calls.map((c) => new URL(c.url)).filter((u) => u.pathname === "/api/v1/sessions").at(-1);
    expect(last?.searchParams.get("programme_id")).toBe(PROGRAMME_ID);
    expect(screen.getByRole("link", { name: "Buat angkatan" })).toHaveAttribute("href", `/sessions/new?programme_id=${PROGRAMME_ID}`);
  });

  it("creates a classroom session with its trainers one per line", async () => {
    const { calls } = sessionsApi();
    at(`/sessions/new?programme_id=${PROGRAMME_ID}`);
    const programmeSelect = await screen.findByRole("combobox", { name: /^Program/ });
    expect(programmeSelect).toHaveValue(PROGRAMME_ID);
    // Archived programmes take no sessions.
    expect(within(programmeSelect).queryByRole("option", { name: /Program Lama/ })).not.toBeInTheDocument();
    await userEvent.type(screen.getByRole("textbox", { name: /^Nama angkatan/ }), "Angkatan I 2026");
    expect(screen.getByRole("radio", { name: "Tatap muka (kelas)" })).toBeChecked();
    await userEvent.type(screen.getByLabelText(/^Tanggal mulai/), "2026-03-02");
    await userEvent.type(screen.getByLabelText(/^Tanggal selesai/), "2026-03-04");
    await userEvent.type(screen.getByRole("textbox", { name: /^Tempat/ }), "Aula BPSDM Provinsi Bengkulu");
    await userEvent.type(screen.getByRole("textbox", { name: /^Pengajar/ }), "Dr. Andi Saputra{enter}{enter}Ir. Maya Sari ");
    await userEvent.type(screen.getByRole("spinbutton", { name: /^Kapasitas/ }), "30");
    await userEvent.click(screen.getByRole("checkbox", { name: "Pegawai dapat mendaftar sendiri" }));
    await userEvent.click(screen.getByRole("button", { name: "Simpan angkatan" }));
    expect(await screen.findByText("Angkatan tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "POST", "/api/v1/sessions")).toEqual({
      programme_id: PROGRAMME_ID,
      name: "Angkatan I 2026",
      delivery: "classroom",
      start_date: "2026-03-02",
      end_date: "2026-03-04",
      place: "Aula BPSDM Provinsi Bengkulu",
      online_url: null,
      trainers: ["Dr. Andi Saputra", "Ir. Maya Sari"],
      capacity: 30,
      self_registration: true,
    });
  });

  it("asks an online session for its link, and shows the API's errors at their fields", async () => {
    const { calls } = sessionsApi(() => problem(422, "validation_failed", [{ field: "end_date", code: "before_start", message: "must not be before the start date" }]));
    at(`/sessions/new?programme_id=${PROGRAMME_ID}`);
    await userEvent.type(await screen.findByRole("textbox", { name: /^Nama angkatan/ }), "Daring 2026");
    await userEvent.click(screen.getByRole("radio", { name: "Daring (online)" }));
    await userEvent.type(screen.getByLabelText(/^Tanggal mulai/), "2026-04-01");
    await userEvent.type(screen.getByLabelText(/^Tanggal selesai/), "2026-04-02");
    await userEvent.click(screen.getByRole("button", { name: "Simpan angkatan" }));
    expect(screen.getByRole("textbox", { name: /^Tautan kelas daring/ })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
    await userEvent.type(screen.getByRole("textbox", { name: /^Tautan kelas daring/ }), "https://zoom.us/j/123");
    await userEvent.click(screen.getByRole("button", { name: "Simpan angkatan" }));
    await waitFor(() => expect(screen.getByLabelText(/^Tanggal selesai/)).toHaveAccessibleDescription("Tidak boleh sebelum tanggal mulai."));
  });
});
