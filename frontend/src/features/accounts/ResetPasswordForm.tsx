// A new password set by an administrator; the account is signed out everywhere and unlocked.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useProblemText } from "../../ui/problemText";
import { useResetPassword, type User } from "./api";
import { FormProblem, MIN_PASSWORD, fieldErrorsOf, localError, type FieldErrors } from "./fields";

const SHOWN = ["password"] as const;

type Props = { user: User; onDone: () => void; onCancel: () => void };

export function ResetPasswordForm({ user, onDone, onCancel }: Props) {
  const { t } = useTranslation("accounts");
  const text = useProblemText();
  const reset = useResetPassword(user.id);
  const [password, setPassword] = useState("");
  const [local, setLocal] = useState<FieldErrors | null>(null);
  const errors = local ?? fieldErrorsOf(reset.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if ([...password].length < MIN_PASSWORD) {
      reset.reset();
      setLocal({ password: localError("password", password ? "password_too_short" : "required") });
      return;
    }
    setLocal(null);
    reset.mutate({ password }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormProblem error={reset.error} errors={errors} shown={SHOWN} />
      <p>{t("reset.intro", { email: user.email })}</p>
      <TextField
        label={t("form.newPassword")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint={t("form.passwordHint")}
        error={text.field(errors.password)}
      />
      <FormActions busy={reset.isPending} onCancel={onCancel} submitLabel={t("reset.submit")} />
    </form>
  );
}
