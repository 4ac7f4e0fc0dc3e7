// Continuous feedback (umpan balik berkelanjutan): the rater's notes on a result or on the plan,
// newest first, and the box the rater writes them in while the plan runs.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { Button } from "../../ui/Button";
import { TextAreaField } from "../../ui/Field";
import { useFormErrors } from "../../ui/formErrors";
import { Notice } from "../../ui/States";
import { useAddFeedback, type Feedback, type Plan } from "./api";

const MAX_TEXT = 2000;

/** The API keeps feedback oldest first; people read the newest first. */
export function newestFirst(items: readonly Feedback[]): Feedback[] {
  return [...items].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
}

type ListProps = { items: readonly Feedback[]; label: string; authorName: (employeeId: string) => string };

export function FeedbackList({ items, label, authorName }: ListProps) {
  const { t, i18n } = useTranslation("skp");
  if (items.length === 0) return <p className="muted small">{t("feedback.none")}</p>;
  return (
    <ol className="feedback-list" aria-label={label}>
      {newestFirst(items).map((f) => (
        <li key={f.id}>
          <p className="pre-line">{f.text}</p>
          <p className="muted small">
            {authorName(f.author_employee_id)} · <time dateTime={f.created_at}>{formatDateTime(f.created_at, i18n.language)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}

type BoxProps = { plan: Pick<Plan, "id" | "year">; resultId: string | null; label: string };

/** The rater's box for new feedback on a result (`resultId`) or on the plan as a whole. */
export function FeedbackBox({ plan, resultId, label }: BoxProps) {
  const { t } = useTranslation("skp");
  const [text, setText] = useState("");
  const [sent, setSent] = useState(false);
  const errors = useFormErrors((f) => (f === "text" ? "text" : null));
  const add = useAddFeedback(plan);
  const id = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    if (!errors.requireFilled({ text })) return;
    add.mutate(
      { text: text.trim(), resultId },
      {
        onSuccess: () => {
          setText("");
          setSent(true);
          errors.clear();
        },
        onError: (err) => errors.fail(err),
      },
    );
  }

  return (
    <form className="feedback-box" onSubmit={submit} noValidate aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="visually-hidden">
        {label}
      </span>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      <TextAreaField
        label={t("feedback.new")}
        name="text"
        required
        rows={2}
        maxLength={MAX_TEXT}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setSent(false);
        }}
        error={errors.at("text")}
      />
      <div className="form-actions">
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? t("feedback.sending") : t("feedback.send")}
        </Button>
        {sent ? (
          <span role="status" className="muted small">
            {t("feedback.sent")}
          </span>
        ) : null}
      </div>
    </form>
  );
}
