import { useTranslation } from "react-i18next";
import type { EmployeeStatus } from "./values";

const CLASS: Partial<Record<EmployeeStatus, string>> = { active: " badge-active", inactive: " badge-inactive" };

export function StatusBadge({ status }: { status: EmployeeStatus }) {
  const { t } = useTranslation("enums");
  return <span className={`badge${CLASS[status] ?? ""}`}>{t(`employeeStatus.${status}`)}</span>;
}
