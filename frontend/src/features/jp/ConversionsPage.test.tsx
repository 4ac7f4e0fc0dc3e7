import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import type { Conversions, PutConversions } from "./api";
import JpRoutes from "./routes";
import { AGENCY_ID, conversions, lastBody } from "./testData";

const at = (s = session(["agency_admin"])) => renderApp(<JpRoutes section="admin" />, { path: "/jp/conversions", route: "/jp/*", session: s });

/** The agency halves e-learning and caps self-study at 10 JP a year. */
const TABLE = conversions({ e_learning: { percent: 50, cap: null }, self_study: { percent: 100, cap: 10 } });

function conversionsApi(put?: (b: PutConversions) => Response) {
  return stubApi(async (url, req) => {
    if (url.pathname !== "/api/v1/jp-conversions") return undefined;
    if (req.method !== "PUT") return json(TABLE);
    const b = (await req.json()) as PutConversions;
    if (put) return put(b);
    const saved: Conversions = conversions(Object.fromEntries(b.conversions.map((c) => [c.activity_kind, { percent: c.credit_percent, cap: c.yearly_cap_jp ?? null }])));
    return json(saved);
  });
}

const rowOf = (kind: string) => {
  const row = document.querySelector(`tr[data-kind="${kind}"]`);
  if (!row) throw new Error(`no row ${kind}`);
  return row as HTMLElement;
};

describe("JP conversion", () => {
  it("lists the 14 kinds of activity with their share credited and yearly cap", async () => {
    conversionsApi();
    at();
    const table = await screen.findByRole("table", { name: "Konversi JP per jenis kegiatan" });
    const kinds = within(table).getAllByRole("rowheader").map((h) => h.textContent);
    expect(kinds).toHaveLength(14);
    expect(kinds.slice(0, 5)).toEqual(["Pelatihan", "Seminar/konferensi", "Workshop/lokakarya", "Kursus", "Bimbingan teknis"]);
    expect(kinds).toContain("Komunitas belajar (community of practice)");
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Jenis kegiatan", "Bentuk", "Diakui (%)", "Batas per tahun (JP)", "Keterangan"]);
    expect(screen.getByRole("spinbutton", { name: "Diakui (%) untuk E-learning" })).toHaveValue(50);
    expect(screen.getByRole("spinbutton", { name: "Batas per tahun (JP) untuk E-learning" })).toHaveValue(null);
    expect(screen.getByRole("spinbutton", { name: "Batas per tahun (JP) untuk Belajar mandiri" })).toHaveValue(10);
    expect(within(rowOf("training")).getAllByRole("cell").map((c) => c.textContent)).toEqual(["Klasikal", "", "", "Bawaan"]);
    expect(within(rowOf("e_learning")).getAllByRole("cell")[3]).toHaveTextContent("Diatur instansi");
  });

  it("saves the table with PUT, leaving out the kinds at the default (100 %, no cap)", async () => {
    const { calls } = conversionsApi();
    at();
    const mentoring = await screen.findByRole("spinbutton", { name: "Diakui (%) untuk Mentoring" });
    await userEvent.clear(mentoring);
    await userEvent.type(mentoring, "50");
    await userEvent.type(screen.getByRole("spinbutton", { name: "Batas per tahun (JP) untuk Mentoring" }), "12.5");
    // Back to the default: e-learning counts in full again.
    const eLearning = screen.getByRole("spinbutton", { name: "Diakui (%) untuk E-learning" });
    await userEvent.clear(eLearning);
    await userEvent.type(eLearning, "100");
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));

    expect(await screen.findByText("Konversi JP tersimpan.")).toBeInTheDocument();
    expect(await lastBody(calls, "PUT", "/api/v1/jp-conversions")).toEqual({
      conversions: [
        { activity_kind: "mentoring", credit_percent: 50, yearly_cap_jp: 12.5 },
        { activity_kind: "self_study", credit_percent: 100, yearly_cap_jp: 10 },
      ],
    });
    await waitFor(() => expect(within(rowOf("e_learning")).getAllByRole("cell")[3]).toHaveTextContent("Bawaan"));
    expect(within(rowOf("mentoring")).getAllByRole("cell")[3]).toHaveTextContent("Diatur instansi");
  });

  it("shows the API's errors at the row they name", async () => {
    conversionsApi(() =>
      problem(422, "validation_failed", [
        { field: "conversions[1].yearly_cap_jp", code: "too_precise", message: "must have at most two decimals" },
        { field: "conversions[0].credit_percent", code: "out_of_range", message: "must be from 1 to 100" },
      ]),
    );
    at();
    const cap = await screen.findByRole("spinbutton", { name: "Batas per tahun (JP) untuk Belajar mandiri" });
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));
    // Sent: e-learning (index 0) and self-study (index 1).
    await waitFor(() => expect(cap).toHaveAttribute("aria-invalid", "true"));
    expect(cap).toHaveAccessibleDescription("Paling banyak dua angka di belakang koma.");
    const eLearning = screen.getByRole("spinbutton", { name: "Diakui (%) untuk E-learning" });
    expect(eLearning).toHaveAccessibleDescription("Di luar rentang yang diizinkan.");
    expect(screen.getByRole("spinbutton", { name: "Diakui (%) untuk Belajar mandiri" })).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByText("Konversi JP tersimpan.")).not.toBeInTheDocument();
  });

  it("checks the shares and caps before sending", async () => {
    const { calls } = conversionsApi();
    at();
    const course = await screen.findByRole("spinbutton", { name: "Diakui (%) untuk Kursus" });
    await userEvent.clear(course);
    await userEvent.type(course, "0");
    await userEvent.clear(screen.getByRole("spinbutton", { name: "Diakui (%) untuk Magang/praktik kerja" }));
    await userEvent.type(screen.getByRole("spinbutton", { name: "Batas per tahun (JP) untuk Coaching" }), "0");
    await userEvent.click(screen.getByRole("button", { name: "Simpan" }));
    expect(course).toHaveAccessibleDescription("Di luar rentang yang diizinkan.");
    expect(screen.getByRole("spinbutton", { name: "Diakui (%) untuk Magang/praktik kerja" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(screen.getByRole("spinbutton", { name: "Batas per tahun (JP) untuk Coaching" })).toHaveAccessibleDescription("Di luar rentang yang diizinkan.");
    expect(calls.some((c) => c.method === "PUT")).toBe(false);
  });

  it("names the agency for a super admin", async () => {
    const { calls } = conversionsApi();
    at(session(["super_admin"], { agencyId: AGENCY_ID }));
    await userEvent.click(await screen.findByRole("button", { name: "Simpan" }));
    await screen.findByText("Konversi JP tersimpan.");
    expect(new URL(calls[0]?.url ?? "").searchParams.get("agency_id")).toBe(AGENCY_ID);
    expect(await lastBody(calls, "PUT", "/api/v1/jp-conversions")).toMatchObject({ agency_id: AGENCY_ID });
  });

  it("is for administrators only", () => {
    const { calls } = conversionsApi();
    at(session(["employee"]));
    expect(screen.getByRole("alert")).toHaveTextContent("Anda tidak memiliki akses ke halaman ini.");
    expect(calls).toHaveLength(0);
  });
});
