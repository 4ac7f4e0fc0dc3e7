// The public check of a certificate (/c/:code, printed on every certificate as a link and a QR
// code): anyone — an employer, an auditor — sees whether the code was issued and to whom (the NIP
// masked), for which programme and session, when, for how many JP and by which agency. Outside the
// signed-in shell and lazy-loaded on its own; a code can also be typed in (/c).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../api/problem";
import { formatDate, formatNumber } from "../../i18n/format";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { PublicPage } from "../../ui/PublicPage";
import { ErrorState, Loading } from "../../ui/States";
import { usePublicCertificate, type Certificate } from "./api";
import { paths } from "./paths";
import { dateRange } from "./shared";

/** No certificate has this code (or it cannot be one). */
const isUnknown = (err: unknown) => err instanceof ApiProblem && (err.status === 404 || err.status === 422);

/** The routes `/c/:code` and `/c`: a fresh page per code. */
export default function CertificateRoute() {
  const { code = "" } = useParams();
  return (
    <PublicPage>
      <CertificateCheck key={code} code={code.trim()} />
    </PublicPage>
  );
}

function Valid({ c }: { c: Certificate }) {
  const { t, i18n } = useTranslation("learning");
  const lng = i18n.language;
  return (
    <section className="panel certificate-valid" aria-labelledby="certificate-result">
      <h2 id="certificate-result" tabIndex={-1}>
        <span aria-hidden="true">✓ </span>
        {t("verify.valid")}
      </h2>
      <p>{t("verify.validText")}</p>
      <dl className="props">
        <dt>{t("verify.name")}</dt>
        <dd>{c.employee_name}</dd>
        <dt>{t("verify.nip")}</dt>
        <dd>{c.nip}</dd>
        <dt>{t("verify.programme")}</dt>
        <dd>{c.programme_title}</dd>
        <dt>{t("verify.session")}</dt>
        <dd>{c.session_name}</dd>
        <dt>{t("verify.dates")}</dt>
        <dd>{c.start_date ? dateRange(c.start_date, c.completed_on, lng, "—") : formatDate(c.completed_on, lng)}</dd>
        <dt>{t("verify.completedOn")}</dt>
        <dd>{formatDate(c.completed_on, lng)}</dd>
        <dt>{t("verify.jp")}</dt>
        <dd>{t("verify.jpValue", { n: formatNumber(c.jp, lng) })}</dd>
        <dt>{t("verify.agency")}</dt>
        <dd>{c.agency_name}</dd>
        <dt>{t("verify.code")}</dt>
        <dd>
          <code>{c.code}</code>
        </dd>
      </dl>
    </section>
  );
}

function CertificateCheck({ code }: { code: string }) {
  const { t } = useTranslation("learning");
  const navigate = useNavigate();
  const certificate = usePublicCertificate(code);
  const [typed, setTyped] = useState(code);
  const [missing, setMissing] = useState(false);
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.title;
    document.title = `${t("verify.title")} · ${t("common:appName")}`;
    return () => {
      document.title = before;
    };
  }, [t]);
  // The answer is read out when it comes.
  useEffect(() => {
    if (certificate.isSuccess || certificate.isError) result.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [certificate.isSuccess, certificate.isError]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = typed.trim();
    if (!c) {
      setMissing(true);
      return;
    }
    setMissing(false);
    navigate(paths.certificate(c));
  }

  return (
    <>
      <h1>{t("verify.title")}</h1>
      <p>{t("verify.intro")}</p>
      <div ref={result} className="certificate-result">
        {code === "" ? null : certificate.isPending ? (
          <Loading />
        ) : certificate.isError ? (
          isUnknown(certificate.error) ? (
            <section className="panel certificate-unknown" aria-labelledby="certificate-result">
              <h2 id="certificate-result" tabIndex={-1}>
                {t("verify.notFound")}
              </h2>
              <p>{t("verify.notFoundText", { code })}</p>
            </section>
          ) : (
            <ErrorState error={certificate.error} onRetry={() => void certificate.refetch()} />
          )
        ) : (
          <Valid c={certificate.data} />
        )}
      </div>
      <form onSubmit={submit} noValidate className="panel verify-form" aria-label={t("verify.formTitle")}>
        <h2>{t("verify.formTitle")}</h2>
        <TextField
          label={t("verify.codeLabel")}
          name="code"
          required
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="PBN-XXXX-XXXX"
          hint={t("verify.codeHint")}
          error={missing ? t("errors:field.required") : undefined}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary">
            {t("verify.check")}
          </Button>
        </div>
      </form>
    </>
  );
}
