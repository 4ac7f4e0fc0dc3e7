import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import { placeSurveyError } from "./SurveyBuilderPage";
import SurveyRoutes from "./routes";
import { M1, M3, SURVEY_ID, TPM, UNIT_ID, lastBody, survey, unit } from "./testData";

const at = (path: string, s = session(["agency_admin"])) => renderApp(<SurveyRoutes section="admin" />, { path, route: "/surveys/*", session: s });

function builderApi(onSave?: (req: Request) => Response | Promise<Response>) {
  return stubApi(async (url, req) => {
    if (url.pathname === "/api/v1/competencies") return json(page([TPM, M3, M1]));
    if (url.pathname === "/api/v1/org-units") return json(page([unit()]));
    if (url.pathname === `/api/v1/org-units/${UNIT_ID}`) return json(unit());
    if (url.pathname === "/api/v1/surveys" && req.method === "POST") return onSave ? onSave(req) : json(survey(), 201);
    if (url.pathname === `/api/v1/surveys/${SURVEY_ID}`) {
      if (req.method === "PUT") return onSave ? onSave(req) : json(survey());
      return json(survey());
    }
    return undefined;
  });
}

const question = (n: number) => screen.getByRole("group", { name: `Pertanyaan ${n}` });
const questionLegends = () => screen.getAllByRole("group", { name: /^Pertanyaan \d+$/ }).map((g) => within(g).getByRole("textbox", { name: "Teks pertanyaan" }) as HTMLTextAreaElement);

async function fillBasics() {
  await userEvent.type(await screen.findByRole("textbox", { name: "Judul" }), "Kebutuhan Pelatihan 2027");
  const unitSelect = screen.getByRole("combobox", { name: /^Unit responden/ });
  await waitFor(() => expect(within(unitSelect).getAllByRole("option")).toHaveLength(2));
  await userEvent.selectOptions(unitSelect, UNIT_ID);
}

describe("survey builder", () => {
  it("adds, removes and reorders questions, with options for choice kinds and the competency as its code", async () => {
    const { calls } = builderApi();
    at("/surveys/new");
    expect(await screen.findByRole("heading", { level: 1, name: "Buat survei kebutuhan" })).toBeInTheDocument();
    await fillBasics();
    await userEvent.click(screen.getByRole("radio", { name: "Atasan (tentang setiap bawahan)" }));

    // One Likert question to start with, tied to a competency (national ones listed first).
    const first = question(1);
    await userEvent.type(within(first).getByRole("textbox", { name: "Teks pertanyaan" }), "Seberapa Anda membutuhkan pelatihan komunikasi?");
    const competency = within(first).getByRole("combobox", { name: /^Kompetensi terkait/ });
    expect(within(competency).getAllByRole("option").map((o) => o.textContent)).toEqual(["— Tidak terkait kompetensi —", "M1 · Integritas", "M3 · Komunikasi", "T-PM · Manajemen Proyek"]);
    await userEvent.selectOptions(competency, "M3");

    // A choice question gets two empty options, then one more, and loses one.
    await userEvent.click(screen.getByRole("button", { name: "Tambah pertanyaan" }));
    const second = question(2);
    expect(within(second).getByRole("textbox", { name: "Teks pertanyaan" })).toHaveFocus();
    await userEvent.keyboard("Bentuk pelatihan yang disukai");
    await userEvent.selectOptions(within(second).getByRole("combobox", { name: "Jenis jawaban" }), "single_choice");
    const options = within(second).getByRole("group", { name: "Pilihan jawaban" });
    expect(within(options).getAllByRole("textbox")).toHaveLength(2);
    await userEvent.type(within(options).getByRole("textbox", { name: "Pilihan 1" }), "Klasikal");
    await userEvent.type(within(options).getByRole("textbox", { name: "Pilihan 2" }), "Tatap muka");
    await userEvent.click(within(second).getByRole("button", { name: "Tambah pilihan Pertanyaan 2" }));
    await userEvent.type(within(options).getByRole("textbox", { name: "Pilihan 3" }), "E-learning");
    await userEvent.click(within(options).getByRole("button", { name: "Hapus pilihan 2 pertanyaan 2" }));
    expect(within(options).getAllByRole("textbox").map((i) => (i as HTMLInputElement).value)).toEqual(["Klasikal", "E-learning"]);
    await userEvent.click(within(second).getByRole("checkbox", { name: "Wajib dijawab" }));

    // A third question, removed again.
    await userEvent.click(screen.getByRole("button", { name: "Tambah pertanyaan" }));
    await userEvent.keyboard("Hapus saya");
    expect(screen.getByRole("heading", { name: "Pertanyaan (3)" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Hapus Pertanyaan 3" }));
    expect(screen.getByRole("heading", { name: "Pertanyaan (2)" })).toHaveFocus();
    expect(screen.queryByDisplayValue("Hapus saya")).not.toBeInTheDocument();

    // The choice question moves to the top; the first cannot move further up.
    await userEvent.click(screen.getByRole("button", { name: "Naikkan Pertanyaan 2" }));
    expect(questionLegends().map((t) => t.value)).toEqual(["Bentuk pelatihan yang disukai", "Seberapa Anda membutuhkan pelatihan komunikasi?"]);
    expect(screen.getByRole("button", { name: "Naikkan Pertanyaan 1" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Turunkan Pertanyaan 2" })).toBeDisabled();

    await userEvent.click(screen.getByRole("button", { name: "Simpan draf" }));
    expect(await screen.findByText("Draf survei tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "POST", "/api/v1/surveys")).toEqual({
      title: "Kebutuhan Pelatihan 2027",
      description: null,
      audience: "supervisors",
      org_unit_id: UNIT_ID,
      questions: [
        { text: "Bentuk pelatihan yang disukai", kind: "single_choice", options: ["Klasikal", "E-learning"], required: false, competency_code: null },
        { text: "Seberapa Anda membutuhkan pelatihan komunikasi?", kind: "likert", required: true, competency_code: "M3" },
      ],
    });
  });

  it("shows the API's errors at their fields, and they follow their question when it moves", async () => {
    builderApi(() =>
      problem(422, "validation_failed", [
        { field: "title", code: "too_long", message: "too long" },
        { field: "questions[0].competency_code", code: "unknown_reference", message: "no competency" },
        { field: "questions[1].options", code: "option_count", message: "2 to 20 options" },
        { field: "questions[1].options[1]", code: "duplicate_option", message: "repeats" },
      ]),
    );
    at("/surveys/new");
    await screen.findByRole("textbox", { name: "Judul" });
    await fillBasics();
    await userEvent.type(within(question(1)).getByRole("textbox", { name: "Teks pertanyaan" }), "Kebutuhan komunikasi");
    await userEvent.selectOptions(within(question(1)).getByRole("combobox", { name: /^Kompetensi terkait/ }), "T-PM");
    await userEvent.click(screen.getByRole("button", { name: "Tambah pertanyaan" }));
    await userEvent.keyboard("Bentuk");
    await userEvent.selectOptions(within(question(2)).getByRole("combobox", { name: "Jenis jawaban" }), "multiple_choice");
    await userEvent.type(within(question(2)).getByRole("textbox", { name: "Pilihan 1" }), "Kelas");
    await userEvent.type(within(question(2)).getByRole("textbox", { name: "Pilihan 2" }), "kelas");
    await userEvent.click(screen.getByRole("button", { name: "Simpan draf" }));

    const title = screen.getByRole("textbox", { name: "Judul" });
    await waitFor(() => expect(title).toHaveAttribute("aria-invalid", "true"));
    expect(title).toHaveAccessibleDescription("Terlalu panjang.");
    expect(within(question(1)).getByRole("combobox", { name: /^Kompetensi terkait/ })).toHaveAccessibleDescription("Data rujukan tidak ditemukan di instansi ini.");
    expect(within(question(2)).getByRole("group", { name: "Pilihan jawaban" })).toHaveAccessibleDescription("Pertanyaan pilihan membutuhkan 2 sampai 20 pilihan.");
    expect(within(question(2)).getByRole("textbox", { name: "Pilihan 2" })).toHaveAccessibleDescription("Pilihan ini sama dengan pilihan sebelumnya.");
    expect(within(question(2)).getByRole("textbox", { name: "Pilihan 1" })).not.toHaveAttribute("aria-invalid");
    expect(screen.getByText("Periksa isian yang ditandai.")).toBeInTheDocument();

    // Moving the choice question up keeps its errors with it.
    await userEvent.click(screen.getByRole("button", { name: "Naikkan Pertanyaan 2" }));
    expect(within(question(1)).getByRole("group", { name: "Pilihan jawaban" })).toHaveAccessibleDescription("Pertanyaan pilihan membutuhkan 2 sampai 20 pilihan.");
    expect(within(question(2)).getByRole("combobox", { name: /^Kompetensi terkait/ })).toHaveAttribute("aria-invalid", "true");
  });

  it("asks for a title, every question's text and options, and a service unit for the public before sending", async () => {
    const { calls } = builderApi();
    at("/surveys/new");
    await screen.findByRole("textbox", { name: "Judul" });
    await userEvent.click(screen.getByRole("radio", { name: "Masyarakat (tautan anonim)" }));
    expect(screen.getByRole("combobox", { name: "Unit layanan" })).toBeRequired();
    await userEvent.selectOptions(within(question(1)).getByRole("combobox", { name: "Jenis jawaban" }), "single_choice");
    await userEvent.click(within(question(1)).getByRole("button", { name: "Hapus pilihan 2 pertanyaan 1" }));
    await userEvent.click(screen.getByRole("button", { name: "Simpan draf" }));

    expect(screen.getByRole("textbox", { name: "Judul" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(screen.getByRole("combobox", { name: "Unit layanan" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(question(1)).getByRole("textbox", { name: "Teks pertanyaan" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(question(1)).getByRole("textbox", { name: "Pilihan 1" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(question(1)).getByRole("group", { name: "Pilihan jawaban" })).toHaveAccessibleDescription("Pertanyaan pilihan membutuhkan 2 sampai 20 pilihan.");

    // Without any question the list itself says so.
    await userEvent.click(screen.getByRole("button", { name: "Hapus Pertanyaan 1" }));
    await userEvent.click(screen.getByRole("button", { name: "Simpan draf" }));
    expect(screen.getByRole("heading", { name: "Pertanyaan (0)" }).nextElementSibling).toHaveTextContent("Wajib diisi.");
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("changes a draft: questions come back with their competency, and the whole survey is replaced", async () => {
    const { calls } = builderApi();
    at(`/surveys/${SURVEY_ID}/edit`);
    expect(await screen.findByRole("heading", { level: 1, name: "Ubah survei Kebutuhan Pelatihan 2027" })).toBeInTheDocument();
    expect(within(question(1)).getByRole("combobox", { name: /^Kompetensi terkait/ })).toHaveValue("M3");
    expect(within(question(2)).getByRole("textbox", { name: "Pilihan 2" })).toHaveValue("E-learning");
    expect(screen.getByRole("radio", { name: "Pegawai (tentang diri sendiri)" })).toBeChecked();
    await userEvent.clear(screen.getByRole("textbox", { name: "Judul" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Judul" }), "Kebutuhan Pelatihan 2027 (revisi)");
    await userEvent.click(screen.getByRole("button", { name: "Simpan draf" }));
    await screen.findByText("Draf survei tersimpan.");
    expect(await lastBody(calls, "PUT", `/api/v1/surveys/${SURVEY_ID}`)).toEqual({
      title: "Kebutuhan Pelatihan 2027 (revisi)",
      description: "Isilah dengan jujur.",
      audience: "employees",
      org_unit_id: UNIT_ID,
      questions: [
        { text: "Seberapa Anda membutuhkan pelatihan komunikasi?", kind: "likert", required: true, competency_code: "M3" },
        { text: "Bentuk pelatihan yang disukai", kind: "single_choice", options: ["Klasikal", "E-learning"], required: true, competency_code: null },
      ],
    });
  });

  it("does not offer the builder for an open survey", async () => {
    stubApi((url) => {
      if (url.pathname === `/api/v1/surveys/${SURVEY_ID}`) return json(survey({ status: "open" }));
      if (url.pathname === "/api/v1/competencies") return json(page([M3]));
      return undefined;
    });
    at(`/surveys/${SURVEY_ID}/edit`);
    expect(await screen.findByText("Survei yang sudah dibuka tidak dapat diubah lagi.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Simpan draf" })).not.toBeInTheDocument();
  });

  it("maps nested API fields to the question they belong to", () => {
    const keys = [7, 3];
    expect(placeSurveyError("questions[1].options[4]", keys)).toBe("q3.options[4]");
    expect(placeSurveyError("questions[0].competency_code", keys)).toBe("q7.competency_code");
    expect(placeSurveyError("questions[5].text", keys)).toBe("questions");
    expect(placeSurveyError("org_unit_id", keys)).toBe("org_unit_id");
    expect(placeSurveyError("agency_id", keys)).toBeNull();
  });
});
