import { describe, expect, it } from "vitest";
import { formatDate, formatNumber } from "./format";

describe("format", () => {
  it("writes dates and numbers the Indonesian way by default", () => {
    expect(formatDate("2026-11-27", "id")).toBe("27 November 2026");
    expect(formatDate("1985-07-15", "id")).toBe("15 Juli 1985");
    expect(formatNumber(1234.5, "id")).toBe("1.234,5");
  });

  it("writes them the English way when English is chosen", () => {
    expect(formatDate("2026-11-27", "en")).toBe("27 November 2026");
    expect(formatDate("1985-07-15", "en")).toBe("15 July 1985");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });

  it("shows a dash for a missing date", () => {
    expect(formatDate(null, "id")).toBe("—");
  });
});
