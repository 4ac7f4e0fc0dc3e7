// Routes of the people feature: employee list, detail and forms.
export default function PeopleRoutes() {
  return <p>employees</p>;
}
