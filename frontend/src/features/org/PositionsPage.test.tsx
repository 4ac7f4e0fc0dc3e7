import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import OrgRoutes from "./routes";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import type { Position, Unit } from "./api";

const AGENCY = "00000000-0000-7000-8000-0000000000a1";
const NURSE = "00000000-0000-7000-8000-000000000e01";
const HEAD = "00000000-0000-7000-8000-000000000e02";
const PKM = "00000000-0000-7000-8000-000000000d02";

const position = (over: Partial<Position>): Position => ({
  id: NURSE,
  agency_id: AGENCY,
  org_unit_id: null,
  code: "PRWT-AP",
  title: "Perawat Ahli Pertama",
  kind: "fungsional",
  functional_level: "ahli_pertama",
  active: true,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  ...over,
});

const pkm: Unit = {
  id: PKM,
  agency_id: AGENCY,
  parent_id: null,
  code: "PKM-LB",
  name: "Puskesmas Lingkar Barat",
  kind: "service_unit",
  active: true,
  child_count: 0,
  depth: 0,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

const POSITIONS = [position({}), position({ id: HEAD, code: "KADIS", title: "Kepala Dinas", kind: "jpt_pratama", functional_level: null, active: false })];

function positionsApi(url: URL, req: Request): Response | undefined {
  if (url.pathname === "/api/v1/positions" && req.method === "GET") return json(page(POSITIONS, 45));
  if (url.pathname === "/api/v1/org-units" && req.method === "GET") return json(page([pkm]));
  if (url.pathname === `/api/v1/org-units/${PKM}`) return json(pkm);
  return undefined;
}

const admin = () => session(["agency_admin"]);
const lastListQuery = (calls: Request[]) =>
  calls
    .map((c) => new URL(c.url))
    .filter((u) => u.pathname === "/api/v1/positions")
    .at(-1)?.searchParams;

describe("Positions", () => {
  it("lists positions with kind, level and status, a page at a time", async () => {
    const { calls } = stubApi(positionsApi);
    renderApp(<OrgRoutes section="positions" />, { session: admin() });
    const row = (await screen.findByRole("cell", { name: "Perawat Ahli Pertama" })).closest("tr");
    if (!row) throw new Error("no row");
    expect(within(row).getByRole("cell", { name: "Fungsional" })).toBeInTheDocument();
    expect(within(row).getByRole("cell", { name: "Ahli Pertama" })).toBeInTheDocument();
    const head = screen.getByRole("cell", { name: "Kepala Dinas" }).closest("tr");
    if (!head) throw new Error("no row");
    expect(within(head).getByText("Nonaktif")).toBeInTheDocument();
    expect(within(head).getByRole("cell", { name: "—" })).toBeInTheDocument();
    expect(screen.getByText("1–20 dari 45")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Berikutnya" }));
    await screen.findByText("21–40 dari 45");
    expect(lastListQuery(calls)?.get("page")).toBe("2");
    expect(lastListQuery(calls)?.get("agency_id")).toBe(AGENCY);
  });

  it("searches (debounced), filters by kind and sorts", async () => {
    const { calls } = stubApi(positionsApi);
    renderApp(<OrgRoutes section="positions" />, { session: admin() });
    await screen.findByRole("cell", { name: "Perawat Ahli Pertama" });
    expect(lastListQuery(calls)?.get("sort")).toBe("title");

    await userEvent.type(screen.getByLabelText(/^Cari jabatan/), "perawat");
    await waitFor(() => expect(lastListQuery(calls)?.get("q")).toBe("perawat"));
    // One request for the whole word, none per keystroke.
    const searched = calls.map((c) => new URL(c.url).searchParams.get("q")).filter((q) => q !== null);
    expect(searched).toEqual(["perawat"]);
    expect(lastListQuery(calls)?.get("page")).toBe("1");

    await userEvent.selectOptions(screen.getByLabelText(/^Jenis jabatan/), "fungsional");
    expect(lastListQuery(calls)?.get("kind")).toBe("fungsional");

    await userEvent.click(screen.getByRole("button", { name: /^Kode/ }));
    expect(lastListQuery(calls)?.get("sort")).toBe("code");
    expect(screen.getByRole("columnheader", { name: /^Kode/ })).toHaveAttribute("aria-sort", "ascending");
    await userEvent.click(screen.getByRole("button", { name: /^Kode/ }));
    expect(lastListQuery(calls)?.get("sort")).toBe("-code");
  });

  it("asks for a functional level only for functional positions", async () => {
    stubApi(positionsApi);
    renderApp(<OrgRoutes section="positions" />, { session: admin() });
    await userEvent.click(await screen.findByRole("button", { name: "Tambah jabatan" }));
    const dialog = screen.getByRole("dialog", { name: "Tambah jabatan" });
    const kind = within(dialog).getByLabelText(/^Jenis jabatan/);
    expect(within(dialog).queryByLabelText(/^Jenjang fungsional/)).not.toBeInTheDocument();
    await userEvent.selectOptions(kind, "fungsional");
    expect(within(dialog).getByLabelText(/^Jenjang fungsional/)).toBeInTheDocument();
    await userEvent.selectOptions(kind, "pelaksana");
    expect(within(dialog).queryByLabelText(/^Jenjang fungsional/)).not.toBeInTheDocument();
  });

  it("creates a functional position in a unit and shows field errors at their fields", async () => {
    const { calls } = stubApi((url, req) => {
      if (req.method === "POST" && url.pathname === "/api/v1/positions") {
        return problem(422, "validation_failed", [
          { field: "code", code: "invalid_code", message: "bad code" },
          { field: "functional_level", code: "required", message: "a functional position needs its level" },
        ]);
      }
      return positionsApi(url, req);
    });
    renderApp(<OrgRoutes section="positions" />, { session: admin() });
    await userEvent.click(await screen.findByRole("button", { name: "Tambah jabatan" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText(/^Kode/), "PRWT AP");
    await userEvent.type(within(dialog).getByLabelText(/^Nama jabatan/), "Perawat Ahli Pertama");
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Jenis jabatan/), "fungsional");
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Jenjang fungsional/), "ahli_pertama");
    await within(dialog).findByRole("option", { name: "Puskesmas Lingkar Barat (PKM-LB)" });
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Unit organisasi/), PKM);
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan" }));

    expect(await within(dialog).findByText(/Kode hanya boleh huruf/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Kode/)).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getByLabelText(/^Jenjang fungsional/)).toHaveAccessibleDescription("Wajib diisi.");
    expect(await calls.find((c) => c.method === "POST")?.json()).toEqual({
      code: "PRWT AP",
      title: "Perawat Ahli Pertama",
      kind: "fungsional",
      functional_level: "ahli_pertama",
      org_unit_id: PKM,
    });
  });

  it("edits a position: clears the level when it stops being functional, and deactivates it", async () => {
    const { calls } = stubApi((url, req) => {
      if (req.method === "PATCH" && url.pathname === `/api/v1/positions/${NURSE}`) return json(position({ kind: "pelaksana", functional_level: null, active: false }));
      return positionsApi(url, req);
    });
    renderApp(<OrgRoutes section="positions" />, { session: admin() });
    await userEvent.click(await screen.findByRole("button", { name: "Ubah Perawat Ahli Pertama" }));
    const dialog = screen.getByRole("dialog", { name: "Ubah jabatan Perawat Ahli Pertama" });
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Jenis jabatan/), "pelaksana");
    await userEvent.click(within(dialog).getByLabelText("Jabatan aktif"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan" }));

    expect(await screen.findByText("Perubahan jabatan Perawat Ahli Pertama tersimpan.")).toBeInTheDocument();
    expect(await calls.find((c) => c.method === "PATCH")?.json()).toEqual({ kind: "pelaksana", functional_level: null, active: false });
  });

  it("shows no create or edit buttons to a non-admin", async () => {
    stubApi(positionsApi);
    renderApp(<OrgRoutes section="positions" />, { session: session(["employee"]) });
    await screen.findByRole("cell", { name: "Perawat Ahli Pertama" });
    expect(screen.queryByRole("button", { name: /Tambah|Ubah/ })).not.toBeInTheDocument();
    expect(screen.getAllByRole("columnheader")).toHaveLength(5);
  });
});
