import { describe, expect, it } from "vitest";
import { fileNameOf } from "./download";

const res = (disposition?: string) => new Response(null, { headers: disposition ? { "content-disposition": disposition } : {} });

describe("fileNameOf", () => {
  it("takes the name the server suggests, plain or encoded, else the fallback", () => {
    expect(fileNameOf(res('attachment; filename="akpk-2027.xlsx"'), "x.xlsx")).toBe("akpk-2027.xlsx");
    expect(fileNameOf(res("attachment; filename=akpk-2027.csv"), "x.csv")).toBe("akpk-2027.csv");
    expect(fileNameOf(res("attachment; filename*=UTF-8''rencana%20AKPK.xlsx"), "x.xlsx")).toBe("rencana AKPK.xlsx");
    expect(fileNameOf(res(), "akpk-2027.xlsx")).toBe("akpk-2027.xlsx");
  });
});
