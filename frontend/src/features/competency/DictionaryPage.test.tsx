import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, renderApp, session, stubApi } from "../../test/render";
import CompetencyRoutes from "./routes";
import { M1, M2, SK1, TPM, lastBody, queriesTo } from "./testData";

const at = (path: string, s = session(["agency_admin"])) => renderApp(<CompetencyRoutes />, { path, route: "/competencies/*", session: s });
const RETIRED = { ...TPM, id: "00000000-0000-7000-8000-000000000299", code: "T-OLD", name: "Arsip Manual", retired: true };

function dictionaryApi() {
  return stubApi((url, req) => {
    if (url.pathname === "/api/v1/competencies") {
      const retired = url.searchParams.get("include_retired") === "true";
      return json(page([M1, M2, SK1, TPM, ...(retired ? [RETIRED] : [])], 31));
    }
    for (const c of [M1, TPM]) {
      if (url.pathname === `/api/v1/competencies/${c.id}`) {
        if (req.method === "PATCH") return json({ ...c, retired: true });
        return json(c);
      }
    }
    return undefined;
  });
}

const rowOf = async (name: string) => {
  const row = (await screen.findByRole("link", { name })).closest("tr");
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

describe("competency dictionary", () => {
  it("lists the catalogue with national, technical and retired badges", async () => {
    const { calls } = dictionaryApi();
    at("/competencies");
    expect(await screen.findByRole("heading", { level: 1, name: "Kamus Kompetensi" })).toBeInTheDocument();
    const m1 = await rowOf("Integritas");
    expect(within(m1).getByText("Manajerial")).toBeInTheDocument();
    expect(within(m1).getByText("Nasional")).toBeInTheDocument();
    const sk1 = await rowOf("Perekat Bangsa");
    expect(within(sk1).getByText("Sosial kultural")).toBeInTheDocument();
    const tpm = await rowOf("Manajemen Proyek");
    expect(within(tpm).getByText("Teknis", { selector: ".badge" })).toBeInTheDocument();
    expect(within(tpm).queryByText("Tidak berlaku")).not.toBeInTheDocument();
    expect(screen.getByText("1–20 dari 31")).toBeInTheDocument();

    // Retired ones only on request, with their badge; the agency scopes the list.
    await userEvent.click(screen.getByLabelText("Tampilkan yang tidak berlaku"));
    const old = await rowOf("Arsip Manual");
    expect(within(old).getByText("Tidak berlaku")).toBeInTheDocument();
    expect(queriesTo(calls, "/api/v1/competencies").at(-1)?.get("include_retired")).toBe("true");
    expect(queriesTo(calls, "/api/v1/competencies").at(-1)?.get("agency_id")).toBe("00000000-0000-7000-8000-0000000000a1");
  });

  it("filters by group and searches by name or code", async () => {
    const { calls } = dictionaryApi();
    at("/competencies");
    await rowOf("Integritas");
    await userEvent.selectOptions(screen.getByLabelText("Kelompok"), "technical");
    await waitFor(() => expect(queriesTo(calls, "/api/v1/competencies").at(-1)?.get("group")).toBe("technical"));
    await userEvent.type(screen.getByLabelText("Cari nama atau kode"), "proyek");
    await waitFor(() => expect(queriesTo(calls, "/api/v1/competencies").at(-1)?.get("q")).toBe("proyek"));
    expect(queriesTo(calls, "/api/v1/competencies").at(-1)?.get("group")).toBe("technical");
  });

  it("shows the five levels with their descriptions and behavioural indicators", async () => {
    dictionaryApi();
    at(`/competencies/${TPM.id}`);
    expect(await screen.findByRole("heading", { level: 1, name: "T-PM · Manajemen Proyek" })).toBeInTheDocument();
    expect(screen.getByText("Merencanakan dan mengendalikan proyek.")).toBeInTheDocument();
    const levels = screen.getByRole("region", { name: "Level kemahiran" });
    expect(within(levels).getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["Level 1", "Level 2", "Level 3", "Level 4", "Level 5"]);
    const three = within(levels).getByRole("heading", { level: 3, name: "Level 3" }).closest("li");
    if (!three) throw new Error("no level 3");
    expect(within(three).getByText("Proyek level 3")).toBeInTheDocument();
    expect(within(three).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Menyusun jadwal proyek", "Mengelola risiko"]);
  });

  it("lets admins retire a technical competency after confirmation", async () => {
    const { calls } = dictionaryApi();
    at(`/competencies/${TPM.id}`);
    expect(await screen.findByRole("link", { name: "Ubah" })).toHaveAttribute("href", `/competencies/${TPM.id}/edit`);
    await userEvent.click(screen.getByRole("button", { name: "Hentikan pemakaian" }));
    const dialog = screen.getByRole("dialog", { name: "Hentikan pemakaian kompetensi" });
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
    await userEvent.click(within(dialog).getByRole("button", { name: "Hentikan pemakaian" }));
    expect(await screen.findByText("Kompetensi tidak berlaku lagi.")).toBeInTheDocument();
    expect(await lastBody(calls, "PATCH", `/api/v1/competencies/${TPM.id}`)).toEqual({ retired: true });
  });

  it("keeps the national catalogue read-only, and hides edit controls from non-admins", async () => {
    dictionaryApi();
    const view = at(`/competencies/${M1.id}`);
    expect(await screen.findByText(/katalog nasional \(PermenPANRB 38\/2017\) dan tidak dapat diubah/)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Ubah" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Hentikan pemakaian" })).not.toBeInTheDocument();
    view.unmount();

    const employee = session(["employee"]);
    const detail = at(`/competencies/${TPM.id}`, employee);
    await screen.findByRole("heading", { level: 1, name: "T-PM · Manajemen Proyek" });
    expect(screen.queryByRole("link", { name: "Ubah" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Hentikan/ })).not.toBeInTheDocument();
    detail.unmount();

    at("/competencies", employee);
    await rowOf("Integritas");
    expect(screen.queryByRole("link", { name: "Tambah kompetensi teknis" })).not.toBeInTheDocument();
  });

  it("refuses the admin pages to other users", async () => {
    dictionaryApi();
    at("/competencies/new", session(["supervisor"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
  });
});
