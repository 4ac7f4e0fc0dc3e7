import { describe, expect, it, vi } from "vitest";
import { browserLanguage, preferredLanguage } from ".";

describe("the language of public pages", () => {
  it("is the first of the browser's languages Pembina speaks, else Indonesian", () => {
    expect(browserLanguage(["en-US", "id"])).toBe("en");
    expect(browserLanguage(["de-DE", "id-ID", "en"])).toBe("id");
    expect(browserLanguage(["in-ID"])).toBe("id");
    expect(browserLanguage(["EN-gb"])).toBe("en");
    expect(browserLanguage(["ms-MY", "jv"])).toBe("id");
    expect(browserLanguage([])).toBe("id");
  });

  it("is the language chosen in this browser before the browser's own", () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-US", "en"]);
    expect(preferredLanguage()).toBe("en");
    localStorage.setItem("pembina.lang", "id");
    expect(preferredLanguage()).toBe("id");
    localStorage.setItem("pembina.lang", "en");
    expect(preferredLanguage()).toBe("en");
    // An unknown stored value counts as no choice.
    localStorage.setItem("pembina.lang", "xx");
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["fr-FR"]);
    expect(preferredLanguage()).toBe("id");
  });
});
