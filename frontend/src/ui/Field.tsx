// Labelled form controls that show their error beside them and announce it to screen readers.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

type Common = { label: string; error?: string | undefined; hint?: string; required?: boolean };

function Frame({ id, label, error, hint, required, children }: Common & { id: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req" aria-hidden="true"> *</span> : <span className="opt"> ({t("form.optional")})</span>}
      </label>
      {children}
      {hint && !error ? <p id={`${id}-hint`} className="hint">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export function TextField({ label, error, hint, required, name, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = `${useId()}-${name ?? "f"}`;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required}>
      <input id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest} />
    </Frame>
  );
}

export function SelectField({ label, error, hint, required, name, children, ...rest }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = `${useId()}-${name ?? "f"}`;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required}>
      <select id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest}>
        {children}
      </select>
    </Frame>
  );
}
