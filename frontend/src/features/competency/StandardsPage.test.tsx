import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import type { PositionStandard } from "./api";
import CompetencyRoutes from "./routes";
import { defaultLevelFor } from "./StandardsPage";
import { M1, M2, SK1, TPM, lastBody, position, queriesTo, ref } from "./testData";

const at = (s = session(["agency_admin"])) => renderApp(<CompetencyRoutes />, { path: "/competencies/standards", route: "/competencies/*", session: s });

const ANALYST = position();
const HEAD = position({ id: "00000000-0000-7000-8000-000000000302", code: "KADIS", title: "Kepala Dinas", kind: "jpt_pratama", functional_level: null });

const standards: Record<string, PositionStandard> = {
  [ANALYST.id]: {
    position_id: ANALYST.id,
    entries: [
      { competency: ref(M1), required_level: 4, explicit: true },
      { competency: ref(M2), required_level: 2, explicit: false },
      { competency: ref(SK1), required_level: 2, explicit: false },
      { competency: ref(TPM), required_level: 3, explicit: true },
    ],
  },
  [HEAD.id]: {
    position_id: HEAD.id,
    entries: [
      { competency: ref(M1), required_level: 4, explicit: false },
      { competency: ref(M2), required_level: 4, explicit: false },
      { competency: ref(SK1), required_level: 4, explicit: false },
    ],
  },
};

function matrixApi(put?: (body: unknown) => Response) {
  return stubApi(async (url, req) => {
    // Technical first on purpose: the matrix puts national columns first.
    if (url.pathname === "/api/v1/competencies") return json(page([TPM, SK1, M2, M1]));
    if (url.pathname === "/api/v1/positions") return json(page([ANALYST, HEAD], 45));
    for (const p of [ANALYST, HEAD]) {
      if (url.pathname === `/api/v1/positions/${p.id}/competency-standard`) {
        if (req.method === "PUT") return put ? put(await req.json()) : undefined;
        return json(standards[p.id]);
      }
    }
    return undefined;
  });
}

const rowOf = async (title: string) => {
  const row = (await screen.findByRole("rowheader", { name: new RegExp(`^${title}`) })).closest("tr");
  if (!row) throw new Error(`no row ${title}`);
  return row;
};

describe("position competency standards", () => {
  it("shows positions × competencies, national first, telling set levels from defaults", async () => {
    const { calls } = matrixApi();
    at();
    const analyst = await rowOf("Analis Kebijakan Ahli Muda");
    const headers = screen.getAllByRole("columnheader").map((h) => h.querySelector("abbr")?.textContent).filter(Boolean);
    expect(headers).toEqual(["M1", "M2", "SK1", "T-PM"]);
    expect(screen.getByRole("columnheader", { name: "Nasional (manajerial & sosial kultural)" })).toHaveAttribute("colspan", "3");

    await waitFor(() => expect(within(analyst).getAllByRole("cell")[0]).toHaveTextContent("4"));
    const cells = within(analyst).getAllByRole("cell").slice(0, 4);
    expect(cells.map((c) => c.textContent)).toEqual(["4 (ditetapkan)", "2 (bawaan)", "2 (bawaan)", "3 (ditetapkan)"]);
    expect(cells.map((c) => c.className)).toEqual(["std std-explicit", "std std-default", "std std-default", "std std-explicit"]);
    // A technical competency outside the standard is not required.
    const head = await rowOf("Kepala Dinas");
    await waitFor(() => expect(within(head).getAllByRole("cell")[3]).toHaveTextContent("tidak dipersyaratkan"));
    expect(within(head).getAllByRole("cell")[3]).toHaveClass("std-none");
    expect(screen.getByText("1–20 dari 45")).toBeInTheDocument();
    expect(queriesTo(calls, "/api/v1/positions")[0]?.get("active")).toBe("true");
  });

  it("saves a position's row with PUT: chosen levels replace the explicit ones, 'default' drops them", async () => {
    const { calls } = matrixApi(() =>
      json({
        position_id: ANALYST.id,
        entries: [
          { competency: ref(M1), required_level: 2, explicit: false },
          { competency: ref(M2), required_level: 5, explicit: true },
          { competency: ref(SK1), required_level: 2, explicit: false },
          { competency: ref(TPM), required_level: 3, explicit: true },
        ],
      }),
    );
    at();
    const analyst = await rowOf("Analis Kebijakan Ahli Muda");
    await userEvent.click(await within(analyst).findByRole("button", { name: "Ubah Analis Kebijakan Ahli Muda" }));
    const dialog = screen.getByRole("dialog", { name: "Ubah standar Analis Kebijakan Ahli Muda" });
    const m1 = within(dialog).getByRole("combobox", { name: "M1 · Integritas" });
    expect(m1).toHaveValue("4");
    // The default of the post, known from the positions that use it.
    expect(within(m1).getByRole("option", { name: "Bawaan (level 2)" })).toBeInTheDocument();
    expect(within(dialog).getByRole("combobox", { name: "T-PM · Manajemen Proyek" })).toHaveValue("3");
    expect(within(within(dialog).getByRole("combobox", { name: "T-PM · Manajemen Proyek" })).getByRole("option", { name: "Tidak dipersyaratkan" })).toBeInTheDocument();

    await userEvent.selectOptions(m1, "");
    await userEvent.selectOptions(within(dialog).getByRole("combobox", { name: "M2 · Kerja Sama" }), "5");
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan" }));

    expect(await screen.findByText("Standar kompetensi Analis Kebijakan Ahli Muda tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "PUT", `/api/v1/positions/${ANALYST.id}/competency-standard`)).toEqual({
      standards: [
        { competency_id: M2.id, required_level: 5 },
        { competency_id: TPM.id, required_level: 3 },
      ],
    });
    // The saved standard is shown at once.
    await waitFor(() => expect(within(analyst).getAllByRole("cell")[1]).toHaveTextContent("5 (ditetapkan)"));
    expect(within(analyst).getAllByRole("cell")[0]).toHaveTextContent("2 (bawaan)");
  });

  it("shows a refused level at its competency's select", async () => {
    matrixApi(() => problem(422, "validation_failed", [{ field: "standards[1].competency_id", code: "unknown_reference", message: "retired" }]));
    at();
    const analyst = await rowOf("Analis Kebijakan Ahli Muda");
    await userEvent.click(await within(analyst).findByRole("button", { name: "Ubah Analis Kebijakan Ahli Muda" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan" }));
    // standards[1] is the second level sent: T-PM (after M1).
    const tpm = within(dialog).getByRole("combobox", { name: "T-PM · Manajemen Proyek" });
    await waitFor(() => expect(tpm).toHaveAttribute("aria-invalid", "true"));
    expect(tpm).toHaveAccessibleDescription("Data rujukan tidak ditemukan di instansi ini.");
    expect(within(dialog).getByRole("combobox", { name: "M1 · Integritas" })).not.toHaveAttribute("aria-invalid");
  });

  it("shows the matrix without edit buttons to non-admins", async () => {
    matrixApi();
    at(session(["employee"]));
    const analyst = await rowOf("Analis Kebijakan Ahli Muda");
    await waitFor(() => expect(within(analyst).getAllByRole("cell")[0]).toHaveTextContent("4"));
    expect(screen.queryByRole("button", { name: /Ubah/ })).not.toBeInTheDocument();
  });

  it("asks a super admin viewing every agency to choose one first", () => {
    const { calls } = matrixApi();
    at(session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("derives a post's default level from the settings", () => {
    const d = { jpt_madya: 5, jpt_pratama: 4, administrator: 3, pengawas: 2, pelaksana: 1, ahli_utama: 4, ahli_madya: 3, ahli_muda: 2, ahli_pertama: 1, skilled: 1 };
    expect(defaultLevelFor(HEAD, d)).toBe(4);
    expect(defaultLevelFor(ANALYST, d)).toBe(2);
    expect(defaultLevelFor(position({ functional_level: "mahir" }), { ...d, skilled: 2 })).toBe(2);
    expect(defaultLevelFor(position({ functional_level: null }), { ...d, skilled: 3 })).toBe(3);
  });
});
