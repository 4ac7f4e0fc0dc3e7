import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setTokenSource } from "../../api/client";
import i18n from "../../i18n";
import { validToken } from "../../session/session";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import type { PublicSurvey } from "./api";
import PublicSurveyRoute from "./PublicSurveyPage";
import { lastBody, taskSurvey } from "./testData";

const TOKEN = "q7Hk2mPz9Xw4";
const GET = `/api/v1/public/surveys/${TOKEN}`;
const POST = `/api/v1/public/surveys/${TOKEN}/responses`;
const QUESTIONS = taskSurvey().questions;

function publicSurvey(): PublicSurvey {
  // Served out of order: the page asks them by position.
  return { title: "Pelayanan Puskesmas Ratu Agung", description: "Bantu kami mengenali kebutuhan pelatihan petugas.", questions: [...QUESTIONS].reverse() };
}

/** Nobody signed in: the page must not need a session. */
const signedOut = () => session([], { me: null, isAdmin: false, isSuperAdmin: false, agencyId: null, has: () => false });

const open = () => renderApp(<PublicSurveyRoute />, { path: `/s/${TOKEN}`, route: "/s/:token", session: signedOut() });

function publicApi(onAnswer?: (req: Request) => Response | Promise<Response>) {
  return stubApi(async (url, req) => {
    if (url.pathname === GET && req.method === "GET") return json(publicSurvey());
    if (url.pathname === POST && req.method === "POST") return onAnswer ? onAnswer(req) : json({ id: "00000000-0000-7000-8000-0000000009b1", submitted_at: "2026-11-27T03:00:00Z" }, 201);
    return undefined;
  });
}

const question = (n: number) => {
  const q = document.querySelector(`fieldset[data-question="${n}"]`);
  if (!q) throw new Error(`no question ${n}`);
  return q as HTMLElement;
};

const submit = () => userEvent.click(screen.getByRole("button", { name: "Kirim jawaban" }));

/** Answers the three required questions (likert, one option, several options). */
async function answerRequired() {
  await userEvent.click(within(question(1)).getByRole("radio", { name: "3" }));
  await userEvent.click(within(question(2)).getByRole("radio", { name: "E-learning" }));
  await userEvent.click(within(question(3)).getByRole("checkbox", { name: "Digital" }));
}

/** The browser's languages, most wanted first (jsdom says English). */
const browserSpeaks = (...langs: string[]) => vi.spyOn(navigator, "languages", "get").mockReturnValue(langs);

beforeEach(() => {
  browserSpeaks("id-ID", "id");
});

afterEach(() => {
  setTokenSource(validToken);
  document.title = "";
});

describe("public survey page", () => {
  it("shows the survey to a visitor without a session, asking for no token", async () => {
    // Even with an employee's session in this tab, the public link goes without its token.
    const tokenSource = vi.fn(async () => "employee-access-token");
    setTokenSource(tokenSource);
    const { calls } = publicApi();
    open();

    expect(await screen.findByRole("heading", { level: 1, name: "Pelayanan Puskesmas Ratu Agung" })).toBeInTheDocument();
    expect(screen.getByText("Bantu kami mengenali kebutuhan pelatihan petugas.")).toBeInTheDocument();
    expect(screen.getByText("Pembina")).toBeInTheDocument();
    const privacy = screen.getByRole("region", { name: "Tanpa nama" });
    expect(privacy).toHaveTextContent("tidak menanyakan dan tidak menyimpan nama, NIK, NIP");
    expect(document.title).toBe("Pelayanan Puskesmas Ratu Agung · Pembina");
    // No navigation, no sign-in.
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Keluar" })).not.toBeInTheDocument();

    // Labelled groups in the survey's order, whatever the order served.
    const groups = screen.getAllByRole("group").concat(screen.getAllByRole("radiogroup"));
    expect(groups).toHaveLength(4);
    expect([1, 2, 3, 4].map((n) => question(n).querySelector("legend")?.textContent)).toEqual([
      "1. Seberapa Anda membutuhkan pelatihan komunikasi? *",
      "2. Bentuk pelatihan yang disukai *",
      "3. Topik yang dibutuhkan *",
      "4. Saran (opsional)",
    ]);
    const likert = screen.getByRole("radiogroup", { name: /^1\. Seberapa Anda membutuhkan pelatihan komunikasi\?/ });
    expect(likert).toHaveAccessibleDescription("1 = sangat rendah, 5 = sangat tinggi.");
    expect(screen.getByRole("group", { name: /^3\. Topik yang dibutuhkan/ })).toHaveAccessibleDescription("Boleh memilih lebih dari satu.");

    expect(tokenSource).not.toHaveBeenCalled();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.get("Authorization")).toBeNull();
  });

  it("sends each answered question's value by its kind, then thanks the visitor", async () => {
    const tokenSource = vi.fn(async () => "employee-access-token");
    setTokenSource(tokenSource);
    const { calls } = publicApi();
    open();
    await screen.findByRole("button", { name: "Kirim jawaban" });
    await userEvent.click(within(question(1)).getByRole("radio", { name: "4" }));
    await userEvent.click(within(question(2)).getByRole("radio", { name: "Campuran" }));
    await userEvent.click(within(question(3)).getByRole("checkbox", { name: "Kepemimpinan" }));
    await userEvent.click(within(question(3)).getByRole("checkbox", { name: "Pelayanan" }));
    await userEvent.type(within(question(4)).getByRole("textbox", { name: "Jawaban pertanyaan 4" }), "  Petugas loket lebih ramah  ");
    await submit();

    const thanks = await screen.findByRole("heading", { level: 1, name: "Terima kasih!" });
    expect(thanks).toHaveFocus();
    expect(screen.getByText("Terima kasih, jawaban Anda untuk “Pelayanan Puskesmas Ratu Agung” sudah kami terima. Masukan Anda membantu kami meningkatkan pelayanan.")).toBeInTheDocument();
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Kirim jawaban" })).not.toBeInTheDocument();

    expect(await lastBody(calls, "POST", POST)).toEqual({
      answers: [
        { question_id: QUESTIONS[0]?.id, value: 4 },
        { question_id: QUESTIONS[1]?.id, value: 2 },
        { question_id: QUESTIONS[2]?.id, value: [0, 2] },
        { question_id: QUESTIONS[3]?.id, value: "Petugas loket lebih ramah" },
      ],
    });
    expect(calls.every((c) => c.headers.get("Authorization") === null)).toBe(true);
    expect(tokenSource).not.toHaveBeenCalled();
  });

  it("asks for the required questions before sending, leaving the optional text out", async () => {
    const { calls } = publicApi();
    open();
    await screen.findByRole("button", { name: "Kirim jawaban" });
    await submit();
    expect(question(1)).toHaveAccessibleDescription("Wajib diisi.");
    expect(question(2)).toHaveAccessibleDescription("Wajib diisi.");
    expect(question(3)).toHaveAccessibleDescription("Wajib diisi.");
    expect(within(question(4)).getByRole("textbox")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByText("Periksa isian yang ditandai.")).toBeInTheDocument();
    // Focus goes to the first question to fix.
    expect(within(question(1)).getAllByRole("radio")[0]).toHaveFocus();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);

    await answerRequired();
    await submit();
    await screen.findByRole("heading", { name: "Terima kasih!" });
    const body = (await lastBody(calls, "POST", POST)) as { answers: { value: unknown }[] };
    expect(body.answers.map((a) => a.value)).toEqual([3, 1, [1]]);
  });

  it("shows the API's `answers[1]` error at the second question", async () => {
    publicApi(() => problem(422, "validation_failed", [{ field: "answers[1]", code: "unknown_option", message: "must be the index of an option" }]));
    open();
    await screen.findByRole("button", { name: "Kirim jawaban" });
    await answerRequired();
    await submit();

    await waitFor(() => expect(question(2)).toHaveAccessibleDescription("Pilihan tidak dikenal."));
    expect(question(2)).toHaveAttribute("aria-invalid", "true");
    const options = within(question(2)).getAllByRole("radio");
    expect(options[0]).toHaveAttribute("aria-invalid", "true");
    expect(options[0]).toHaveFocus();
    expect(question(1)).not.toHaveAttribute("aria-invalid");
    expect(question(1)).toHaveAccessibleDescription("1 = sangat rendah, 5 = sangat tinggi.");
    expect(question(3)).not.toHaveAccessibleDescription("Pilihan tidak dikenal.");
    expect(screen.getByText("Periksa isian yang ditandai.")).toBeInTheDocument();
    // What was entered stays, to be corrected.
    expect(within(question(2)).getByRole("radio", { name: "E-learning" })).toBeChecked();
    expect(screen.queryByRole("heading", { name: "Terima kasih!" })).not.toBeInTheDocument();
  });

  it("says the survey is not found or closed when the link is unknown", async () => {
    stubApi((url) => (url.pathname === GET ? problem(404, "not_found") : undefined));
    open();
    const heading = await screen.findByRole("heading", { level: 1, name: "Survei tidak ditemukan atau sudah ditutup" });
    expect(heading).toHaveFocus();
    expect(screen.getByText(/Periksa kembali tautan yang Anda terima/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Kirim jawaban" })).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says the survey is closed when it closes while being answered", async () => {
    publicApi(() => problem(404, "not_found"));
    open();
    await screen.findByRole("button", { name: "Kirim jawaban" });
    await answerRequired();
    await submit();
    expect(await screen.findByRole("heading", { level: 1, name: "Survei tidak ditemukan atau sudah ditutup" })).toBeInTheDocument();
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
  });

  it("offers to try again when the server fails", async () => {
    let fail = true;
    stubApi((url) => {
      if (url.pathname !== GET) return undefined;
      return fail ? problem(503, "unavailable") : json(publicSurvey());
    });
    open();
    expect(await screen.findByRole("alert")).toHaveTextContent("Data tidak dapat dimuat.");
    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Coba lagi" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Pelayanan Puskesmas Ratu Agung" })).toBeInTheDocument();
  });
});

describe("public survey page language", () => {
  it("follows an English browser without changing the app's language", async () => {
    browserSpeaks("en-GB", "en");
    publicApi();
    open();
    expect(await screen.findByRole("button", { name: "Send answers" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Anonymous" })).toHaveTextContent("We do not ask for or store your name");
    expect(question(1)).toHaveAccessibleDescription("1 = very low, 5 = very high.");
    expect(document.documentElement.lang).toBe("en");
    expect(i18n.language).toBe("id");
    expect(localStorage.getItem("pembina.lang")).toBeNull();
  });

  it("speaks Indonesian to a browser in another language, and to one set to Indonesian as `in`", async () => {
    browserSpeaks("fr-FR", "de");
    publicApi();
    const first = open();
    expect(await screen.findByRole("button", { name: "Kirim jawaban" })).toBeInTheDocument();
    first.unmount();

    browserSpeaks("in-ID", "en-US");
    open();
    expect(await screen.findByRole("button", { name: "Kirim jawaban" })).toBeInTheDocument();
  });

  it("keeps the language chosen in this browser, and remembers a new choice", async () => {
    browserSpeaks("en-US", "en");
    localStorage.setItem("pembina.lang", "id");
    publicApi();
    open();
    expect(await screen.findByRole("button", { name: "Kirim jawaban" })).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Bahasa" }), "en");
    expect(await screen.findByRole("button", { name: "Send answers" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Pelayanan Puskesmas Ratu Agung" })).toBeInTheDocument();
    expect(localStorage.getItem("pembina.lang")).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });
});
