"use client";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { TOO_MANY_ATTEMPTS } from "@/lib/auth/sign-in-errors";

type Demo = { users: { email: string; role: string }[]; password: string };

export function SignInForm({
  callbackUrl,
  initialError,
  oidc,
  demo,
}: {
  callbackUrl: string;
  initialError?: string;
  oidc?: { id: string; name: string };
  demo?: Demo;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(undefined);
    const res = await signIn("credentials", { email, password, redirect: false, callbackUrl });
    if (res?.ok && !res.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(
      res?.error === TOO_MANY_ATTEMPTS
        ? "Too many failed attempts for this email from here. Try again in 15 minutes, or ask an admin."
        : "Wrong email or password, or the account is disabled.",
    );
  }

  return (
    <div className="space-y-5">
      <form onSubmit={submit} className="space-y-3" noValidate>
        <Field id="email" label="Email">
          <input id="email" type="email" autoComplete="username" required autoFocus className={inputClass} value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field id="password" label="Password">
          <input id="password" type="password" autoComplete="current-password" required className={inputClass} value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <Button type="submit" variant="primary" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidc ? (
        <Button className="w-full" onClick={() => void signIn(oidc.id, { callbackUrl })}>
          Sign in with {oidc.name}
        </Button>
      ) : null}
      {demo ? (
        <section aria-labelledby="demo-users" className="rounded-md border border-dashed border-slate-300 bg-slate-50 p-3">
          <h2 id="demo-users" className="text-sm font-medium">
            Demo users (development only)
          </h2>
          <p className="mb-2 text-xs text-slate-600">
            Password <code className="rounded bg-white px-1">{demo.password}</code>. Click one to fill the form.
          </p>
          <ul className="grid grid-cols-2 gap-1.5">
            {demo.users.map((u) => (
              <li key={u.email}>
                <button
                  type="button"
                  className="w-full rounded border border-slate-200 bg-white px-2 py-1 text-left text-xs hover:border-sky-500"
                  onClick={() => {
                    setEmail(u.email);
                    setPassword(demo.password);
                  }}
                >
                  <span className="block font-medium">{u.role}</span>
                  <span className="text-slate-500">{u.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
