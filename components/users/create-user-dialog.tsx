"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/error-note";
import { Field, inputClass } from "@/components/ui/field";
import { ROLES } from "@/lib/auth/roles";
import { ApiError } from "@/lib/queries/fetcher";
import { keys } from "@/lib/queries/keys";
import { useAction } from "@/lib/queries/use-action";

const EMPTY = { email: "", name: "", role: "viewer", password: "" };

export function CreateUserDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const [form, setForm] = useState(EMPTY);
  const create = useAction("users.create", [keys.users()]);
  const issues = create.error instanceof ApiError ? (create.error.envelope.issues ?? []) : [];
  const fieldError = (f: string) => issues.find((i) => i.path === `input.${f}`)?.message;
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) {
          setForm(EMPTY);
          create.reset();
        }
        onOpenChange(o);
      }}
      title="New user"
      description="They sign in with this email and password. Share the password out of band."
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { input: { email: form.email, role: form.role, password: form.password, ...(form.name.trim() ? { name: form.name } : {}) } },
            {
              onSuccess: () => {
                toast.success(`${form.email} created`);
                setForm(EMPTY);
                onOpenChange(false);
              },
            },
          );
        }}
      >
        <Field id="new-email" label="Email" error={fieldError("email")}>
          <input id="new-email" type="email" className={inputClass} value={form.email} onChange={set("email")} autoFocus />
        </Field>
        <Field id="new-name" label="Name (optional)" error={fieldError("name")}>
          <input id="new-name" className={inputClass} value={form.name} onChange={set("name")} />
        </Field>
        <Field id="new-role" label="Role" error={fieldError("role")}>
          <select id="new-role" className={inputClass} value={form.role} onChange={set("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-password" label="Initial password" error={fieldError("password")} hint="At least 8 characters.">
          <input id="new-password" type="password" autoComplete="new-password" className={inputClass} value={form.password} onChange={set("password")} />
        </Field>
        {create.error && !issues.length ? <ErrorNote error={create.error} /> : null}
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create user"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
