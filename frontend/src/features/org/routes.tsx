// Routes of the org feature: agencies, the org-unit tree and positions.
export default function OrgRoutes({ section }: { section: "agencies" | "units" | "positions" }) {
  return <p>{section}</p>;
}
