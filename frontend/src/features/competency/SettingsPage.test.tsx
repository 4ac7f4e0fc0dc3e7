import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import type { Settings } from "./api";
import CompetencyRoutes from "./routes";
import { AGENCY_ID, lastBody } from "./testData";

const at = (s = session(["agency_admin"])) => renderApp(<CompetencyRoutes />, { path: "/competencies/settings", route: "/competencies/*", session: s });

const SETTINGS: Settings = {
  agency_id: AGENCY_ID,
  managerial_defaults: { jpt_madya: 5, jpt_pratama: 4, administrator: 3, pengawas: 2, pelaksana: 1, ahli_utama: 4, ahli_madya: 3, ahli_muda: 2, ahli_pertama: 1, skilled: 1 },
  need_weights: { gap: 0.4, depth: 0.2, survey: 0.15, performance: 0.15, citizen: 0.1 },
};

function settingsApi(put: (body: Settings) => Response = (b) => json(b)) {
  return stubApi(async (url, req) => {
    if (url.pathname !== "/api/v1/competency-settings") return undefined;
    return req.method === "PUT" ? put((await req.json()) as Settings) : json(SETTINGS);
  });
}

describe("needs analysis settings", () => {
  it("shows the defaults by post and the weights, and saves them with PUT", async () => {
    const { calls } = settingsApi();
    at();
    const pelaksana = await screen.findByRole("combobox", { name: "Pelaksana" });
    expect(pelaksana).toHaveValue("1");
    expect(screen.getByRole("combobox", { name: "JPT Pratama" })).toHaveValue("4");
    expect(screen.getByRole("combobox", { name: "Fungsional Ahli Muda" })).toHaveValue("2");
    expect(screen.getByRole("combobox", { name: "Fungsional keterampilan (penyelia, mahir, terampil, pemula)" })).toHaveValue("1");
    const survey = screen.getByRole("spinbutton", { name: "Survei" });
    expect(survey).toHaveValue(0.15);
    expect(screen.getByRole("spinbutton", { name: "Kesenjangan" })).toHaveAccessibleDescription("Porsi: 40%");

    await userEvent.selectOptions(pelaksana, "2");
    await userEvent.clear(survey);
    await userEvent.type(survey, "0");
    // The shares follow the weights as they are typed.
    expect(screen.getByRole("spinbutton", { name: "Kesenjangan" })).toHaveAccessibleDescription("Porsi: 47,1%");
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));

    expect(await screen.findByText("Pengaturan tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "PUT", "/api/v1/competency-settings")).toEqual({
      managerial_defaults: { ...SETTINGS.managerial_defaults, pelaksana: 2 },
      need_weights: { ...SETTINGS.need_weights, survey: 0 },
    });
  });

  it("shows the API's field errors at their fields", async () => {
    settingsApi(() =>
      problem(422, "validation_failed", [
        { field: "pelaksana", code: "out_of_range", message: "must be a level from 1 to 5" },
        { field: "gap", code: "all_zero", message: "at least one weight must be above 0" },
      ]),
    );
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Simpan" }));
    const gap = screen.getByRole("spinbutton", { name: "Kesenjangan" });
    await waitFor(() => expect(gap).toHaveAttribute("aria-invalid", "true"));
    expect(gap).toHaveAccessibleDescription("Sedikitnya satu bobot harus lebih dari 0.");
    expect(screen.getByRole("combobox", { name: "Pelaksana" })).toHaveAccessibleDescription("Di luar rentang yang diizinkan.");
    expect(screen.getByRole("spinbutton", { name: "Survei" })).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByText("Pengaturan tersimpan.")).not.toBeInTheDocument();
  });

  it("checks the weights are from 0 to 1 before sending", async () => {
    const { calls } = settingsApi();
    at();
    const depth = await screen.findByRole("spinbutton", { name: "Kedalaman" });
    await userEvent.clear(depth);
    await userEvent.type(depth, "1.5");
    await userEvent.clear(screen.getByRole("spinbutton", { name: "Kinerja" }));
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));
    expect(depth).toHaveAccessibleDescription("Di luar rentang yang diizinkan.");
    expect(screen.getByRole("spinbutton", { name: "Kinerja" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls.some((c) => c.method === "PUT")).toBe(false);
  });

  it("names the agency for a super admin", async () => {
    const { calls } = settingsApi();
    at(session(["super_admin"], { agencyId: AGENCY_ID }));
    await userEvent.click(await screen.findByRole("button", { name: "Simpan" }));
    await screen.findByText("Pengaturan tersimpan.");
    expect(new URL(calls[0]?.url ?? "").searchParams.get("agency_id")).toBe(AGENCY_ID);
    expect(await lastBody(calls, "PUT", "/api/v1/competency-settings")).toMatchObject({ agency_id: AGENCY_ID });
  });

  it("is for administrators only", () => {
    const { calls } = settingsApi();
    at(session(["employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(calls).toHaveLength(0);
  });
});
