import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, renderApp, session, stubApi } from "../../test/render";
import PeopleRoutes from "./routes";
import { AGENCY_ID, employee, queriesTo, unit } from "./testData";

const LIST = "/api/v1/employees";
const at = (path: string, s = session()) => renderApp(<PeopleRoutes />, { path, route: "/employees/*", session: s });

describe("employee list", () => {
  it("renders rows from the API and searches as you type, back on page 1", async () => {
    const ahmad = employee();
    const { calls } = stubApi((url) => (url.pathname === LIST ? json(page([ahmad], 45, 3)) : undefined));
    at("/employees?page=3");

    const row = (await screen.findByRole("link", { name: "dr. Ahmad Fauzi, M.Kes." })).closest("tr");
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByText("198507152010011003")).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText("Perawat Ahli Pertama")).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText("Fungsional")).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText("Aktif")).toHaveClass("badge-active");
    expect(screen.getByRole("link", { name: "dr. Ahmad Fauzi, M.Kes." })).toHaveAttribute("href", `/employees/${ahmad.id}`);
    expect(queriesTo(calls, LIST)[0]?.get("page")).toBe("3");

    await userEvent.type(screen.getByLabelText("Cari nama atau NIP"), "ahmad");
    await waitFor(() => expect(queriesTo(calls, LIST).some((q) => q.get("q") === "ahmad")).toBe(true));
    const searched = queriesTo(calls, LIST).filter((q) => q.has("q"));
    // One request for the whole word (debounced), starting again at page 1.
    expect(searched.map((q) => q.get("q"))).toEqual(["ahmad"]);
    expect(searched[0]?.get("page")).toBe("1");
  });

  it("sorts by a column: ascending first, then descending", async () => {
    const { calls } = stubApi((url) => (url.pathname === LIST ? json(page([employee()])) : undefined));
    at("/employees");
    await screen.findByRole("link", { name: "dr. Ahmad Fauzi, M.Kes." });
    expect(queriesTo(calls, LIST)[0]?.get("sort")).toBe("name");

    await userEvent.click(screen.getByRole("button", { name: /^NIP/ }));
    await waitFor(() => expect(queriesTo(calls, LIST).at(-1)?.get("sort")).toBe("nip"));
    expect(screen.getByRole("columnheader", { name: /NIP/ })).toHaveAttribute("aria-sort", "ascending");

    await userEvent.click(screen.getByRole("button", { name: /^NIP/ }));
    await waitFor(() => expect(queriesTo(calls, LIST).at(-1)?.get("sort")).toBe("-nip"));
    expect(screen.getByRole("columnheader", { name: /NIP/ })).toHaveAttribute("aria-sort", "descending");
  });

  it("shows the empty state when there are no employees", async () => {
    stubApi((url) => (url.pathname === LIST ? json(page([], 0)) : undefined));
    at("/employees");
    expect(await screen.findByText("Belum ada pegawai yang terdaftar.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("tells a search without matches apart from an empty list, and clears it", async () => {
    const { calls } = stubApi((url) => (url.pathname === LIST ? json(url.searchParams.has("status") ? page([], 0) : page([employee()])) : undefined));
    at("/employees?status=retired");
    expect(await screen.findByText("Tidak ada yang cocok dengan pencarian ini.")).toBeInTheDocument();
    expect(queriesTo(calls, LIST)[0]?.get("status")).toBe("retired");
    expect(screen.getByLabelText("Status")).toHaveValue("retired");

    await userEvent.click(screen.getByRole("button", { name: "Hapus pencarian dan filter" }));
    expect(await screen.findByRole("link", { name: "dr. Ahmad Fauzi, M.Kes." })).toBeInTheDocument();
  });

  it("filters by unit of the viewer's agency and by position kind", async () => {
    const sub = unit({ id: "00000000-0000-7000-8000-0000000000b2", name: "Puskesmas Lingkar Barat", depth: 1 });
    const { calls } = stubApi((url) => {
      if (url.pathname === "/api/v1/org-units") return json(page([unit(), sub]));
      if (url.pathname === LIST) return json(page([employee()]));
      return undefined;
    });
    at("/employees", session(["agency_admin"]));
    await screen.findByRole("option", { name: /Puskesmas Lingkar Barat/ });
    const units = queriesTo(calls, "/api/v1/org-units")[0];
    expect(units?.get("agency_id")).toBe(AGENCY_ID);
    expect(units?.get("per_page")).toBe("200");

    await userEvent.selectOptions(screen.getByLabelText("Unit kerja"), sub.id);
    await waitFor(() => expect(queriesTo(calls, LIST).at(-1)?.get("org_unit_id")).toBe(sub.id));
    await userEvent.selectOptions(screen.getByLabelText("Jenis jabatan"), "pengawas");
    await waitFor(() => expect(queriesTo(calls, LIST).at(-1)?.get("position_kind")).toBe("pengawas"));
    expect(queriesTo(calls, LIST).at(-1)?.get("org_unit_id")).toBe(sub.id);
    expect(queriesTo(calls, LIST).at(-1)?.get("agency_id")).toBe(AGENCY_ID);
  });

  it("lets a super admin see all agencies or the chosen one", async () => {
    const { calls } = stubApi((url) => (url.pathname === LIST ? json(page([employee()])) : undefined));
    at("/employees");
    await screen.findByRole("link", { name: "dr. Ahmad Fauzi, M.Kes." });
    expect(queriesTo(calls, LIST)[0]?.has("agency_id")).toBe(false);
    // Units of every agency together make no sensible filter.
    expect(screen.queryByLabelText("Unit kerja")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Tambah pegawai" })).toHaveAttribute("href", "/employees/new");
  });

  it("offers no add button to a supervisor", async () => {
    stubApi((url) => (url.pathname === LIST || url.pathname === "/api/v1/org-units" ? json(page([employee()])) : undefined));
    at("/employees", session(["supervisor"]));
    await screen.findByRole("link", { name: "dr. Ahmad Fauzi, M.Kes." });
    expect(screen.queryByRole("link", { name: "Tambah pegawai" })).not.toBeInTheDocument();
  });
});
