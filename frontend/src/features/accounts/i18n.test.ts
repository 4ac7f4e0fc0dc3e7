import { describe, expect, it } from "vitest";
import { accounts } from "./i18n";

type Tree = { [key: string]: string | Tree };

const keys = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

describe("accounts texts", () => {
  it("have the same keys in Bahasa Indonesia and English", () => {
    expect(keys(accounts.en).sort()).toEqual(keys(accounts.id).sort());
  });
});
