import type { ReactNode } from "react";

/**
 * A `.table-wrap` that also contains the table's visually hidden texts (absolutely positioned,
 * e.g. the sort state in SortHeader): without a positioned wrapper they escape its horizontal
 * scrolling and widen the whole page on a phone.
 */
export function TableWrap({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <div className="table-wrap" style={{ position: "relative" }} aria-busy={busy}>
      {children}
    </div>
  );
}
