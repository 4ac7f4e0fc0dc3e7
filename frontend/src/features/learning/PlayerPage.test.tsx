import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { SessionValue } from "../../session/SessionProvider";
import { json, problem, renderApp, session as signedIn, stubApi } from "../../test/render";
import type { LearnerView } from "./api";
import { resumeAt } from "./PlayerPage";
import LearningRoutes from "./routes";
import { EMPLOYEE_ID, ENROLMENT_ID, MODULE_1, MODULE_2, MODULE_3, QUIZ_2, callsTo, enrolment, lastBody, learnerModule, learnerView } from "./testData";

function employeeSession(): SessionValue {
  const s = signedIn(["employee"]);
  return { ...s, me: s.me ? { ...s.me, employee_id: EMPLOYEE_ID } : null };
}

const at = () => renderApp(<LearningRoutes section="mine" />, { path: `/learning/${ENROLMENT_ID}`, route: "/learning/*", session: employeeSession() });

const VIEW = `/api/v1/me/learning/${ENROLMENT_ID}`;
const position = (moduleId: string) => `/api/v1/me/learning/${ENROLMENT_ID}/modules/${moduleId}/position`;
const complete = (moduleId: string) => `/api/v1/me/learning/${ENROLMENT_ID}/modules/${moduleId}/complete`;
const ATTEMPTS = `/api/v1/me/learning/${ENROLMENT_ID}/tests/${QUIZ_2}/attempts`;

type Handler = (url: URL, req: Request) => Response | undefined | Promise<Response | undefined>;

/** The player's API; `view` is read at each request, so a test can change what comes back. */
function playerApi(view: () => LearnerView, extra: Handler = () => undefined) {
  return stubApi(async (url, req) => {
    const answered = await extra(url, req);
    if (answered) return answered;
    if (url.pathname === VIEW) return json(view());
    if (/\/modules\/[^/]+\/position$/.test(url.pathname) && req.method === "PUT") {
      return json({ module_id: url.pathname.split("/").at(-2), started_at: "2026-03-10T02:00:00Z", position: null, completed_at: null });
    }
    return undefined;
  });
}

const nav = () => screen.getByRole("navigation", { name: "Isi program" });
const quiz = () => screen.getByRole("form", { name: "Kuis Modul 2: Manajemen Risiko" });

describe("module player", () => {
  it("resumes at the module the learner was last in, and tells the server each module opened", async () => {
    const { calls } = playerApi(() => learnerView());
    at();
    expect(await screen.findByRole("heading", { level: 1, name: "Manajemen Proyek Infrastruktur" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Modul 2: Manajemen Risiko" })).toBeInTheDocument();
    expect(screen.getByText("Mengenali dan menanggapi risiko proyek.")).toBeInTheDocument();
    expect(within(nav()).getByRole("button", { name: "Modul 2: Manajemen Risiko" })).toHaveAttribute("aria-current", "step");
    expect(within(nav()).getByRole("button", { name: "Modul 1: Perencanaan Proyek (selesai)" })).not.toHaveAttribute("aria-current");
    expect(within(nav()).getByText("1 dari 3 modul selesai")).toBeInTheDocument();
    await waitFor(() => expect(callsTo(calls, "PUT", position(MODULE_2))).toHaveLength(1));
    expect(await lastBody(calls, "PUT", position(MODULE_2))).toEqual({});
    // A file is offered to show in the page or to download; nothing is fetched before asked.
    expect(screen.getByRole("button", { name: "Tampilkan Bahan bacaan risiko" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Unduh Bahan bacaan risiko" })).toBeInTheDocument();

    await userEvent.click(within(nav()).getByRole("button", { name: "Modul 1: Perencanaan Proyek (selesai)" }));
    const heading = screen.getByRole("heading", { level: 2, name: "Modul 1: Perencanaan Proyek" });
    expect(heading).toHaveFocus();
    expect(screen.getByText("Modul ini sudah selesai.")).toBeInTheDocument();
    const link = screen.getByRole("link", { name: /Video: menyusun jadwal/ });
    expect(link).toHaveAttribute("href", "https://elearning.bengkuluprov.go.id/video/jadwal");
    expect(link).toHaveAttribute("target", "_blank");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await waitFor(() => expect(callsTo(calls, "PUT", position(MODULE_1))).toHaveLength(1));
    expect(callsTo(calls, "PUT", position(MODULE_2))).toHaveLength(1);
  });

  it("opens at the first module not done when there is no resume point", () => {
    const base = learnerView();
    const modules = [learnerModule(1, { done: true }), learnerModule(2, { done: true }), learnerModule(3)];
    expect(resumeAt({ enrolment: enrolment({ last_module_id: null }), modules })).toBe(MODULE_3);
    expect(resumeAt({ enrolment: enrolment({ last_module_id: "gone" }), modules: base.modules })).toBe(MODULE_2);
    expect(resumeAt({ enrolment: enrolment({ last_module_id: MODULE_1 }), modules: base.modules })).toBe(MODULE_1);
  });

  it("sends the quiz answers as each question's picked choices, shows the score, and offers another try", async () => {
    let attempt = 0;
    const { calls } = playerApi(
      () => learnerView(),
      (url, req) => {
        if (url.pathname !== ATTEMPTS || req.method !== "POST") return undefined;
        attempt += 1;
        return attempt === 1
          ? json({ id: "a1", test_id: QUIZ_2, right: 1, total: 2, percent: 50, passed: false, enrolment: enrolment({ last_module_id: MODULE_2 }) }, 201)
          : json({ id: "a2", test_id: QUIZ_2, right: 2, total: 2, percent: 100, passed: true, enrolment: enrolment({ last_module_id: MODULE_2 }) }, 201);
      },
    );
    at();
    await screen.findByRole("heading", { level: 2, name: "Modul 2: Manajemen Risiko" });
    expect(within(quiz()).getByRole("group", { name: "2. Mana yang termasuk risiko?" })).toHaveAccessibleDescription("Pilih semua jawaban yang benar.");
    // Every question needs an answer first.
    await userEvent.click(within(quiz()).getByRole("button", { name: "Kirim jawaban" }));
    expect(within(quiz()).getByText("Jawab semua soal terlebih dahulu.")).toBeInTheDocument();
    expect(within(quiz()).getByRole("radiogroup", { name: "1. Apa itu jalur kritis?" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(callsTo(calls, "POST", ATTEMPTS)).toHaveLength(0);

    await userEvent.click(within(quiz()).getByRole("radio", { name: "Urutan termurah" }));
    const q2 = within(quiz()).getByRole("group", { name: "2. Mana yang termasuk risiko?" });
    await userEvent.click(within(q2).getByRole("checkbox", { name: "Harga material" }));
    await userEvent.click(within(q2).getByRole("checkbox", { name: "Cuaca" }));
    await userEvent.click(within(quiz()).getByRole("button", { name: "Kirim jawaban" }));

    const failed = await screen.findByTestId("quiz-result");
    expect(failed).toHaveTextContent("Nilai Anda 50% (1 dari 2 benar).");
    expect(failed).toHaveTextContent("Belum lulus (batas lulus 70%).");
    expect(await lastBody(calls, "POST", ATTEMPTS)).toEqual({ answers: [[1], [0, 1]] });

    await userEvent.click(within(failed).getByRole("button", { name: "Coba lagi" }));
    await userEvent.click(within(quiz()).getByRole("radio", { name: "Urutan terpanjang" }));
    await userEvent.click(within(quiz()).getByRole("checkbox", { name: "Cuaca" }));
    await userEvent.click(within(quiz()).getByRole("checkbox", { name: "Harga material" }));
    await userEvent.click(within(quiz()).getByRole("button", { name: "Kirim jawaban" }));
    const passed = await screen.findByTestId("quiz-result");
    await waitFor(() => expect(passed).toHaveTextContent("Nilai Anda 100% (2 dari 2 benar)."));
    expect(passed).toHaveTextContent("Lulus (batas lulus 70%).");
    expect(await lastBody(calls, "POST", ATTEMPTS)).toEqual({ answers: [[0], [0, 1]] });
  });

  it("asks to pass the quiz first when a module is marked done too early", async () => {
    playerApi(
      () => learnerView(),
      (url) => (url.pathname === complete(MODULE_2) ? problem(409, "quiz_not_passed", [], "pass the module's quiz first") : undefined),
    );
    at();
    await screen.findByRole("heading", { level: 2, name: "Modul 2: Manajemen Risiko" });
    await userEvent.click(screen.getByRole("button", { name: "Tandai selesai" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Kerjakan kuis modul ini sampai lulus terlebih dahulu, lalu tandai selesai.");
  });

  it("marks the last module done and, once the enrolment completes, shows the JP earned and the certificate code", async () => {
    let done = false;
    const last = () =>
      learnerView({
        enrolment: done ? enrolment({ status: "completed", completed_on: "2026-03-10", certificate_code: "PBN-7K3M-Q9XA", last_module_id: MODULE_3 }) : enrolment({ last_module_id: MODULE_3 }),
        modules: [learnerModule(1, { done: true }), learnerModule(2, { done: true }), learnerModule(3, { title: "Pengendalian Proyek", done })],
        unmet: done ? [] : ["modules"],
      });
    const { calls } = playerApi(last, (url, req) => {
      if (url.pathname !== complete(MODULE_3) || req.method !== "POST") return undefined;
      done = true;
      return json(enrolment({ status: "completed", completed_on: "2026-03-10", certificate_code: "PBN-7K3M-Q9XA", last_module_id: MODULE_3 }));
    });
    at();
    await screen.findByRole("heading", { level: 2, name: "Modul 3: Pengendalian Proyek" });
    expect(screen.getByText("Yang masih perlu diselesaikan: Modul belum selesai.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Tandai selesai" }));

    const banner = await screen.findByRole("heading", { level: 2, name: "Selamat, Anda telah menyelesaikan program ini!" });
    expect(banner).toHaveFocus();
    expect(screen.getByText("“Manajemen Proyek Infrastruktur” selesai. JP yang diperoleh: 24 JP.")).toBeInTheDocument();
    expect(screen.getByTestId("certificate-code")).toHaveTextContent("PBN-7K3M-Q9XA");
    expect(screen.getByRole("button", { name: "Unduh sertifikat" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Periksa keaslian" })).toHaveAttribute("href", "/c/PBN-7K3M-Q9XA");
    expect(callsTo(calls, "POST", complete(MODULE_3))).toHaveLength(1);
    await waitFor(() => expect(within(nav()).getByRole("button", { name: "Modul 3: Pengendalian Proyek (selesai)" })).toBeInTheDocument());
    expect(screen.getByText("Modul ini sudah selesai.")).toBeInTheDocument();
  });

  it("takes the pre-test once, from the notice before the modules", async () => {
    const pre = { id: "00000000-0000-7000-8000-000000003201", kind: "pre" as const, module_id: null, pass_mark: 0, attempts: 0, best_percent: null, passed: false, questions: [{ prompt: "Apa itu proyek?", choices: ["Kegiatan sementara", "Kegiatan rutin"], multiple: false }] };
    const { calls } = playerApi(
      () => learnerView({ pre_test: pre }),
      (url) => (url.pathname === `/api/v1/me/learning/${ENROLMENT_ID}/tests/${pre.id}/attempts` ? json({ id: "a", test_id: pre.id, right: 1, total: 1, percent: 100, passed: true, enrolment: enrolment() }, 201) : undefined),
    );
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Kerjakan pre-test" }));
    expect(screen.getByRole("heading", { level: 2, name: "Pre-test" })).toHaveFocus();
    const form = screen.getByRole("form", { name: "Pre-test" });
    expect(within(form).getByText("Pre-test hanya dapat dikerjakan sekali.")).toBeInTheDocument();
    await userEvent.click(within(form).getByRole("radio", { name: "Kegiatan sementara" }));
    await userEvent.click(within(form).getByRole("button", { name: "Kirim jawaban" }));
    const result = await screen.findByTestId("quiz-result");
    expect(result).toHaveTextContent("Nilai Anda 100% (1 dari 1 benar).");
    expect(within(result).queryByRole("button")).not.toBeInTheDocument();
    expect(await lastBody(calls, "POST", `/api/v1/me/learning/${ENROLMENT_ID}/tests/${pre.id}/attempts`)).toEqual({ answers: [[0]] });
  });
});
