import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, page, problem, renderApp, session, stubApi } from "../../test/render";
import RatingsRoutes from "./routes";
import { callsTo, flagged, queriesTo, uuid } from "./testData";
import type { FlaggedRating, ReviewState } from "./api";

const at = (path = "/ratings/flags") => renderApp(<RatingsRoutes />, { path, route: "/ratings/*", session: session(["agency_admin"]) });

const FLAGS = "/api/v1/rating-flags";
const REVIEW = (id: string) => `/api/v1/ratings/${id}/review`;

/** The queue's API: ratings move between states as they are reviewed. */
function flagsApi(initial: FlaggedRating[] = [flagged(), flagged({ id: uuid(902), flag_reason: "honeypot", comment: null, answers: {}, ticket: "A-017" })]) {
  let items = initial;
  return stubApi(async (url, req) => {
    if (url.pathname === FLAGS) {
      const status = url.searchParams.get("status") as ReviewState;
      return json(page(items.filter((r) => r.review_state === status)));
    }
    const m = /^\/api\/v1\/ratings\/([^/]+)\/review$/.exec(url.pathname);
    if (req.method === "POST" && m) {
      const { decision } = (await req.clone().json()) as { decision: "accept" | "reject" };
      const state: ReviewState = decision === "accept" ? "accepted" : "rejected";
      items = items.map((r) => (r.id === m[1] ? { ...r, review_state: state, reviewed_at: "2026-03-05T01:00:00Z" } : r));
      return json(items.find((r) => r.id === m[1]));
    }
    return undefined;
  });
}

describe("Penilaian Ditandai", () => {
  it("lists the pending ratings with unit, reason in Indonesian, answers and comment", async () => {
    const { calls } = flagsApi();
    at();
    expect(screen.getByRole("heading", { level: 1, name: "Penilaian Ditandai" })).toBeInTheDocument();
    const cards = await screen.findAllByTestId("flagged-rating");
    expect(cards).toHaveLength(2);
    expect(queriesTo(calls, FLAGS)[0]?.get("status")).toBe("pending");
    const [first, second] = cards as [HTMLElement, HTMLElement];
    expect(within(first).getByRole("heading", { name: /Puskesmas Jalan Gedang/ })).toBeInTheDocument();
    expect(first).toHaveTextContent("Banyak penilaian dari perangkat yang sama");
    expect(within(first).getByTestId("answers")).toHaveTextContent("U1 4 · U2 3 · U3 4 · U5 3 · U6 4 · U7 4 · U8 3 · U9 3");
    expect(first).toHaveTextContent("Antrean cepat");
    expect(first).toHaveTextContent("Pemeriksaan umum");
    expect(first).toHaveTextContent("Waktu tunggu: 25 menit");
    expect(first).toHaveTextContent(/Dikirim \d+ Maret/);
    expect(second).toHaveTextContent("Kolom jebakan terisi");
    expect(within(second).getByTestId("answers")).toHaveTextContent("Tanpa jawaban");
    expect(second).toHaveTextContent("Nomor antrean: A-017");
  });

  it("words the unit burst", async () => {
    flagsApi([flagged({ flag_reason: "unit_burst" })]);
    at();
    expect(await screen.findByText("Lonjakan penilaian di unit")).toBeInTheDocument();
  });

  it("accepts and rejects with POST …/review, and the rating leaves the pending tab", async () => {
    const { calls } = flagsApi();
    at();
    const [first] = await screen.findAllByTestId("flagged-rating");
    await userEvent.click(within(first as HTMLElement).getByRole("button", { name: "Terima" }));
    expect(await screen.findByText("Penilaian diterima dan kini dihitung.")).toBeInTheDocument();
    const accept = callsTo(calls, "POST", REVIEW(uuid(901)));
    expect(await accept[0]?.json()).toEqual({ decision: "accept" });
    await waitFor(() => expect(screen.getAllByTestId("flagged-rating")).toHaveLength(1));

    await userEvent.click(screen.getByRole("button", { name: "Tolak" }));
    expect(await screen.findByText("Penilaian ditolak dan tidak dihitung.")).toBeInTheDocument();
    expect(await callsTo(calls, "POST", REVIEW(uuid(902)))[0]?.json()).toEqual({ decision: "reject" });
    expect(await screen.findByText("Tidak ada penilaian dengan status ini.")).toBeInTheDocument();
  });

  it("shows the other states in tabs, where a decision can be changed", async () => {
    const { calls } = flagsApi([flagged({ review_state: "rejected", reviewed_at: "2026-03-05T01:00:00Z" })]);
    at();
    expect(await screen.findByText("Tidak ada penilaian dengan status ini.")).toBeInTheDocument();
    const tabs = screen.getByRole("group", { name: "Status peninjauan" });
    expect(within(tabs).getAllByRole("button").map((b) => b.textContent)).toEqual(["Menunggu", "Diterima", "Ditolak"]);
    expect(within(tabs).getByRole("button", { name: "Menunggu" })).toHaveAttribute("aria-pressed", "true");
    await userEvent.click(within(tabs).getByRole("button", { name: "Ditolak" }));
    const card = await screen.findByTestId("flagged-rating");
    expect(queriesTo(calls, FLAGS).at(-1)?.get("status")).toBe("rejected");
    expect(within(card).queryByRole("button", { name: "Tolak" })).not.toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Terima" })).toBeInTheDocument();
    expect(card).toHaveTextContent(/Ditinjau/);
  });

  it("shows why a review failed", async () => {
    stubApi((url, req) => {
      if (url.pathname === FLAGS) return json(page([flagged()]));
      if (req.method === "POST") return problem(404, "not_found");
      return undefined;
    });
    at();
    await userEvent.click(await screen.findByRole("button", { name: "Terima" }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.queryByText("Penilaian diterima dan kini dihitung.")).not.toBeInTheDocument();
  });

  it("shows the API's problem when the queue cannot be read", async () => {
    stubApi((url) => (url.pathname === FLAGS ? problem(403, "forbidden") : undefined));
    at();
    expect(await screen.findByRole("alert")).toHaveTextContent("Data tidak dapat dimuat.");
  });
});
