import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import OrgRoutes from "./routes";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import type { Agency } from "./api";

const OWN = "00000000-0000-7000-8000-0000000000a1";

const agency = (over: Partial<Agency>): Agency => ({
  id: OWN,
  code: "1771",
  name: "Pemerintah Kota Bengkulu",
  kind: "city",
  seat: "Bengkulu",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  ...over,
});

const AGENCIES = [
  agency({ id: "00000000-0000-7000-8000-0000000000a0", code: "17", name: "Pemerintah Provinsi Bengkulu", kind: "province" }),
  agency({}),
];

describe("Agencies", () => {
  it("lists agencies with their kind and seat", async () => {
    stubApi((url) => (url.pathname === "/api/v1/agencies" ? json(page(AGENCIES)) : undefined));
    renderApp(<OrgRoutes section="agencies" />);
    const row = (await screen.findByRole("cell", { name: "Pemerintah Kota Bengkulu" })).closest("tr");
    if (!row) throw new Error("no row");
    expect(within(row).getByRole("cell", { name: "1771" })).toBeInTheDocument();
    expect(within(row).getByRole("cell", { name: "Kota" })).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "Provinsi" })).toBeInTheDocument();
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Kode wilayah", "Nama instansi", "Jenis", "Ibu kota", "Tindakan"]);
  });

  it("shows a duplicate code at the code field of the registration form", async () => {
    const { calls } = stubApi((url, req) => {
      if (url.pathname !== "/api/v1/agencies") return undefined;
      if (req.method === "GET") return json(page(AGENCIES));
      return problem(409, "duplicate_code", [{ field: "code", code: "duplicate_code", message: "agency code 1771 is taken" }]);
    });
    renderApp(<OrgRoutes section="agencies" />);
    await userEvent.click(await screen.findByRole("button", { name: "Daftarkan instansi" }));
    const dialog = screen.getByRole("dialog");
    await userEvent.type(within(dialog).getByLabelText(/^Kode wilayah/), "1771");
    await userEvent.selectOptions(within(dialog).getByLabelText(/^Jenis/), "city");
    await userEvent.type(within(dialog).getByLabelText(/^Nama instansi/), "Kota Bengkulu Lagi");
    await userEvent.type(within(dialog).getByLabelText(/^Ibu kota/), "Bengkulu");
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan" }));

    const code = within(dialog).getByLabelText(/^Kode wilayah/);
    expect(await within(dialog).findByText("Kode ini sudah dipakai.")).toBeInTheDocument();
    expect(code).toHaveAttribute("aria-invalid", "true");
    expect(code).toHaveAccessibleDescription("Kode ini sudah dipakai.");
    const post = calls.find((c) => c.method === "POST");
    expect(await post?.json()).toEqual({ code: "1771", name: "Kota Bengkulu Lagi", kind: "city", seat: "Bengkulu" });
  });

  it("asks for the required fields before sending anything", async () => {
    const { calls } = stubApi((url, req) => (url.pathname === "/api/v1/agencies" && req.method === "GET" ? json(page(AGENCIES)) : undefined));
    renderApp(<OrgRoutes section="agencies" />);
    await userEvent.click(await screen.findByRole("button", { name: "Daftarkan instansi" }));
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Simpan" }));
    expect(screen.getByLabelText(/^Nama instansi/)).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("lets an agency admin rename only their own agency, sending only what changed", async () => {
    const { calls } = stubApi((url, req) => {
      if (url.pathname === "/api/v1/agencies") return json(page([agency({})]));
      if (url.pathname === `/api/v1/agencies/${OWN}` && req.method === "PATCH") return json(agency({ name: "Pemkot Bengkulu" }));
      return undefined;
    });
    renderApp(<OrgRoutes section="agencies" />, { session: session(["agency_admin"]) });
    await userEvent.click(await screen.findByRole("button", { name: "Ubah Pemerintah Kota Bengkulu" }));
    expect(screen.queryByRole("button", { name: "Daftarkan instansi" })).not.toBeInTheDocument();
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).queryByLabelText(/^Kode wilayah/)).not.toBeInTheDocument();
    const name = within(dialog).getByLabelText(/^Nama instansi/);
    await userEvent.clear(name);
    await userEvent.type(name, "Pemkot Bengkulu");
    await userEvent.click(within(dialog).getByRole("button", { name: "Simpan" }));
    expect(await screen.findByText("Perubahan instansi Pemkot Bengkulu tersimpan.")).toBeInTheDocument();
    const patch = calls.find((c) => c.method === "PATCH");
    expect(await patch?.json()).toEqual({ name: "Pemkot Bengkulu" });
  });

  it("offers no changes to other users", async () => {
    stubApi((url) => (url.pathname === "/api/v1/agencies" ? json(page([agency({})])) : undefined));
    renderApp(<OrgRoutes section="agencies" />, { session: session(["employee"]) });
    expect(await screen.findByRole("cell", { name: "Pemerintah Kota Bengkulu" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Ubah|Daftarkan/ })).not.toBeInTheDocument();
  });
});
