import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import i18n from "../../i18n";
import SkpRoutes from "./routes";
import { pendingOf } from "./TeamPage";
import { PLAN_ID, TEAM, YEAR, queriesTo, raterSession, teamItem, uuid } from "./testData";

const team = (s: SessionValue = raterSession(), path = "/me/team") => renderApp(<SkpRoutes section="team" />, { path, route: "/me/team", session: s });

const rowOf = async (name: string) => (await screen.findByRole("rowheader", { name: new RegExp(`^${name}`) })).closest("tr") as HTMLElement;
const cellsOf = (row: HTMLElement) => within(row).getAllByRole("cell").map((c) => c.textContent);

describe("Tim Saya", () => {
  it("lists the direct reports with their plan's state, what waits for the rater, and the predikat", async () => {
    const { calls } = stubApi((url) => (url.pathname === "/api/v1/me/team-skp" ? json(TEAM) : undefined));
    team();
    expect(await screen.findByRole("heading", { level: 1, name: "Tim Saya" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: `SKP bawahan langsung tahun ${YEAR}` });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Pegawai", "Status SKP", "Tindakan Anda", "Predikat"]);
    expect(cellsOf(await rowOf("Budi Santoso"))).toEqual(["—", "Belum ada SKP", "—"]);
    expect(within(await rowOf("Budi Santoso")).queryByRole("link")).not.toBeInTheDocument();
    expect(cellsOf(await rowOf("Dewi Lestari"))).toEqual(["Final", "—", "Sangat Baik"]);
    expect(cellsOf(await rowOf("Rina Marlina"))).toEqual(["Berjalan", "Perlu dinilai", "—"]);
    const siti = await rowOf("Siti Rahmawati");
    expect(cellsOf(siti)).toEqual(["Draf", "Perlu disetujui", "—"]);
    expect(within(siti).getByRole("link", { name: "Siti Rahmawati" })).toHaveAttribute("href", `/skp/${PLAN_ID}`);
    expect(within(siti).getByText("NIP 199002022015032002")).toBeInTheDocument();

    const pending = screen.getByRole("list", { name: `Menunggu tindakan Anda, tahun ${YEAR}` });
    expect(within(pending).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["1Perlu disetujui", "1Perlu dinilai", "0Perlu difinalkan", "1Belum ada SKP"]);
    expect(queriesTo(calls, "/api/v1/me/team-skp").map((q) => q.get("year"))).toEqual([String(YEAR)]);
  });

  it("reads the year from the URL and changes it with the year select", async () => {
    const { calls } = stubApi((url) => (url.pathname === "/api/v1/me/team-skp" ? json([teamItem({ plan: null })]) : undefined));
    team(raterSession(), `/me/team?year=${YEAR - 1}`);
    await rowOf("Siti Rahmawati");
    expect(screen.getByRole("combobox", { name: "Tahun" })).toHaveValue(String(YEAR - 1));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Tahun" }), String(YEAR + 1));
    await screen.findByRole("table", { name: `SKP bawahan langsung tahun ${YEAR + 1}` });
    expect(queriesTo(calls, "/api/v1/me/team-skp").map((q) => q.get("year"))).toEqual([String(YEAR - 1), String(YEAR + 1)]);
  });

  it("says so when there are no direct reports", async () => {
    stubApi((url) => (url.pathname === "/api/v1/me/team-skp" ? json([]) : undefined));
    team();
    expect(await screen.findByText("Anda belum memiliki bawahan langsung yang aktif.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("shows the API's problem", async () => {
    stubApi((url) => (url.pathname === "/api/v1/me/team-skp" ? problem(500, "internal_error") : undefined));
    team();
    expect(await screen.findByRole("alert")).toHaveTextContent("Terjadi kesalahan pada server.");
    expect(screen.getByRole("button", { name: "Coba lagi" })).toBeInTheDocument();
  });

  it("tells an account without an employee record why there is no team", () => {
    const { calls } = stubApi(() => undefined);
    team(session(["agency_admin"]));
    expect(screen.getByText("Akun Anda belum terhubung dengan data pegawai, sehingga belum ada tim.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("reads what waits for the rater from each state", () => {
    const of = (state: NonNullable<(typeof TEAM)[number]["plan"]>["state"] | null) => pendingOf(teamItem({ plan: state ? { id: uuid(1), state, predikat: null } : null }));
    expect([null, "draft", "agreed", "in_progress", "evaluated", "final"].map((s) => of(s as Parameters<typeof of>[0]))).toEqual(["no_plan", "to_agree", null, "to_evaluate", "to_finalise", null]);
  });

  it("speaks English", async () => {
    stubApi((url) => (url.pathname === "/api/v1/me/team-skp" ? json(TEAM) : undefined));
    await i18n.changeLanguage("en");
    team();
    expect(await screen.findByRole("heading", { level: 1, name: "My Team" })).toBeInTheDocument();
    expect(cellsOf(await rowOf("Siti Rahmawati"))).toEqual(["Draft", "To agree", "—"]);
  });
});
