// The employee form's values (all strings, as the inputs hold them) and the request bodies
// made from them: a whole record to create, only the changed fields to update.
import type { ProblemField } from "../../api/problem";
import type { CreateEmployee, UpdateEmployee } from "./api";
import type { Employee, EmployeeStatus, EmploymentType } from "./values";

export type FormValues = {
  nip: string;
  employment_type: EmploymentType;
  name: string;
  title_prefix: string;
  title_suffix: string;
  rank: string;
  agency_id: string;
  org_unit_id: string;
  position_id: string;
  supervisor_id: string;
  email: string;
  phone: string;
  status: EmployeeStatus;
};

export function formValues(e: Employee | undefined, agencyId: string | null): FormValues {
  return {
    nip: e?.nip ?? "",
    employment_type: e?.employment_type ?? "pns",
    name: e?.name ?? "",
    title_prefix: e?.title_prefix ?? "",
    title_suffix: e?.title_suffix ?? "",
    rank: e?.rank ?? "",
    agency_id: e?.agency_id ?? agencyId ?? "",
    org_unit_id: e?.org_unit_id ?? "",
    position_id: e?.position_id ?? "",
    supervisor_id: e?.supervisor_id ?? "",
    email: e?.email ?? "",
    phone: e?.phone ?? "",
    status: e?.status ?? "active",
  };
}

const required = (field: string): ProblemField => ({ field, code: "required", message: "is required" });

/** Fields the API needs that are still empty, as the API itself would report them. */
export function missing(v: FormValues, needsAgency: boolean): ProblemField[] {
  const fields: (keyof FormValues)[] = ["nip", "name", "org_unit_id"];
  if (needsAgency) fields.unshift("agency_id");
  return fields.filter((f) => v[f].trim() === "").map(required);
}

/** A trimmed text, or null when empty. */
const text = (s: string): string | null => s.trim() || null;

export function createBody(v: FormValues, agencyIdToSend: string | null): CreateEmployee {
  return {
    nip: v.nip.trim(),
    employment_type: v.employment_type,
    name: v.name.trim(),
    title_prefix: text(v.title_prefix),
    title_suffix: text(v.title_suffix),
    rank: text(v.rank),
    org_unit_id: v.org_unit_id,
    position_id: text(v.position_id),
    supervisor_id: text(v.supervisor_id),
    email: text(v.email),
    phone: text(v.phone),
    ...(agencyIdToSend ? { agency_id: agencyIdToSend } : {}),
  };
}

/** Only what changed; optional fields that were emptied are sent as null (cleared). */
export function patchBody(before: FormValues, after: FormValues): UpdateEmployee {
  const changed = (k: keyof FormValues) => before[k].trim() !== after[k].trim();
  const body: UpdateEmployee = {};
  if (changed("nip")) body.nip = after.nip.trim();
  if (changed("employment_type")) body.employment_type = after.employment_type;
  if (changed("name")) body.name = after.name.trim();
  if (changed("title_prefix")) body.title_prefix = text(after.title_prefix);
  if (changed("title_suffix")) body.title_suffix = text(after.title_suffix);
  if (changed("rank")) body.rank = text(after.rank);
  if (changed("org_unit_id")) body.org_unit_id = after.org_unit_id;
  if (changed("position_id")) body.position_id = text(after.position_id);
  if (changed("supervisor_id")) body.supervisor_id = text(after.supervisor_id);
  if (changed("email")) body.email = text(after.email);
  if (changed("phone")) body.phone = text(after.phone);
  if (changed("status")) body.status = after.status;
  return body;
}
