import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import LearningRoutes from "./routes";
import { MODULE_1, MODULE_2, PROGRAMME_ID, TPM, M3, lastBody, callsTo, position, programme, programmeDetail, module } from "./testData";

const at = (path: string, s = session(["agency_admin"])) => renderApp(<LearningRoutes section="programmes" />, { path, route: "/programmes/*", session: s });

type Handler = (url: URL, req: Request) => Response | undefined | Promise<Response | undefined>;

/** The editor's API: competencies, positions, the programme; `extra` answers the rest. */
function editorApi(extra: Handler = () => undefined) {
  return stubApi(async (url, req) => {
    const answered = await extra(url, req);
    if (answered) return answered;
    if (url.pathname === "/api/v1/competencies") return json(page([M3, TPM]));
    if (url.pathname === "/api/v1/positions") return json(page([position()]));
    if (url.pathname === `/api/v1/positions/${position().id}`) return json(position());
    if (url.pathname === "/api/v1/programmes" && req.method === "POST") return json(programme({ status: "draft" }), 201);
    if (url.pathname === `/api/v1/programmes/${PROGRAMME_ID}` && req.method === "GET") return json(programmeDetail());
    if (url.pathname === `/api/v1/programmes/${PROGRAMME_ID}` && req.method === "PUT") return json(programme());
    return undefined;
  });
}

const form = () => screen.getByRole("form", { name: /Program pelatihan baru|Ubah program/ });
const question = (root: HTMLElement, n: number) => {
  const q = root.querySelector(`fieldset[data-question="${n}"]`);
  if (!q) throw new Error(`no question ${n}`);
  return q as HTMLElement;
};

describe("programme editor", () => {
  it("saves a valid new programme with every field in the request body, then opens it for its modules", async () => {
    const { calls } = editorApi();
    at("/programmes/new");
    expect(await screen.findByRole("heading", { level: 1, name: "Program pelatihan baru" })).toBeInTheDocument();
    await userEvent.type(screen.getByRole("textbox", { name: /^Kode/ }), " PM-INFRA-01 ");
    await userEvent.type(screen.getByRole("textbox", { name: /^Judul program/ }), "Manajemen Proyek Infrastruktur");
    await userEvent.type(screen.getByRole("textbox", { name: /^Tujuan pembelajaran/ }), "Peserta mampu menyusun jadwal proyek.");
    const kind = screen.getByRole("combobox", { name: /^Jenis kegiatan/ });
    // The 14 kinds, in Indonesian.
    expect(within(kind).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Pelatihan",
      "Seminar",
      "Lokakarya",
      "Kursus",
      "Bimtek",
      "E-learning",
      "Coaching",
      "Mentoring",
      "Pembelajaran di tempat kerja",
      "Pembelajaran jarak jauh",
      "Magang",
      "Pertukaran dengan swasta",
      "Belajar mandiri",
      "Komunitas belajar",
    ]);
    await userEvent.selectOptions(kind, "e_learning");
    expect(kind).toHaveAccessibleDescription("Bentuk: Nonklasikal");
    await userEvent.type(screen.getByRole("spinbutton", { name: /^Jam pelajaran \(JP\)/ }), "24");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Status/ }), "published");

    await userEvent.click(screen.getByRole("button", { name: "Tambah kompetensi" }));
    const competency = await screen.findByRole("combobox", { name: /^Kompetensi 1/ });
    await waitFor(() => expect(within(competency).getByRole("option", { name: "T-PM · Manajemen Proyek" })).toBeInTheDocument());
    await userEvent.selectOptions(competency, TPM.id);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: /^Level target kompetensi 1/ }), "3");

    await userEvent.type(screen.getByRole("searchbox", { name: "Cari jabatan" }), "analis");
    await userEvent.click(await screen.findByRole("button", { name: "Tambah Analis Proyek (ANL-PROY)" }));
    expect(within(screen.getByRole("list", { name: "Jabatan sasaran terpilih" })).getByRole("button", { name: "Hapus Analis Proyek (ANL-PROY)" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("checkbox", { name: "Pegawai dapat mendaftar sendiri" }));
    await userEvent.clear(screen.getByRole("spinbutton", { name: /^Kehadiran minimal/ }));
    await userEvent.type(screen.getByRole("spinbutton", { name: /^Kehadiran minimal/ }), "75");
    await userEvent.click(screen.getByRole("checkbox", { name: "Wajib lulus post-test" }));
    await userEvent.click(screen.getByRole("button", { name: "Simpan program" }));

    expect(await screen.findByText("Program tersimpan. Tambahkan modul, materi dan tesnya di bawah.")).toBeInTheDocument();
    expect(await lastBody(calls, "POST", "/api/v1/programmes")).toEqual({
      code: "PM-INFRA-01",
      title: "Manajemen Proyek Infrastruktur",
      objectives: "Peserta mampu menyusun jadwal proyek.",
      activity_kind: "e_learning",
      jp: 24,
      competencies: [{ competency_id: TPM.id, level: 3 }],
      position_ids: [position().id],
      org_unit_ids: [],
      self_registration: true,
      min_attendance_percent: 75,
      require_post_test: true,
      status: "published",
    });
    // The saved programme opens with its modules.
    expect(await screen.findByRole("heading", { level: 2, name: "Modul (2)" })).toBeInTheDocument();
  });

  it("shows the API's field errors at their fields, down to one competency row", async () => {
    editorApi((url, req) =>
      url.pathname === "/api/v1/programmes" && req.method === "POST"
        ? problem(422, "validation_failed", [
            { field: "competencies[1].level", code: "out_of_range", message: "must be from 1 to 5" },
            { field: "jp", code: "out_of_range", message: "must be from 1 to 1000 learning hours" },
          ])
        : undefined,
    );
    at("/programmes/new");
    await userEvent.type(await screen.findByRole("textbox", { name: /^Kode/ }), "PM-01");
    await userEvent.type(screen.getByRole("textbox", { name: /^Judul program/ }), "Manajemen Proyek");
    await userEvent.type(screen.getByRole("spinbutton", { name: /^Jam pelajaran/ }), "999");
    for (const [n, c] of [
      [1, M3],
      [2, TPM],
    ] as const) {
      await userEvent.click(screen.getByRole("button", { name: "Tambah kompetensi" }));
      const select = screen.getByRole("combobox", { name: new RegExp(`^Kompetensi ${n}`) });
      await waitFor(() => expect(within(select).getAllByRole("option").length).toBeGreaterThan(1));
      await userEvent.selectOptions(select, c.id);
      await userEvent.selectOptions(screen.getByRole("combobox", { name: new RegExp(`^Level target kompetensi ${n}`) }), "2");
    }
    await userEvent.click(screen.getByRole("button", { name: "Simpan program" }));

    const level2 = screen.getByRole("combobox", { name: /^Level target kompetensi 2/ });
    await waitFor(() => expect(level2).toHaveAttribute("aria-invalid", "true"));
    expect(level2).toHaveAccessibleDescription("Di luar rentang yang diizinkan.");
    expect(screen.getByRole("combobox", { name: /^Level target kompetensi 1/ })).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("spinbutton", { name: /^Jam pelajaran/ })).toHaveAccessibleDescription("Di luar rentang yang diizinkan.");
    expect(within(form()).getByText("Periksa isian yang ditandai.")).toBeInTheDocument();
  });

  it("says a taken code at the code field (409 duplicate)", async () => {
    editorApi((url, req) =>
      url.pathname === "/api/v1/programmes" && req.method === "POST"
        ? problem(409, "duplicate", [{ field: "code", code: "duplicate", message: "the agency already has a programme with code PM-01" }])
        : undefined,
    );
    at("/programmes/new");
    await userEvent.type(await screen.findByRole("textbox", { name: /^Kode/ }), "PM-01");
    await userEvent.type(screen.getByRole("textbox", { name: /^Judul program/ }), "Manajemen Proyek");
    await userEvent.type(screen.getByRole("spinbutton", { name: /^Jam pelajaran/ }), "24");
    await userEvent.click(screen.getByRole("button", { name: "Simpan program" }));
    const code = screen.getByRole("textbox", { name: /^Kode/ });
    await waitFor(() => expect(code).toHaveAccessibleDescription("Kode ini sudah dipakai."));
  });

  it("asks for the required fields before sending", async () => {
    const { calls } = editorApi();
    at("/programmes/new");
    await userEvent.click(await screen.findByRole("button", { name: "Simpan program" }));
    expect(screen.getByRole("textbox", { name: /^Kode/ })).toHaveAccessibleDescription("Wajib diisi.");
    expect(screen.getByRole("textbox", { name: /^Judul program/ })).toHaveAccessibleDescription("Wajib diisi.");
    expect(screen.getByRole("spinbutton", { name: /^Jam pelajaran/ })).toHaveAccessibleDescription("Wajib diisi.");
    expect(callsTo(calls, "POST", "/api/v1/programmes")).toHaveLength(0);
  });

  it("lists the modules with their materials, adds a module and moves one down", async () => {
    const { calls } = editorApi((url, req) => {
      if (url.pathname === `/api/v1/programmes/${PROGRAMME_ID}/modules` && req.method === "POST") return json(module(3, { title: "Pengendalian Proyek", minutes: 90 }), 201);
      if (url.pathname === `/api/v1/programmes/${PROGRAMME_ID}/module-order`) return json([module(2, { seq: 1 }), module(1, { seq: 2 })]);
      if (url.pathname === `/api/v1/programme-modules/${MODULE_1}/links`) return json({ id: "00000000-0000-7000-8000-000000003399", module_id: MODULE_1, seq: 3, kind: "link", title: "Contoh jadwal", url: "https://contoh.go.id/jadwal", created_at: "" }, 201);
      return undefined;
    });
    at(`/programmes/${PROGRAMME_ID}`);
    expect(await screen.findByRole("heading", { level: 1, name: "PM-INFRA-01 · Manajemen Proyek Infrastruktur" })).toBeInTheDocument();
    const first = screen.getByRole("region", { name: "Modul 1: Perencanaan Proyek" });
    expect(within(first).getByRole("link", { name: /Video: menyusun jadwal/ })).toHaveAttribute("target", "_blank");
    expect(within(first).getByText(/modul-1\.pdf/)).toBeInTheDocument();
    expect(within(first).getByText("Modul ini belum memiliki kuis.")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Modul 2: Manajemen Risiko" })).getByText("2 soal, batas lulus 70%.")).toBeInTheDocument();

    // A link for the first module.
    await userEvent.type(within(first).getByRole("textbox", { name: /^Judul tautan/ }), "Contoh jadwal");
    await userEvent.type(within(first).getByRole("textbox", { name: /^Alamat tautan/ }), "https://contoh.go.id/jadwal");
    await userEvent.click(within(first).getByRole("button", { name: "Tambah tautan untuk Modul 1: Perencanaan Proyek" }));
    expect(await screen.findByText("Materi “Contoh jadwal” ditambahkan.")).toBeInTheDocument();
    expect(await lastBody(calls, "POST", `/api/v1/programme-modules/${MODULE_1}/links`)).toEqual({ title: "Contoh jadwal", url: "https://contoh.go.id/jadwal" });

    // A new module.
    const add = screen.getByRole("region", { name: "Tambah modul" });
    await userEvent.type(within(add).getByRole("textbox", { name: /^Judul modul/ }), "Pengendalian Proyek");
    await userEvent.type(within(add).getByRole("spinbutton", { name: /^Waktu belajar/ }), "90");
    await userEvent.click(within(add).getByRole("button", { name: "Tambah modul" }));
    expect(await screen.findByText("Modul “Pengendalian Proyek” ditambahkan.")).toBeInTheDocument();
    expect(await lastBody(calls, "POST", `/api/v1/programmes/${PROGRAMME_ID}/modules`)).toEqual({ title: "Pengendalian Proyek", minutes: 90, summary: null });

    // The first module moves down: every module, in the new order.
    expect(screen.getByRole("button", { name: "Naikkan Modul 1: Perencanaan Proyek" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Turunkan Modul 1: Perencanaan Proyek" }));
    await waitFor(() => expect(callsTo(calls, "PUT", `/api/v1/programmes/${PROGRAMME_ID}/module-order`)).toHaveLength(1));
    expect(await lastBody(calls, "PUT", `/api/v1/programmes/${PROGRAMME_ID}/module-order`)).toEqual({ module_ids: [MODULE_2, MODULE_1] });
  });

  it("uploads a file as the raw request body with its own type, its name and title in the query", async () => {
    const { calls } = editorApi((url) =>
      url.pathname === `/api/v1/programme-modules/${MODULE_1}/files`
        ? json({ id: "00000000-0000-7000-8000-000000003398", module_id: MODULE_1, seq: 3, kind: "file", title: "Slide", file_name: "slide.pdf", content_type: "application/pdf", size_bytes: 4, created_at: "" }, 201)
        : undefined,
    );
    at(`/programmes/${PROGRAMME_ID}`);
    const first = await screen.findByRole("region", { name: "Modul 1: Perencanaan Proyek" });
    await userEvent.upload(within(first).getByLabelText(/^Berkas/), new File(["%PDF"], "slide.pdf", { type: "application/pdf" }));
    await userEvent.type(within(first).getByRole("textbox", { name: /^Judul berkas/ }), "Slide");
    await userEvent.click(within(first).getByRole("button", { name: "Unggah berkas untuk Modul 1: Perencanaan Proyek" }));
    expect(await screen.findByText("Materi “Slide” ditambahkan.")).toBeInTheDocument();
    const [upload] = callsTo(calls, "POST", `/api/v1/programme-modules/${MODULE_1}/files`);
    expect(upload?.headers.get("content-type")).toBe("application/pdf");
    expect(Object.fromEntries(new URL(upload?.url ?? "").searchParams)).toEqual({ file_name: "slide.pdf", title: "Slide" });
    expect(await upload?.text()).toBe("%PDF");
  });
});

describe("question editor", () => {
  it("builds each question's right choices as indexes, single and multiple", async () => {
    const { calls } = editorApi((url) => (url.pathname === `/api/v1/programme-modules/${MODULE_1}/quiz` ? json({ ...programmeDetail().tests[0], module_id: MODULE_1 }) : undefined));
    at(`/programmes/${PROGRAMME_ID}`);
    const first = await screen.findByRole("region", { name: "Modul 1: Perencanaan Proyek" });
    await userEvent.click(within(first).getByRole("button", { name: "Buat kuis Modul 1: Perencanaan Proyek" }));
    const editor = within(first).getByRole("form", { name: "Soal Kuis Modul 1: Perencanaan Proyek" });

    // Question 1: one right answer, the second of three choices.
    const q1 = question(editor, 1);
    await userEvent.type(within(q1).getByRole("textbox", { name: /^Pertanyaan/ }), "Dokumen yang memuat jadwal proyek?");
    await userEvent.type(within(q1).getByRole("textbox", { name: /^Pilihan 1/ }), "Kontrak");
    await userEvent.type(within(q1).getByRole("textbox", { name: /^Pilihan 2/ }), "Rencana jadwal");
    await userEvent.click(within(q1).getByRole("button", { name: "Tambah pilihan Soal 1" }));
    await userEvent.type(within(q1).getByRole("textbox", { name: /^Pilihan 3/ }), "Faktur");
    await userEvent.click(within(q1).getByRole("radio", { name: "Jawaban benar pilihan 2 soal 1" }));

    // Question 2: several right answers; removing a choice shifts the marks after it.
    await userEvent.click(within(editor).getByRole("button", { name: "Tambah soal" }));
    const q2 = question(editor, 2);
    await userEvent.type(within(q2).getByRole("textbox", { name: /^Pertanyaan/ }), "Mana yang termasuk risiko?");
    await userEvent.click(within(q2).getByRole("checkbox", { name: "Boleh lebih dari satu jawaban benar" }));
    await userEvent.click(within(q2).getByRole("button", { name: "Tambah pilihan Soal 2" }));
    await userEvent.click(within(q2).getByRole("button", { name: "Tambah pilihan Soal 2" }));
    for (const [n, text] of [
      [1, "Logo proyek"],
      [2, "Cuaca"],
      [3, "Warna seragam"],
      [4, "Harga material"],
    ] as const) {
      await userEvent.type(within(q2).getByRole("textbox", { name: new RegExp(`^Pilihan ${n}`) }), text);
    }
    await userEvent.click(within(q2).getByRole("checkbox", { name: "Jawaban benar pilihan 2 soal 2" }));
    await userEvent.click(within(q2).getByRole("checkbox", { name: "Jawaban benar pilihan 4 soal 2" }));
    await userEvent.click(within(q2).getByRole("button", { name: "Hapus pilihan 3 soal 2" }));
    expect(within(q2).getByRole("checkbox", { name: "Jawaban benar pilihan 3 soal 2" })).toBeChecked();

    const pass = within(editor).getByRole("spinbutton", { name: /^Batas lulus/ });
    await userEvent.clear(pass);
    await userEvent.type(pass, "60");
    await userEvent.click(within(editor).getByRole("button", { name: "Simpan soal" }));

    expect(await screen.findByText("Kuis Modul 1: Perencanaan Proyek tersimpan (2 soal).")).toBeInTheDocument();
    expect(await lastBody(calls, "PUT", `/api/v1/programme-modules/${MODULE_1}/quiz`)).toEqual({
      pass_mark: 60,
      questions: [
        { prompt: "Dokumen yang memuat jadwal proyek?", choices: ["Kontrak", "Rencana jadwal", "Faktur"], correct: [1], multiple: false },
        { prompt: "Mana yang termasuk risiko?", choices: ["Logo proyek", "Cuaca", "Harga material"], correct: [1, 2], multiple: true },
      ],
    });
  });

  it("asks for a right answer before sending, and shows the API's errors at their question", async () => {
    const { calls } = editorApi((url) =>
      url.pathname === `/api/v1/programmes/${PROGRAMME_ID}/tests/post`
        ? problem(422, "validation_failed", [
            { field: "questions[1].correct", code: "too_many", message: "a single-answer question has one right choice" },
            { field: "questions[0].choices", code: "duplicate", message: "choices must differ" },
          ])
        : undefined,
    );
    at(`/programmes/${PROGRAMME_ID}`);
    const post = await screen.findByRole("region", { name: "Post-test" });
    await userEvent.click(within(post).getByRole("button", { name: "Buat post-test" }));
    const editor = within(post).getByRole("form", { name: "Soal Post-test" });
    const q1 = question(editor, 1);
    await userEvent.type(within(q1).getByRole("textbox", { name: /^Pertanyaan/ }), "Apa itu WBS?");
    await userEvent.type(within(q1).getByRole("textbox", { name: /^Pilihan 1/ }), "Struktur rincian kerja");
    await userEvent.type(within(q1).getByRole("textbox", { name: /^Pilihan 2/ }), "Jadwal");
    await userEvent.click(within(editor).getByRole("button", { name: "Simpan soal" }));
    // No right answer marked: nothing is sent.
    expect(within(q1).getByRole("group", { name: "Pilihan jawaban" })).toHaveAccessibleDescription("Tandai sedikitnya satu jawaban yang benar.");
    expect(callsTo(calls, "PUT", `/api/v1/programmes/${PROGRAMME_ID}/tests/post`)).toHaveLength(0);

    await userEvent.click(within(q1).getByRole("radio", { name: "Jawaban benar pilihan 1 soal 1" }));
    await userEvent.click(within(editor).getByRole("button", { name: "Tambah soal" }));
    const q2 = question(editor, 2);
    await userEvent.type(within(q2).getByRole("textbox", { name: /^Pertanyaan/ }), "Apa itu Gantt?");
    await userEvent.type(within(q2).getByRole("textbox", { name: /^Pilihan 1/ }), "Bagan jadwal");
    await userEvent.type(within(q2).getByRole("textbox", { name: /^Pilihan 2/ }), "Anggaran");
    await userEvent.click(within(q2).getByRole("radio", { name: "Jawaban benar pilihan 1 soal 2" }));
    await userEvent.click(within(editor).getByRole("button", { name: "Simpan soal" }));

    await waitFor(() => expect(within(q2).getByRole("group", { name: "Pilihan jawaban" })).toHaveAccessibleDescription("Soal dengan satu jawaban hanya boleh memiliki satu jawaban benar."));
    expect(within(q1).getByRole("group", { name: "Pilihan jawaban" })).toHaveAccessibleDescription("Pilihan jawaban tidak boleh sama.");
    // The errors follow their question when it moves.
    await userEvent.click(within(editor).getByRole("button", { name: "Naikkan Soal 2" }));
    expect(within(question(editor, 1)).getByRole("group", { name: "Pilihan jawaban" })).toHaveAccessibleDescription("Soal dengan satu jawaban hanya boleh memiliki satu jawaban benar.");
  });

  it("links a saved programme to its sessions and its evaluation (Kirkpatrick levels 1-3)", async () => {
    editorApi();
    at(`/programmes/${PROGRAMME_ID}`);
    expect(await screen.findByRole("link", { name: "Evaluasi program" })).toHaveAttribute("href", `/programmes/${PROGRAMME_ID}/evaluation`);
    expect(screen.getByRole("link", { name: "Angkatan program ini" })).toHaveAttribute("href", `/sessions?programme_id=${PROGRAMME_ID}`);
  });

  it("is for administrators only", () => {
    const { calls } = stubApi(() => undefined);
    at("/programmes", session(["employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(calls).toHaveLength(0);
  });
});
