// Labelled form controls that show their error beside them and announce it to screen readers.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

type Common = {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  /** Whether a field that is not required says "(opsional)"; filter bars turn it off. */
  optionalMarker?: boolean;
};

/** The id a control's `aria-describedby` names: its error, else its hint. */
export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

/** The hint (while there is no error) or the error of the control `id`, with the ids `describedBy` names. */
export function FieldMessages({ id, error, hint }: { id: string; error?: string | undefined; hint?: string | undefined }) {
  return (
    <>
      {hint && !error ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

function Frame({ id, label, error, hint, required, optionalMarker = true, children }: Common & { id: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req" aria-hidden="true"> *</span> : optionalMarker ? <span className="opt"> ({t("form.optional")})</span> : null}
      </label>
      {children}
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextField({ label, error, hint, required, optionalMarker, name, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = `${useId()}-${name ?? "f"}`;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required} optionalMarker={optionalMarker}>
      <input id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest} />
    </Frame>
  );
}

export function SelectField({ label, error, hint, required, optionalMarker, name, children, ...rest }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = `${useId()}-${name ?? "f"}`;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required} optionalMarker={optionalMarker}>
      <select id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest}>
        {children}
      </select>
    </Frame>
  );
}

export function TextAreaField({ label, error, hint, required, optionalMarker, name, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = `${useId()}-${name ?? "t"}`;
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required} optionalMarker={optionalMarker}>
      <textarea id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest} />
    </Frame>
  );
}

type CheckboxProps = { label: string; error?: string | undefined; hint?: string | undefined } & Omit<InputHTMLAttributes<HTMLInputElement>, "type">;

/** One checkbox with its label after it, and its hint or error below like TextField's. */
export function CheckboxField({ label, error, hint, name, ...rest }: CheckboxProps) {
  const id = `${useId()}-${name ?? "c"}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label className="inline" htmlFor={id}>
        <input id={id} type="checkbox" name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest} />
        {label}
      </label>
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}
