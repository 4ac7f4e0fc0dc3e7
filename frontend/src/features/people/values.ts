// Runtime lists of the API's enum values, checked against the generated types: adding a value
// to the API makes these fail to compile until it is listed here too.
import type { Schemas } from "../../api/client";

export type Employee = Schemas["EmployeeResponse"];
export type EmployeeStatus = Schemas["EmployeeStatus"];
export type EmploymentType = Schemas["EmploymentType"];
export type PositionKind = Schemas["PositionKind"];

function valuesOf<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all) as T[];
}

export const EMPLOYEE_STATUSES = valuesOf<EmployeeStatus>({ active: true, leave: true, transferred: true, retired: true, inactive: true });
export const EMPLOYMENT_TYPES = valuesOf<EmploymentType>({ pns: true, pppk: true });
export const POSITION_KINDS = valuesOf<PositionKind>({
  jpt_madya: true,
  jpt_pratama: true,
  administrator: true,
  pengawas: true,
  pelaksana: true,
  fungsional: true,
});

/** Narrows `value` to one of `values`. */
export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return values.find((v) => v === value);
}

/** Where the pages of this feature live (it is mounted at `/employees`). */
export const paths = {
  list: "/employees",
  create: "/employees/new",
  detail: (id: string) => `/employees/${id}`,
  edit: (id: string) => `/employees/${id}/edit`,
  /** The employee's competency profile (the competency feature's page, linked by URL only). */
  competencyProfile: (id: string) => `/competencies/employees/${id}`,
  /** The employee's yearly performance ratings (the appraisal feature's page, linked by URL only). */
  appraisalHistory: (id: string) => `/employees/${id}/appraisal`,
};
