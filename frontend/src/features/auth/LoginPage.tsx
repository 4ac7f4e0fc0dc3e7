// Sign-in: e-mail or NIP and password; clear messages for wrong passwords and locked accounts;
// afterwards back to the page that was asked for.
import { useState, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { setLanguage, type Language } from "../../i18n";
import { useSession } from "../../session/SessionProvider";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const { t, i18n } = useTranslation("auth");
  const { me, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const text = useProblemText();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get("next"));

  if (me) return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(text.problem(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <form className="login-card" onSubmit={submit} noValidate>
        <div className="login-lang">
          <select aria-label={t("common:header.language")} value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </div>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <TextField label={t("username")} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <Button type="submit" variant="primary" disabled={busy || !username || !password}>
          {busy ? t("submitting") : t("submit")}
        </Button>
      </form>
    </div>
  );
}
