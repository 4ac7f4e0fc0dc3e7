import { describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import OrgRoutes from "./routes";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import type { Unit } from "./api";

const AGENCY = "00000000-0000-7000-8000-0000000000a1";
const DINKES = "00000000-0000-7000-8000-000000000d01";
const PKM = "00000000-0000-7000-8000-000000000d02";
const SETDA = "00000000-0000-7000-8000-000000000d03";

const unit = (over: Partial<Unit>): Unit => ({
  id: DINKES,
  agency_id: AGENCY,
  parent_id: null,
  code: "DINKES",
  name: "Dinas Kesehatan",
  kind: "agency",
  active: true,
  child_count: 0,
  depth: 0,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  ...over,
});

const dinkes = unit({ child_count: 1 });
const setda = unit({ id: SETDA, code: "SETDA", name: "Sekretariat Daerah", kind: "secretariat" });
const pkm = unit({ id: PKM, parent_id: DINKES, code: "DINKES.PKM-LB", name: "Puskesmas Lingkar Barat", kind: "service_unit", depth: 1, active: false });

/** A small agency: Dinas Kesehatan (with one Puskesmas below it) and the Sekretariat Daerah. */
function orgApi(url: URL, req: Request): Response | Promise<Response> | undefined {
  if (url.pathname === "/api/v1/org-units" && req.method === "GET") {
    const p = url.searchParams;
    if (p.get("roots") === "true") return json(page([dinkes, setda]));
    if (p.get("parent_id") === DINKES) return json(page([pkm]));
    if (p.get("q")) return json(page([pkm]));
    return json(page([dinkes, pkm, setda]));
  }
  return undefined;
}

const admin = () => session(["agency_admin"]);

describe("Org-unit tree", () => {
  it("loads the top level, then a node's children when it opens", async () => {
    const { calls } = stubApi(orgApi);
    renderApp(<OrgRoutes section="units" />, { session: admin() });

    const tree = await screen.findByRole("tree", { name: "Struktur unit organisasi" });
    const roots = within(tree).getAllByRole("treeitem");
    expect(roots.map((r) => r.getAttribute("aria-label"))).toEqual(["Dinas Kesehatan", "Sekretariat Daerah"]);
    const first = new URL(calls[0]?.url ?? "");
    expect(first.searchParams.get("roots")).toBe("true");
    expect(first.searchParams.get("agency_id")).toBe(AGENCY);
    expect(first.searchParams.get("sort")).toBe("code");

    // A unit without children has nothing to open.
    const setdaItem = screen.getByRole("treeitem", { name: "Sekretariat Daerah" });
    expect(setdaItem).not.toHaveAttribute("aria-expanded");
    expect(within(setdaItem).queryByRole("button", { name: /Sub-unit/ })).not.toBeInTheDocument();

    const dinkesItem = screen.getByRole("treeitem", { name: "Dinas Kesehatan" });
    expect(dinkesItem).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(within(dinkesItem).getByRole("button", { name: "Sub-unit Dinas Kesehatan (1)" }));

    const child = await screen.findByRole("treeitem", { name: "Puskesmas Lingkar Barat" });
    expect(dinkesItem).toHaveAttribute("aria-expanded", "true");
    expect(child).toHaveAttribute("aria-level", "2");
    expect(within(child).getByText("Nonaktif")).toBeInTheDocument();
    expect(within(child).getByText("Unit layanan")).toBeInTheDocument();
    const childCall = calls.map((c) => new URL(c.url)).find((u) => u.searchParams.get("parent_id") === DINKES);
    expect(childCall?.searchParams.get("agency_id")).toBe(AGENCY);
  });

  it("opens and closes a node from the keyboard", async () => {
    stubApi(orgApi);
    renderApp(<OrgRoutes section="units" />, { session: admin() });
    const toggle = await screen.findByRole("button", { name: "Sub-unit Dinas Kesehatan (1)" });
    toggle.focus();
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("treeitem", { name: "Puskesmas Lingkar Barat" })).toBeInTheDocument();
    await userEvent.keyboard(" ");
    expect(screen.queryByRole("treeitem", { name: "Puskesmas Lingkar Barat" })).not.toBeInTheDocument();
    await userEvent.keyboard("{ArrowRight}");
    expect(await screen.findByRole("treeitem", { name: "Puskesmas Lingkar Barat" })).toBeInTheDocument();
    await userEvent.keyboard("{ArrowLeft}");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
  });

  it("moves a unit below a new parent and explains a cycle", async () => {
    const { calls } = stubApi((url, req) => {
      if (req.method === "PATCH" && url.pathname === `/api/v1/org-units/${DINKES}`) {
        return problem(422, "validation_failed", [{ field: "parent_id", code: "cycle", message: "a unit cannot be moved below itself" }]);
      }
      return orgApi(url, req);
    });
    renderApp(<OrgRoutes section="units" />, { session: admin() });
    await userEvent.click(await screen.findByRole("button", { name: "Pindahkan Dinas Kesehatan" }));
    const dialog = screen.getByRole("dialog", { name: "Pindahkan unit Dinas Kesehatan" });

    const parent = within(dialog).getByLabelText(/^Induk baru/);
    // The unit itself is not on offer; its descendants are (the server refuses them).
    await within(dialog).findByRole("option", { name: /Puskesmas Lingkar Barat/ });
    expect(within(dialog).queryByRole("option", { name: /^Dinas Kesehatan/ })).not.toBeInTheDocument();
    await userEvent.selectOptions(parent, PKM);
    await userEvent.click(within(dialog).getByRole("button", { name: "Pindahkan" }));

    expect(await within(dialog).findByText("Pilihan ini membuat rantai yang berputar.")).toBeInTheDocument();
    expect(parent).toHaveAttribute("aria-invalid", "true");
    const patch = calls.find((c) => c.method === "PATCH");
    expect(await patch?.json()).toEqual({ parent_id: PKM });
  });

  it("moves a unit to the top level with parent_id null and refreshes the tree", async () => {
    const { calls } = stubApi((url, req) => {
      if (req.method === "PATCH" && url.pathname === `/api/v1/org-units/${PKM}`) return json({ ...pkm, parent_id: null, depth: 0 });
      return orgApi(url, req);
    });
    renderApp(<OrgRoutes section="units" />, { session: admin() });
    await userEvent.click(await screen.findByRole("button", { name: "Sub-unit Dinas Kesehatan (1)" }));
    await userEvent.click(await screen.findByRole("button", { name: "Pindahkan Puskesmas Lingkar Barat" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Induk baru/), "");
    const before = calls.length;
    await userEvent.click(within(dialog).getByRole("button", { name: "Pindahkan" }));

    expect(await screen.findByText("Unit Puskesmas Lingkar Barat telah dipindahkan.")).toBeInTheDocument();
    expect(await calls.find((c) => c.method === "PATCH")?.json()).toEqual({ parent_id: null });
    // The open parts of the tree are asked for again.
    const after = calls.slice(before).map((c) => new URL(c.url).searchParams);
    expect(after.some((p) => p.get("roots") === "true")).toBe(true);
  });

  it("creates a unit below the node it was asked from", async () => {
    const { calls } = stubApi((url, req) => {
      if (req.method === "POST" && url.pathname === "/api/v1/org-units") return json(unit({ id: PKM, code: "SETDA.UM", name: "Bagian Umum", parent_id: SETDA }), 201);
      return orgApi(url, req);
    });
    renderApp(<OrgRoutes section="units" />, { session: admin() });
    await userEvent.click(await screen.findByRole("button", { name: "Tambah sub-unit Sekretariat Daerah" }));
    const dialog = screen.getByRole("dialog", { name: "Tambah sub-unit di bawah Sekretariat Daerah" });
    await userEvent.type(within(dialog).getByLabelText(/^Kode/), "SETDA.UM");
    await userEvent.type(within(dialog).getByLabelText(/^Nama unit/), "Bagian Umum");
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Jenis unit/), "division");
    expect(within(dialog).getByLabelText(/^Unit induk/)).toHaveValue(SETDA);
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan" }));

    expect(await screen.findByText("Unit Bagian Umum telah ditambahkan.")).toBeInTheDocument();
    // An agency admin's units always go to their own agency: no agency_id is sent.
    expect(await calls.find((c) => c.method === "POST")?.json()).toEqual({ code: "SETDA.UM", name: "Bagian Umum", kind: "division", parent_id: SETDA });
  });

  it("searches with q and shows a flat list of matches", async () => {
    const { calls } = stubApi(orgApi);
    renderApp(<OrgRoutes section="units" />, { session: admin() });
    await screen.findByRole("tree");
    await userEvent.type(screen.getByLabelText(/^Cari unit organisasi/), "puskes");
    const results = await screen.findByRole("region", { name: "Hasil pencarian unit" });
    expect(within(results).getByRole("button", { name: "Pindahkan Puskesmas Lingkar Barat" })).toBeInTheDocument();
    expect(screen.queryByRole("tree")).not.toBeInTheDocument();
    const search = calls.map((c) => new URL(c.url).searchParams).find((p) => p.get("q"));
    expect(search?.get("q")).toBe("puskes");
    expect(search?.get("agency_id")).toBe(AGENCY);
  });

  it("asks a super admin who views all agencies to choose one", async () => {
    const setAgencyId = vi.fn();
    stubApi((url) => (url.pathname === "/api/v1/agencies" ? json(page([{ id: AGENCY, code: "1771", name: "Pemerintah Kota Bengkulu", kind: "city", seat: "Bengkulu", created_at: "", updated_at: "" }])) : undefined));
    renderApp(<OrgRoutes section="units" />, { session: session(["super_admin"], { setAgencyId }) });
    expect(screen.getByText(/Pilih instansi yang ingin dilihat/)).toBeInTheDocument();
    expect(screen.queryByRole("tree")).not.toBeInTheDocument();
    await screen.findByRole("option", { name: "Pemerintah Kota Bengkulu" });
    await userEvent.selectOptions(screen.getByLabelText(/^Instansi/), AGENCY);
    expect(setAgencyId).toHaveBeenCalledWith(AGENCY);
  });

  it("shows the tree without any change buttons to a non-admin", async () => {
    stubApi(orgApi);
    renderApp(<OrgRoutes section="units" />, { session: session(["employee"]) });
    await screen.findByRole("tree");
    expect(screen.getByRole("button", { name: /^Sub-unit Dinas Kesehatan/ })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Tambah|Ubah|Pindahkan/ })).not.toBeInTheDocument();
  });
});
