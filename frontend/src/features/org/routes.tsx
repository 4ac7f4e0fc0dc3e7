// Routes of the org feature: agencies, the org-unit tree and positions.
import { AgenciesPage } from "./AgenciesPage";
import { PositionsPage } from "./PositionsPage";
import { UnitsPage } from "./UnitsPage";

export default function OrgRoutes({ section }: { section: "agencies" | "units" | "positions" }) {
  switch (section) {
    case "agencies":
      return <AgenciesPage />;
    case "units":
      return <UnitsPage />;
    case "positions":
      return <PositionsPage />;
  }
}
