import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { json, renderApp, session as signedIn, stubApi } from "../../test/render";
import type { SessionValue } from "../../session/SessionProvider";
import type { ProgrammeEvaluation } from "./api";
import EvaluationRoutes from "./routes";
import { PROGRAMME_ID, SESSION_ID, programmeEvaluation, uuid } from "./testData";

const at = (s: SessionValue = signedIn(["agency_admin"])) =>
  renderApp(<EvaluationRoutes section="programme" />, { path: `/programmes/${PROGRAMME_ID}/evaluation`, route: "/programmes/:id/evaluation", session: s });

function reportApi(report: ProgrammeEvaluation = programmeEvaluation()) {
  return stubApi((url) => (url.pathname === `/api/v1/programmes/${PROGRAMME_ID}/evaluation` ? json(report) : undefined));
}

const cells = (row: Element) => [...row.querySelectorAll("td, th")].map((c) => c.textContent?.trim());

describe("a programme's evaluation", () => {
  it("lists its sessions newest first with the three levels, and the totals", async () => {
    reportApi();
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Evaluasi Program" })).toBeInTheDocument();
    expect(screen.getByText("PM-INFRA-01 · Manajemen Proyek Infrastruktur")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Kembali ke program/ })).toHaveAttribute("href", `/programmes/${PROGRAMME_ID}`);
    // What each level measures, in a disclosure.
    expect(screen.getByText("Model evaluasi Kirkpatrick")).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Evaluasi per angkatan, dari yang terbaru" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Angkatan",
      "Tanggal",
      "Level 1 · Reaksi",
      "Level 2 · Pembelajaran",
      "Level 3 · Perilaku",
      "Responden",
      "Rerata (1–5)",
      "Peserta pre/post",
      "Pre-test",
      "Post-test",
      "N-gain",
      "Terjawab",
      "Menerapkan",
      "Terlambat",
    ]);
    const [newer, older] = within(table).getAllByRole("row").slice(2);
    expect(cells(newer as Element)).toEqual(["Angkatan II 2026", "1 Juni 2026 – 3 Juni 2026", "0/3", "—", "0", "—", "—", "—", "0/0", "—", "—"]);
    expect(cells(older as Element)).toEqual(["Angkatan I 2026", "2 Maret 2026 – 4 Maret 2026", "2/2", "4,3", "2", "55%", "82,5%", "0,61 Sedang", "3/4", "66,7%", "1"]);
    expect(within(table).getByRole("link", { name: "Angkatan II 2026" })).toHaveAttribute("href", `/sessions/${uuid(6002)}/evaluation`);
    expect(within(table).getByRole("link", { name: "Angkatan I 2026" })).toHaveAttribute("href", `/sessions/${SESSION_ID}/evaluation`);
    const total = table.querySelector('tr[data-session="total"]');
    expect(cells(total as Element)).toEqual(["Seluruh angkatan", "2/5", "4,3", "2", "55%", "82,5%", "0,61 Sedang", "3/4", "66,7%", "1"]);
  });

  it("says when the programme has no session, and gives a trainer no way back to the editor", async () => {
    reportApi(programmeEvaluation({ sessions: [] }));
    at(signedIn(["trainer"]));
    expect(await screen.findByText("Program ini belum memiliki angkatan.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Kembali ke program/ })).not.toBeInTheDocument();
  });
});
