import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, renderApp, session, stubApi } from "../../test/render";
import LearningRoutes from "./routes";
import { PROGRAMME_ID, programme, uuid } from "./testData";

const at = (path: string, s = session(["agency_admin"])) => renderApp(<LearningRoutes section="programmes" />, { path, route: "/programmes/*", session: s });

const DRAFT = programme({ id: uuid(3801), code: "KOM-01", title: "Komunikasi Efektif", activity_kind: "training", form: "classical", jp: 16, status: "draft" });

function listApi() {
  return stubApi((url) => {
    if (url.pathname !== "/api/v1/programmes") return undefined;
    const q = (url.searchParams.get("q") ?? "").toLowerCase();
    const status = url.searchParams.get("status");
    return json(page([programme(), DRAFT].filter((p) => (!status || p.status === status) && (!q || p.title.toLowerCase().includes(q) || p.code.toLowerCase().includes(q)))));
  });
}

const queries = (calls: Request[]) => calls.map((c) => new URL(c.url)).filter((u) => u.pathname === "/api/v1/programmes").map((u) => u.searchParams);

describe("programme list", () => {
  it("lists the agency's programmes with kind, form, JP and status", async () => {
    const { calls } = listApi();
    at("/programmes");
    expect(await screen.findByRole("heading", { level: 1, name: "Program Pelatihan" })).toBeInTheDocument();
    const row = (await screen.findByRole("link", { name: "Manajemen Proyek Infrastruktur" })).closest("tr") as HTMLElement;
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["PM-INFRA-01", "E-learningNonklasikal", "24", "Terbit", "Lihat angkatan Manajemen Proyek Infrastruktur"]);
    expect(screen.getByRole("link", { name: "Manajemen Proyek Infrastruktur" })).toHaveAttribute("href", `/programmes/${PROGRAMME_ID}`);
    expect(screen.getByRole("link", { name: "Lihat angkatan Komunikasi Efektif" })).toHaveAttribute("href", `/sessions?programme_id=${DRAFT.id}`);
    expect(screen.getByRole("link", { name: "Buat program" })).toHaveAttribute("href", "/programmes/new");
    expect(queries(calls)[0]?.get("agency_id")).toBe("00000000-0000-7000-8000-0000000000a1");
  });

  it("searches by title or code and filters by status", async () => {
    const { calls } = listApi();
    at("/programmes");
    await screen.findByRole("link", { name: "Komunikasi Efektif" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "draft");
    await waitFor(() => expect(screen.queryByRole("link", { name: "Manajemen Proyek Infrastruktur" })).not.toBeInTheDocument());
    expect(queries(calls).at(-1)?.get("status")).toBe("draft");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "");
    await userEvent.type(screen.getByRole("searchbox", { name: "Cari judul atau kode" }), "pm-infra");
    await waitFor(() => expect(queries(calls).at(-1)?.get("q")).toBe("pm-infra"));
    expect(await screen.findByRole("link", { name: "Manajemen Proyek Infrastruktur" })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("link", { name: "Komunikasi Efektif" })).not.toBeInTheDocument());
  });

  it("asks a super admin to choose an agency first", () => {
    const { calls } = stubApi(() => undefined);
    at("/programmes", session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
