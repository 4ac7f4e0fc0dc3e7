// Routes of the SKP feature (Sasaran Kinerja Pegawai), by section:
// - `mine`, mounted at `/me/skp`: the caller's own plan of a year ("SKP Saya");
// - `team`, mounted at `/me/team`: the caller's direct reports and their plans ("Tim Saya");
// - `plan`, mounted at `/skp/:id`: one plan, for its owner, its rater and administrators.
// Who sees what is the API's decision: a plan the caller may not see is "not found".
import { useParams } from "react-router";
import i18n from "../../i18n";
import { registerSkpTexts } from "./i18n";
import { MySkpPage } from "./MySkpPage";
import { PlanPage } from "./PlanPage";
import { TeamPage } from "./TeamPage";

registerSkpTexts(i18n);

/** A fresh page per plan, so nothing of one lingers on the next. */
function Plan() {
  const { id = "" } = useParams();
  return <PlanPage key={id} id={id} />;
}

export type SkpSection = "mine" | "team" | "plan";

export default function SkpRoutes({ section }: { section: SkpSection }) {
  if (section === "team") return <TeamPage />;
  if (section === "plan") return <Plan />;
  return <MySkpPage />;
}
