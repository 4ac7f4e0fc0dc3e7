import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, renderApp, session, stubApi } from "../../test/render";
import SurveyRoutes from "./routes";
import { UNIT_ID, queriesTo, summary, unit } from "./testData";

const at = (path: string, s = session(["agency_admin"])) => renderApp(<SurveyRoutes section="admin" />, { path, route: "/surveys/*", session: s });

const PUBLIC = summary({ id: "00000000-0000-7000-8000-0000000005a2", title: "Kepuasan Layanan Puskesmas", audience: "public", status: "open" });
const AGENCY_WIDE = summary({ id: "00000000-0000-7000-8000-0000000005a3", title: "Survei Atasan 2026", audience: "supervisors", status: "closed", org_unit_id: null });

function listApi() {
  return stubApi((url) => {
    if (url.pathname === "/api/v1/surveys") {
      const status = url.searchParams.get("status");
      const all = [summary(), PUBLIC, AGENCY_WIDE];
      return json(page(status ? all.filter((s) => s.status === status) : all));
    }
    if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
    return undefined;
  });
}

const rowOf = async (title: string) => {
  const row = (await screen.findByRole("link", { name: title })).closest("tr");
  if (!row) throw new Error(`no row ${title}`);
  return row;
};

describe("survey list", () => {
  it("lists the agency's surveys with audience, unit and status", async () => {
    const { calls } = listApi();
    at("/surveys");
    expect(await screen.findByRole("heading", { level: 1, name: "Survei Kebutuhan" })).toBeInTheDocument();
    const draft = await rowOf("Kebutuhan Pelatihan 2027");
    await waitFor(() => expect(within(draft).getAllByRole("cell")[1]).toHaveTextContent("Dinas Kesehatan"));
    expect(within(draft).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Pegawai (tentang diri sendiri)", "Dinas Kesehatan", "Draf", "1 November 2026"]);
    expect(within(await rowOf("Kepuasan Layanan Puskesmas")).getByText("Dibuka")).toBeInTheDocument();
    const closed = await rowOf("Survei Atasan 2026");
    expect(within(closed).getByText("Seluruh instansi")).toBeInTheDocument();
    expect(within(closed).getByText("Ditutup")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Kebutuhan Pelatihan 2027" })).toHaveAttribute("href", "/surveys/00000000-0000-7000-8000-0000000005a1");
    expect(screen.getByRole("link", { name: "Buat survei" })).toHaveAttribute("href", "/surveys/new");
    expect(queriesTo(calls, "/api/v1/surveys")[0]?.get("agency_id")).toBe("00000000-0000-7000-8000-0000000000a1");
  });

  it("filters by status", async () => {
    const { calls } = listApi();
    at("/surveys");
    await rowOf("Kebutuhan Pelatihan 2027");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "open");
    await waitFor(() => expect(screen.queryByRole("link", { name: "Kebutuhan Pelatihan 2027" })).not.toBeInTheDocument());
    expect(screen.getByRole("link", { name: "Kepuasan Layanan Puskesmas" })).toBeInTheDocument();
    expect(queriesTo(calls, "/api/v1/surveys").at(-1)?.get("status")).toBe("open");
  });

  it("is for administrators only", () => {
    const { calls } = stubApi(() => undefined);
    at("/surveys", session(["supervisor", "employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(calls).toHaveLength(0);
  });

  it("asks a super admin to choose an agency first", () => {
    const { calls } = stubApi(() => undefined);
    at("/surveys", session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Buat survei" })).not.toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
