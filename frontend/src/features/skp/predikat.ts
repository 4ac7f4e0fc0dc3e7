// The predikat kinerja from the two annual ratings (PermenPANRB 6/2022): the rows are the work
// results, the columns the work behaviour. The API decides; the evaluation form shows the same
// cell before it is sent, so this mirrors the domain's matrix exactly.
import type { Predikat, Rating } from "./api";

const MATRIX: Record<Rating, Record<Rating, Predikat>> = {
  above: { below: "kurang", as_expected: "baik", above: "sangat_baik" },
  as_expected: { below: "kurang", as_expected: "baik", above: "baik" },
  below: { below: "sangat_kurang", as_expected: "butuh_perbaikan", above: "butuh_perbaikan" },
};

/** The predikat of a work-results rating and a work-behaviour rating. */
export function predikatOf(results: Rating, behaviour: Rating): Predikat {
  return MATRIX[results][behaviour];
}
