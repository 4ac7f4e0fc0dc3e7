import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import { placeCompetencyError } from "./CompetencyFormPage";
import CompetencyRoutes from "./routes";
import { M1, TPM, lastBody } from "./testData";

const at = (path: string, s = session(["agency_admin"])) => renderApp(<CompetencyRoutes />, { path, route: "/competencies/*", session: s });

async function fillLevels() {
  for (const n of [1, 2, 3, 4, 5]) {
    await userEvent.type(screen.getByRole("textbox", { name: `Deskripsi level ${n}` }), `Mampu pada level ${n}`);
  }
}

describe("technical competency form", () => {
  it("places API errors at their fields, down to one level's description and indicators", async () => {
    const { calls } = stubApi((url, req) => {
      if (url.pathname === "/api/v1/competencies" && req.method === "POST") {
        return problem(422, "validation_failed", [
          { field: "code", code: "reserved_code", message: "reserved" },
          { field: "levels[2].description", code: "too_long", message: "too long" },
          { field: "levels[0].indicators[1]", code: "too_long", message: "too long" },
        ]);
      }
      return undefined;
    });
    at("/competencies/new");
    await userEvent.type(screen.getByRole("textbox", { name: "Kode" }), "M1");
    await userEvent.type(screen.getByRole("textbox", { name: "Nama" }), "Integritas Lokal");
    await fillLevels();
    await userEvent.type(screen.getByRole("textbox", { name: /Indikator perilaku level 1/ }), "Jujur{enter}Teliti{enter}{enter}");
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));

    const code = screen.getByRole("textbox", { name: "Kode" });
    await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"));
    expect(code).toHaveAccessibleDescription("Kode ini dipakai katalog nasional (M1–M8, SK1).");
    const level3 = screen.getByRole("textbox", { name: "Deskripsi level 3" });
    expect(level3).toHaveAttribute("aria-invalid", "true");
    expect(level3).toHaveAccessibleDescription("Terlalu panjang.");
    expect(screen.getByRole("textbox", { name: /Indikator perilaku level 1/ })).toHaveAccessibleDescription("Terlalu panjang.");
    expect(screen.getByRole("textbox", { name: "Deskripsi level 2" })).not.toHaveAttribute("aria-invalid");

    // Five levels in order, indicators one per line without blank ones, no agency for an agency admin.
    expect(await lastBody(calls, "POST", "/api/v1/competencies")).toEqual({
      code: "M1",
      name: "Integritas Lokal",
      description: "",
      levels: [1, 2, 3, 4, 5].map((level) => ({ level, description: `Mampu pada level ${level}`, indicators: level === 1 ? ["Jujur", "Teliti"] : [] })),
    });
  });

  it("asks for the code, the name and every level's description before sending", async () => {
    const { calls } = stubApi(() => undefined);
    at("/competencies/new");
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));
    expect(screen.getByRole("textbox", { name: "Kode" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(screen.getByRole("textbox", { name: "Nama" })).toHaveAccessibleDescription("Wajib diisi.");
    for (const n of [1, 2, 3, 4, 5]) expect(screen.getByRole("textbox", { name: `Deskripsi level ${n}` })).toHaveAttribute("aria-invalid", "true");
    expect(calls).toHaveLength(0);
  });

  it("creates a competency in the chosen agency (super admin) and opens it", async () => {
    const created = { ...TPM, id: "00000000-0000-7000-8000-000000000777", code: "T-GIS", name: "Analisis Spasial" };
    const { calls } = stubApi((url, req) => {
      if (url.pathname === "/api/v1/competencies" && req.method === "POST") return json(created, 201);
      if (url.pathname === `/api/v1/competencies/${created.id}`) return json(created);
      return undefined;
    });
    at("/competencies/new", session(["super_admin"], { agencyId: "00000000-0000-7000-8000-0000000000a9" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Kode" }), "t-gis");
    await userEvent.type(screen.getByRole("textbox", { name: "Nama" }), "Analisis Spasial");
    await fillLevels();
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));
    expect(await screen.findByRole("heading", { level: 1, name: "T-GIS · Analisis Spasial" })).toBeInTheDocument();
    expect(screen.getByText("Kompetensi tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "POST", "/api/v1/competencies")).toMatchObject({ agency_id: "00000000-0000-7000-8000-0000000000a9", code: "t-gis" });
  });

  it("asks a super admin viewing every agency to choose one first", () => {
    stubApi(() => undefined);
    at("/competencies/new", session(["super_admin"]));
    expect(screen.getByText(/Pilih instansi pada pemilih instansi/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Simpan" })).not.toBeInTheDocument();
  });

  it("edits only what changed", async () => {
    const { calls } = stubApi((url, req) => {
      if (url.pathname === `/api/v1/competencies/${TPM.id}`) return json(req.method === "PATCH" ? { ...TPM, name: "Manajemen Proyek Daerah" } : TPM);
      if (url.pathname === "/api/v1/competencies") return json(page([TPM]));
      return undefined;
    });
    at(`/competencies/${TPM.id}/edit`);
    const name = await screen.findByRole("textbox", { name: "Nama" });
    expect(screen.getByRole("textbox", { name: /Indikator perilaku level 3/ })).toHaveValue("Menyusun jadwal proyek\nMengelola risiko");
    await userEvent.clear(name);
    await userEvent.type(name, "Manajemen Proyek Daerah");
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));
    expect(await screen.findByText("Kompetensi tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "PATCH", `/api/v1/competencies/${TPM.id}`)).toEqual({ name: "Manajemen Proyek Daerah" });
  });

  it("does not offer a form for a national competency", async () => {
    stubApi((url) => (url.pathname === `/api/v1/competencies/${M1.id}` ? json(M1) : undefined));
    at(`/competencies/${M1.id}/edit`);
    expect(await screen.findByText(/tidak dapat diubah/)).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Kode" })).not.toBeInTheDocument();
  });

  it("maps nested API fields to the form's fields", () => {
    expect(placeCompetencyError("levels[4].indicators[19]")).toBe("levels[4].indicators");
    expect(placeCompetencyError("levels[4].indicators")).toBe("levels[4].indicators");
    expect(placeCompetencyError("levels[1].level")).toBe("levels");
    expect(placeCompetencyError("group")).toBeNull();
  });
});
