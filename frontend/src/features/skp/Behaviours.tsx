// Perilaku kerja: the seven BerAKHLAK core values in the official order, each with the leader's
// specific expectation (ekspektasi khusus pimpinan) or none. While the plan is a draft its owner
// and its rater may change them; all seven are sent at once, blank ones as none, and errors show
// at their values' rows.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button";
import { TextAreaField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useFormErrors } from "../../ui/formErrors";
import { Notice } from "../../ui/States";
import { BEHAVIOUR_VALUES, usePutBehaviours, type BehaviourValue, type Plan } from "./api";
import { useOwnTexts, type Viewer } from "./shared";

const MAX_EXPECTATION = 2000;

/** Where an API field's error shows: `expectations[2].expectation` (sent in the official order) at that value's row. */
export function placeBehaviourError(field: string): string | null {
  const m = /^expectations\[(\d+)\]\.(value|expectation)$/.exec(field);
  const value = m ? BEHAVIOUR_VALUES[Number(m[1])] : undefined;
  return value ?? null;
}

/** Each value's expectation, "" for none. */
function expectationsOf(plan: Plan): Record<BehaviourValue, string> {
  const out = Object.fromEntries(BEHAVIOUR_VALUES.map((v) => [v, ""])) as Record<BehaviourValue, string>;
  for (const b of plan.behaviours) out[b.value] = b.expectation ?? "";
  return out;
}

function BehavioursEditor({ plan, viewer, onSaved, onCancel }: { plan: Plan; viewer: Viewer; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation("skp");
  const [texts, setTexts] = useState(() => expectationsOf(plan));
  const errors = useFormErrors(placeBehaviourError);
  const own = useOwnTexts();
  const put = usePutBehaviours(plan, viewer === "owner");

  function submit(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    put.mutate(
      BEHAVIOUR_VALUES.map((value) => ({ value, expectation: texts[value].trim() || null })),
      { onSuccess: onSaved, onError: (err) => errors.fail(own(err)) },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("behaviours.editTitle")}>
      <p className="muted">{t("behaviours.editIntro")}</p>
      {errors.general ? <Notice kind="error">{errors.general}</Notice> : null}
      {BEHAVIOUR_VALUES.map((v) => (
        <TextAreaField
          key={v}
          label={t(`behaviour.${v}`)}
          name={`expectation-${v}`}
          rows={2}
          maxLength={MAX_EXPECTATION}
          value={texts[v]}
          onChange={(e) => setTexts((ts) => ({ ...ts, [v]: e.target.value }))}
          error={errors.at(v)}
        />
      ))}
      <FormActions busy={put.isPending} onCancel={onCancel} submitLabel={t("behaviours.save")} />
    </form>
  );
}

export function BehavioursSection({ plan, viewer, onSaved }: { plan: Plan; viewer: Viewer; onSaved: (text: string) => void }) {
  const { t } = useTranslation("skp");
  const [editing, setEditing] = useState(false);
  const texts = expectationsOf(plan);
  return (
    <section className="panel" aria-labelledby="skp-behaviours">
      <div className="page-header skp-panel-header">
        <h2 id="skp-behaviours">{t("behaviours.title")}</h2>
        {plan.may_edit && !editing ? (
          <div className="page-actions">
            <Button onClick={() => setEditing(true)}>{t("behaviours.edit")}</Button>
          </div>
        ) : null}
      </div>
      {editing && plan.may_edit ? (
        <BehavioursEditor
          plan={plan}
          viewer={viewer}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onSaved(t("behaviours.saved"));
          }}
        />
      ) : (
        <div className="table-wrap">
          <table className="skp-behaviours">
            <caption className="visually-hidden">{t("behaviours.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("behaviours.value")}</th>
                <th scope="col">{t("behaviours.expectation")}</th>
              </tr>
            </thead>
            <tbody>
              {BEHAVIOUR_VALUES.map((v) => (
                <tr key={v}>
                  <th scope="row">{t(`behaviour.${v}`)}</th>
                  <td className="pre-line">{texts[v] || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
