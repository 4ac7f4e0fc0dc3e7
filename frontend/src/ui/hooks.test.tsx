import { describe, expect, it, vi } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { useSearchBox } from "./hooks";

describe("useSearchBox", () => {
  it("commits what is typed once typing pauses, and takes a search changed from outside", () => {
    vi.useFakeTimers();
    try {
      const commit = vi.fn();
      const { result, rerender } = renderHook(({ q }) => useSearchBox(q, commit), { initialProps: { q: "" } });
      act(() => result.current[1]("ah"));
      act(() => result.current[1]("ahmad "));
      expect(commit).not.toHaveBeenCalled();
      act(() => vi.advanceTimersByTime(300));
      expect(commit).toHaveBeenCalledTimes(1);
      expect(commit).toHaveBeenCalledWith("ahmad");

      // The URL catches up: nothing more to commit, and the typed text stays as it is.
      rerender({ q: "ahmad" });
      expect(result.current[0]).toBe("ahmad ");

      // Back button: the URL's search replaces the box's, without committing it again.
      rerender({ q: "siti" });
      expect(result.current[0]).toBe("siti");
      act(() => vi.advanceTimersByTime(300));
      expect(commit).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
