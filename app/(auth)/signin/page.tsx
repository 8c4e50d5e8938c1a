import { Flame } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/shell/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { getActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { DEMO_USERS } from "@/lib/users/seed-demo-users";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  if (await getActor()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  const e = env();
  // Only paths on this console: an open redirect would send a signed-in user to another site.
  const next = safeCallbackPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-start justify-center bg-slate-900 px-4 pt-24">
      <div className="w-full max-w-sm rounded-lg bg-white p-6 shadow-xl">
        <div className="mb-5 flex items-center gap-2">
          <Flame className="size-6 text-orange-500" aria-hidden />
          <h1 className="text-lg font-semibold">Phoenix Ops Console</h1>
        </div>
        <SignInForm
          callbackUrl={next}
          initialError={error ? "Sign-in failed." : undefined}
          oidc={e.oidcEnabled ? { id: "oidc", name: e.OIDC_NAME } : undefined}
          demo={e.demoUsers ? { users: DEMO_USERS.map((u) => ({ email: u.email, role: u.role })), password: e.DEMO_PASSWORD } : undefined}
        />
      </div>
    </main>
  );
}
