import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { explainNeed, formatGap, formatPercent, formatShare, standingOf } from "./format";
import { barWidth } from "./GapChart";

describe("competency numbers", () => {
  it("write gaps with a true minus sign and shares and matches as percentages", () => {
    expect([formatGap(-2), formatGap(0), formatGap(1)]).toEqual(["\u22122", "0", "+1"]);
    expect(formatShare(0.6667, "id")).toBe("66,7%");
    expect(formatShare(0.6667, "en")).toBe("66.7%");
    expect(formatPercent(76.92, "id")).toBe("76,92%");
    expect(formatPercent(100, "en")).toBe("100%");
  });

  it("tell meeting the standard from one level short, two or more, and not assessed", () => {
    expect(standingOf({ achieved: 4, gap: 1 })).toBe("meets");
    expect(standingOf({ achieved: 3, gap: 0 })).toBe("meets");
    expect(standingOf({ achieved: 2, gap: -1 })).toBe("below1");
    expect(standingOf({ achieved: 1, gap: -2 })).toBe("below2");
    expect(standingOf({ achieved: null, gap: -3 })).toBe("unassessed");
  });

  it("size the chart's bars by level, 0 to 5", () => {
    expect([0, 1, 3, 5, 7, -1].map(barWidth)).toEqual([0, 64, 192, 320, 320, 0]);
  });

  it("explain a need from its contributions, with or without missing signals", () => {
    const t = i18n.t.bind(i18n);
    const contributions = [
      { signal: "gap" as const, value: 0.5, weight: 0.4, points: 20 },
      { signal: "survey" as const, value: 0.8, weight: 0.15, points: 12 },
    ];
    expect(explainNeed({ contributions, missing: [] }, t, "id")).toBe("Kesenjangan: 20,0 poin · Survei: 12,0 poin");
    expect(explainNeed({ contributions, missing: ["citizen"] }, t, "id")).toBe("Kesenjangan: 20,0 poin · Survei: 12,0 poin; tanpa data: pengaduan masyarakat");
    expect(explainNeed({ contributions: [], missing: ["performance"] }, t, "id")).toBe("tanpa data: kinerja");
  });
});
