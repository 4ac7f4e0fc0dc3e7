// Routes of the accounts feature: users and roles.
export default function AccountsRoutes() {
  return <p>users</p>;
}
