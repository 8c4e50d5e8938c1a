import { Flame } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ActorProvider } from "@/components/shell/actor-context";
import { EnvBadge } from "@/components/shell/env-badge";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { can } from "@/lib/auth/policy";
import { getActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { kube } from "@/lib/ops/kube/client";

// Every console page depends on who is asking and on live state: never prerendered.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect("/signin");

  const links = [
    { href: "/", label: "Overview" },
    ...(kube() ? [{ href: "/cluster", label: "Cluster" }] : []),
    { href: "/runbooks", label: "Runbooks" },
    { href: "/deployments", label: "Deployments" },
    { href: "/audit", label: "Audit" },
    ...(can(actor.role, "users.read") ? [{ href: "/users", label: "Users" }] : []),
  ];

  return (
    <ActorProvider actor={{ email: actor.email, name: actor.name, role: actor.role }}>
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-6 px-4">
          <Link href="/" className="flex items-center gap-2 font-semibold">
            <Flame className="size-5 text-orange-400" aria-hidden />
            Phoenix Ops
          </Link>
          <EnvBadge environment={env().phoenixEnv} />
          <NavLinks links={links} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-300">
              <span className="sr-only">Signed in as </span>
              <span data-testid="current-user">{actor.email}</span>
            </span>
            <span data-testid="current-role" className="rounded bg-slate-700 px-1.5 py-0.5 text-xs font-medium uppercase">
              {actor.role}
            </span>
            <SignOutButton />
          </div>
        </div>
        {actor.stale ? (
          <p role="status" className="bg-amber-300 px-4 py-1 text-center text-sm text-amber-950">
            The console store is unreachable: showing what needs no store; every change is refused until it is back.
          </p>
        ) : null}
      </header>
      <main className="mx-auto max-w-screen-2xl px-4 py-6">{children}</main>
    </ActorProvider>
  );
}
