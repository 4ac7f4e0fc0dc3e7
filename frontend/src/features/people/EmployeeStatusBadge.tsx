import { useTranslation } from "react-i18next";
import { Badge } from "../../ui/Badge";
import type { EmployeeStatus } from "./values";

/** An employee's status; only "active" and "inactive" are coloured (leave, transfer, retirement are plain). */
export function EmployeeStatusBadge({ status }: { status: EmployeeStatus }) {
  const { t } = useTranslation("enums");
  return <Badge tone={status === "active" || status === "inactive" ? status : undefined}>{t(`employeeStatus.${status}`)}</Badge>;
}
