import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CheckboxField, SelectField, TextField } from "./Field";

describe("fields", () => {
  it("mark optional fields, unless told not to (filters)", () => {
    render(
      <>
        <TextField label="Nama" name="name" required />
        <TextField label="Gelar" name="title" />
        <SelectField label="Status" name="status" optionalMarker={false}>
          <option value="">Semua</option>
        </SelectField>
      </>,
    );
    expect(screen.getByRole("textbox", { name: "Nama" })).toBeRequired();
    expect(screen.getByRole("textbox", { name: /^Gelar/ })).not.toBeRequired();
    // Only the optional text field says so; the filter's label is just its name.
    expect(screen.getAllByText(/opsional/)).toHaveLength(1);
    expect(screen.getByText(/opsional/).closest("label")).toHaveTextContent("Gelar (opsional)");
    expect(screen.getByRole("combobox", { name: "Status" })).toBeInTheDocument();
  });

  it("give a checkbox its hint, or its error announced in place of the hint", async () => {
    const onChange = vi.fn();
    const { rerender } = render(<CheckboxField label="Akun aktif" name="active" checked={false} onChange={onChange} hint="Akun nonaktif tidak dapat masuk." />);
    const box = screen.getByRole("checkbox", { name: "Akun aktif" });
    expect(box).toHaveAccessibleDescription("Akun nonaktif tidak dapat masuk.");
    expect(box).not.toHaveAttribute("aria-invalid");
    await userEvent.click(box);
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ target: box }));

    rerender(<CheckboxField label="Akun aktif" name="active" checked={false} onChange={onChange} hint="Akun nonaktif tidak dapat masuk." error="Tidak dapat menonaktifkan akun sendiri." />);
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(box).toHaveAccessibleDescription("Tidak dapat menonaktifkan akun sendiri.");
    expect(screen.getByRole("alert")).toHaveTextContent("Tidak dapat menonaktifkan akun sendiri.");
    expect(screen.queryByText("Akun nonaktif tidak dapat masuk.")).not.toBeInTheDocument();
  });
});
