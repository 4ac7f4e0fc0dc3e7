import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

export function Button({ variant = "secondary", className, type = "button", ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={`btn btn-${variant}${className ? ` ${className}` : ""}`} {...rest} />;
}

/** A button text naming its object for screen readers: "Ubah" is read "Ubah Dinas Kesehatan". */
export function Named({ label, name }: { label: string; name: string }) {
  return (
    <>
      {label} <span className="visually-hidden">{name}</span>
    </>
  );
}
