import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Shell } from "./Shell";
import { json, page, renderApp, session, stubApi } from "../test/render";
import i18n from "../i18n";

const navLinks = () => within(screen.getByRole("navigation", { name: /Navigasi utama|Main navigation/ })).getAllByRole("link").map((a) => a.textContent);

describe("Shell", () => {
  it("gives a super admin every section and an agency switcher", async () => {
    stubApi((url) => (url.pathname === "/api/v1/agencies" ? json(page([{ id: "a1", code: "1771", name: "Pemerintah Kota Bengkulu", kind: "city", seat: "Bengkulu", created_at: "", updated_at: "" }])) : undefined));
    renderApp(<Shell />);
    expect(navLinks()).toEqual([
      "Beranda",
      "Instansi",
      "Unit organisasi",
      "Jabatan",
      "Pegawai",
      "Pengguna",
      "Kamus kompetensi",
      "Standar kompetensi jabatan",
      "Peta kesenjangan unit",
      "Survei kebutuhan",
      "Kebutuhan pelatihan",
      "Rencana pengembangan",
      "Pengaturan AKPK",
      "Program Pelatihan",
      "Angkatan",
      "Capaian 20 JP",
      "Konversi JP",
      "Tindak Lanjut Evaluasi",
      "Distribusi Predikat",
      "Kepuasan Layanan",
      "Penilaian Ditandai",
      "Kepuasan per Instansi",
    ]);
    const learning = screen.getByRole("list", { name: "Pembelajaran" });
    expect(within(learning).getByRole("link", { name: "Program Pelatihan" })).toHaveAttribute("href", "/programmes");
    expect(within(learning).getByRole("link", { name: "Angkatan" })).toHaveAttribute("href", "/sessions");
    // The needs analysis is one labelled group of the navigation.
    const group = screen.getByRole("list", { name: "Kompetensi" });
    expect(within(group).getByRole("link", { name: "Kebutuhan pelatihan" })).toHaveAttribute("href", "/competencies/needs");
    expect(within(group).getByRole("link", { name: "Survei kebutuhan" })).toHaveAttribute("href", "/surveys");
    expect(within(group).getByRole("link", { name: "Rencana pengembangan" })).toHaveAttribute("href", "/competencies/plan");
    // Without an employee record there are no survey tasks of one's own.
    expect(within(group).queryByRole("link", { name: "Survei saya" })).not.toBeInTheDocument();
    expect(await screen.findByRole("option", { name: "Pemerintah Kota Bengkulu" })).toBeInTheDocument();
  });

  it("shows a supervisor the employees but not the administration", () => {
    renderApp(<Shell />, { session: session(["supervisor", "employee"]) });
    expect(navLinks()).toEqual(["Beranda", "Unit organisasi", "Jabatan", "Pegawai", "Kamus kompetensi"]);
    expect(screen.queryByRole("link", { name: "Survei kebutuhan" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Rencana pengembangan" })).not.toBeInTheDocument();
    expect(screen.getByText("Pemerintah Kota Bengkulu")).toBeInTheDocument();
  });

  it("shows an employee their own profile", () => {
    const s = session(["employee"]);
    renderApp(<Shell />, { session: { ...s, me: s.me ? { ...s.me, employee_id: "e-1" } : null } });
    expect(navLinks()).toEqual(["Beranda", "Unit organisasi", "Jabatan", "Profil saya", "Kamus kompetensi", "Profil kompetensi saya", "Survei saya", "Pembelajaran Saya", "JP Saya", "Evaluasi Pasca Pelatihan", "SKP Saya", "Tim Saya", "Predikat Saya"]);
    expect(screen.getByRole("link", { name: "Profil kompetensi saya" })).toHaveAttribute("href", "/competencies/employees/e-1");
    expect(screen.getByRole("link", { name: "Survei saya" })).toHaveAttribute("href", "/my-surveys");
    // Their own learning, but neither the programmes nor the sessions.
    const learning = screen.getByRole("list", { name: "Pembelajaran" });
    expect(within(learning).getAllByRole("link").map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Pembelajaran Saya", "/learning"],
      ["JP Saya", "/me/jp"],
      ["Evaluasi Pasca Pelatihan", "/me/follow-ups"],
    ]);
  });

  it("gives administrators the follow-up of training evaluation in the learning group", () => {
    renderApp(<Shell />, { session: session(["agency_admin"]) });
    const learning = screen.getByRole("list", { name: "Pembelajaran" });
    expect(within(learning).getByRole("link", { name: "Tindak Lanjut Evaluasi" })).toHaveAttribute("href", "/evaluation/follow-ups");
    expect(within(learning).queryByRole("link", { name: "Evaluasi Pasca Pelatihan" })).not.toBeInTheDocument();
  });

  it("gives everyone with an employee record the performance group: their own plan and their team", () => {
    const s = session(["supervisor", "employee"]);
    renderApp(<Shell />, { session: { ...s, me: s.me ? { ...s.me, employee_id: "e-2" } : null } });
    const performance = screen.getByRole("list", { name: "Kinerja" });
    expect(within(performance).getAllByRole("link").map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["SKP Saya", "/me/skp"],
      ["Tim Saya", "/me/team"],
      ["Predikat Saya", "/me/appraisal"],
    ]);
  });

  it("shows no performance group to an account without an employee record", () => {
    renderApp(<Shell />, { session: session(["trainer"]) });
    expect(screen.queryByRole("list", { name: "Kinerja" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "SKP Saya" })).not.toBeInTheDocument();
  });

  it("gives administrators the distribution of predikat, first in the performance group", () => {
    const { unmount } = renderApp(<Shell />, { session: session(["agency_admin"]) });
    const links = () => within(screen.getByRole("list", { name: "Kinerja" })).getAllByRole("link");
    expect(links().map((a) => [a.textContent, a.getAttribute("href")])).toEqual([["Distribusi Predikat", "/appraisal/distribution"]]);
    unmount();
    const s = session(["agency_admin", "employee"]);
    renderApp(<Shell />, { session: { ...s, me: s.me ? { ...s.me, employee_id: "e-3" } : null } });
    expect(links().map((a) => a.textContent)).toEqual(["Distribusi Predikat", "SKP Saya", "Tim Saya", "Predikat Saya"]);
  });

  it("gives administrators the citizens' satisfaction pages in their own group", () => {
    renderApp(<Shell />, { session: session(["agency_admin"]) });
    const group = screen.getByRole("list", { name: "Kepuasan Masyarakat" });
    expect(within(group).getAllByRole("link").map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Kepuasan Layanan", "/ratings/units"],
      ["Penilaian Ditandai", "/ratings/flags"],
      ["Kepuasan per Instansi", "/ratings/agency"],
    ]);
  });

  it("shows the satisfaction group to administrators only", () => {
    const s = session(["supervisor", "employee"]);
    renderApp(<Shell />, { session: { ...s, me: s.me ? { ...s.me, employee_id: "e-4" } : null } });
    expect(screen.queryByRole("list", { name: "Kepuasan Masyarakat" })).not.toBeInTheDocument();
  });

  it("shows a trainer the sessions (attendance) but not the programmes", () => {
    renderApp(<Shell />, { session: session(["trainer"]) });
    const learning = screen.getByRole("list", { name: "Pembelajaran" });
    expect(within(learning).getAllByRole("link").map((a) => a.textContent)).toEqual(["Angkatan"]);
  });

  it("switches to English and remembers the choice", async () => {
    renderApp(<Shell />, { session: session(["agency_admin"]) });
    await userEvent.selectOptions(screen.getByLabelText("Bahasa"), "en");
    expect(i18n.language).toBe("en");
    expect(localStorage.getItem("pembina.lang")).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
    expect(navLinks()).toContain("Users");
  });

  it("opens the navigation on a phone with an announced toggle", async () => {
    renderApp(<Shell />, { session: session(["agency_admin"]) });
    const toggle = screen.getByRole("button", { name: /Menu/ });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
  });
});
