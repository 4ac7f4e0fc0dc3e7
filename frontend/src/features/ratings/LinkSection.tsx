// Tautan & QR: a unit's rating link for citizens — the URL with a copy button, its QR code
// (fetched with the session's token, shown from the SVG text), downloads of the code and the A4
// poster, and replacing the link, which voids every code printed before.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { ErrorState, Loading, Notice } from "../../ui/States";
import { useProblemText } from "../../ui/problemText";
import { useDownloadRatingFile, useRatingLink, useRatingQrSvg, useRotateRatingLink, type QrFormat, type RatingLink } from "./api";

/** The SVG text as an image source: an <img> never runs what an SVG might carry. */
export const svgSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

function QrImage({ link }: { link: RatingLink }) {
  const { t } = useTranslation("ratings");
  const qr = useRatingQrSvg(link.org_unit_id, link.version);
  if (qr.isPending) return <Loading />;
  if (qr.isError) return <ErrorState error={qr.error} onRetry={() => void qr.refetch()} />;
  return <img className="rating-qr" src={svgSource(qr.data)} alt={t("link.qrAlt", { code: link.code })} width={220} height={220} />;
}

function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation("ratings");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <>
      <Button onClick={() => void copy()}>{t("link.copy")}</Button>
      <span aria-live="polite">{state === "copied" ? t("link.copied") : state === "failed" ? t("link.copyFailed") : null}</span>
    </>
  );
}

export function LinkSection({ unitId }: { unitId: string }) {
  const { t } = useTranslation("ratings");
  const text = useProblemText();
  const link = useRatingLink(unitId);
  const download = useDownloadRatingFile();
  const rotate = useRotateRatingLink();
  const [confirming, setConfirming] = useState(false);
  const [rotated, setRotated] = useState(false);
  const [busy, setBusy] = useState<QrFormat | "poster" | null>(null);
  if (link.isPending) return <Loading />;
  if (link.isError) return <ErrorState error={link.error} onRetry={() => void link.refetch()} />;
  const l = link.data;
  const save = (file: QrFormat | "poster") => {
    setBusy(file);
    download.mutate({ unitId, code: l.code, file }, { onSettled: () => setBusy(null) });
  };
  return (
    <section className="panel" aria-labelledby="rating-link-title">
      <h2 id="rating-link-title">{t("link.title")}</h2>
      <p className="muted">{t("link.intro")}</p>
      <div className="rating-link">
        <QrImage link={l} />
        <div>
          <p>
            <span className="card-label">{t("link.url")}</span>
            <br />
            <a href={l.url} target="_blank" rel="noopener noreferrer" data-testid="rating-url">
              {l.url}
            </a>
          </p>
          <p className="form-actions">
            <CopyButton text={l.url} />
          </p>
          <p className="muted small">{t("link.version", { version: l.version })}</p>
          <p className="form-actions">
            <Button onClick={() => save("png")} disabled={busy !== null}>
              {busy === "png" ? t("link.downloading") : t("link.png")}
            </Button>
            <Button onClick={() => save("svg")} disabled={busy !== null}>
              {busy === "svg" ? t("link.downloading") : t("link.svg")}
            </Button>
            <Button variant="primary" onClick={() => save("poster")} disabled={busy !== null}>
              {busy === "poster" ? t("link.downloading") : t("link.poster")}
            </Button>
          </p>
          {download.isError ? <Notice kind="error">{text.problem(download.error)}</Notice> : null}
          <p className="form-actions">
            <Button
              variant="danger"
              onClick={() => {
                rotate.reset();
                setRotated(false);
                setConfirming(true);
              }}
            >
              {t("link.rotate")}
            </Button>
          </p>
          <div aria-live="polite">{rotated ? <Notice kind="success">{t("link.rotated")}</Notice> : null}</div>
        </div>
      </div>
      <Dialog open={confirming} title={t("link.rotateTitle")} onClose={() => setConfirming(false)}>
        <p>{t("link.rotateWarning")}</p>
        {rotate.isError ? <Notice kind="error">{text.problem(rotate.error)}</Notice> : null}
        <div className="form-actions">
          <Button onClick={() => setConfirming(false)}>{t("common:actions.cancel")}</Button>
          <Button
            variant="danger"
            disabled={rotate.isPending}
            onClick={() =>
              rotate.mutate(unitId, {
                onSuccess: () => {
                  setConfirming(false);
                  setRotated(true);
                },
              })
            }
          >
            {rotate.isPending ? t("link.rotating") : t("link.rotateConfirm")}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
