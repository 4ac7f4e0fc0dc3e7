import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LoginPage, safeNext } from "./LoginPage";
import { renderApp, session } from "../../test/render";
import { ApiProblem } from "../../api/problem";

const signedOut = (signIn: () => Promise<void>) => session([], { me: null, signIn });

describe("LoginPage", () => {
  it("shows the Indonesian message for a wrong password", async () => {
    const signIn = async () => {
      throw new ApiProblem({ type: "x", title: "x", status: 401, detail: "the username or password is wrong", code: "invalid_credentials", errors: [] });
    };
    renderApp(<LoginPage />, { session: signedOut(signIn) });
    await userEvent.type(screen.getByLabelText(/Email atau NIP/), "admin@pembina.local");
    await userEvent.type(screen.getByLabelText(/Kata sandi/), "wrong");
    await userEvent.click(screen.getByRole("button", { name: "Masuk" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Email/NIP atau kata sandi salah.");
  });

  it("tells a locked-out user how long to wait", async () => {
    const signIn = async () => {
      throw new ApiProblem({ type: "x", title: "x", status: 423, detail: "too many wrong passwords: the account is locked for 15 more minute(s)", code: "account_locked", errors: [] });
    };
    renderApp(<LoginPage />, { session: signedOut(signIn) });
    await userEvent.type(screen.getByLabelText(/Email atau NIP/), "x");
    await userEvent.type(screen.getByLabelText(/Kata sandi/), "y");
    await userEvent.click(screen.getByRole("button", { name: "Masuk" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("coba lagi dalam 15 menit");
  });

  it("follows only same-site paths after sign-in", () => {
    expect(safeNext("/employees?q=1")).toBe("/employees?q=1");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
