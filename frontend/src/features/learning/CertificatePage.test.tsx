import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setTokenSource } from "../../api/client";
import { validToken } from "../../session/session";
import { json, problem, renderApp, session, stubApi } from "../../test/render";
import CertificateRoute from "./CertificatePage";
import { certificate } from "./testData";

const CODE = "PBN-7K3M-Q9XA";

/** Nobody signed in: the page must not need a session. */
const signedOut = () => session([], { me: null, isAdmin: false, isSuperAdmin: false, agencyId: null, has: () => false });

const open = (path: string) => renderApp(<CertificateRoute />, { path, route: "/c/:code?", session: signedOut() });

function certificateApi() {
  return stubApi((url) => {
    if (url.pathname === `/api/v1/public/certificates/${CODE}`) return json(certificate());
    if (url.pathname.startsWith("/api/v1/public/certificates/")) return problem(404, "not_found");
    return undefined;
  });
}

beforeEach(() => {
  vi.spyOn(navigator, "languages", "get").mockReturnValue(["id-ID", "id"]);
});

afterEach(() => {
  setTokenSource(validToken);
  document.title = "";
});

describe("certificate verification", () => {
  it("shows a valid certificate to anyone: name, masked NIP, programme, session, dates, JP and agency, without a token", async () => {
    const tokenSource = vi.fn(async () => "employee-access-token");
    setTokenSource(tokenSource);
    const { calls } = certificateApi();
    open(`/c/${CODE}`);
    expect(screen.getByRole("heading", { level: 1, name: "Verifikasi sertifikat" })).toBeInTheDocument();
    const valid = await screen.findByRole("region", { name: "Sertifikat sah" });
    const facts = Object.fromEntries(
      Array.from(valid.querySelectorAll("dt")).map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(facts).toEqual({
      Nama: "Ahmad Fauzi",
      NIP: "••••••••2010011003",
      Program: "Manajemen Proyek Infrastruktur",
      Angkatan: "Angkatan I 2026",
      "Tanggal pelaksanaan": "2 Maret 2026 – 4 Maret 2026",
      "Tanggal selesai": "4 Maret 2026",
      "Jam pelajaran": "24 JP",
      Instansi: "Pemerintah Kota Bengkulu",
      "Kode sertifikat": CODE,
    });
    expect(screen.getByRole("heading", { level: 2, name: "Sertifikat sah" })).toHaveFocus();
    expect(document.title).toBe("Verifikasi sertifikat · Pembina");
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.get("Authorization")).toBeNull();
    expect(tokenSource).not.toHaveBeenCalled();
  });

  it("says a certificate is not found for an unknown code, and checks another typed in", async () => {
    const { calls } = certificateApi();
    open("/c/PBN-XXXX-0000");
    expect(await screen.findByRole("heading", { level: 2, name: "Sertifikat tidak ditemukan" })).toBeInTheDocument();
    expect(screen.getByText("Tidak ada sertifikat dengan kode “PBN-XXXX-0000”. Periksa kembali kode pada sertifikat.")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Sertifikat sah" })).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    const box = screen.getByRole("textbox", { name: "Kode sertifikat" });
    await userEvent.clear(box);
    await userEvent.type(box, ` ${CODE} `);
    await userEvent.click(screen.getByRole("button", { name: "Periksa" }));
    expect(await screen.findByRole("region", { name: "Sertifikat sah" })).toBeInTheDocument();
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual(["/api/v1/public/certificates/PBN-XXXX-0000", `/api/v1/public/certificates/${CODE}`]);
  });

  it("offers only the form without a code, and asks for one", async () => {
    const { calls } = certificateApi();
    open("/c");
    await userEvent.click(screen.getByRole("button", { name: "Periksa" }));
    expect(screen.getByRole("textbox", { name: "Kode sertifikat" })).toHaveAccessibleDescription("Wajib diisi.");
    expect(calls).toHaveLength(0);
  });

  it("speaks English to an English browser", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-GB", "en"]);
    certificateApi();
    open(`/c/${CODE}`);
    expect(await screen.findByRole("heading", { level: 2, name: "Valid certificate" })).toBeInTheDocument();
    expect(screen.getByText("24 JP")).toBeInTheDocument();
  });
});
