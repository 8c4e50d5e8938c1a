import type { Metadata } from "next";
import { ApiTokens } from "@/components/users/api-tokens";
import { UsersTable } from "@/components/users/users-table";
import { denialReason } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor();
  const denied = denialReason(actor.role, "users.read");
  if (denied) {
    return (
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950">
        <h1 className="font-semibold">Users are managed by admins</h1>
        <p className="text-sm">{denied}</p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Users</h1>
        <p className="text-sm text-slate-600">
          Who can sign in, and with which role: viewer &lt; sre &lt; lead &lt; admin. Every change is audited.
        </p>
      </div>
      <UsersTable currentEmail={actor.email} />
      <ApiTokens />
    </div>
  );
}
