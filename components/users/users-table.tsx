"use client";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ROLES, type Role } from "@/lib/auth/roles";
import { keys } from "@/lib/queries/keys";
import { useAction } from "@/lib/queries/use-action";
import { useUsers } from "@/lib/queries/use-users";
import { CreateUserDialog } from "./create-user-dialog";
import { PanelError, TableHead } from "@/components/ui/panel";

export function UsersTable({ currentEmail }: { currentEmail: string }) {
  const users = useUsers();
  const setRole = useAction("users.set-role", [keys.users()]);
  const enable = useAction("users.enable", [keys.users()]);
  const [creating, setCreating] = useState(false);
  const [disabling, setDisabling] = useState<{ email: string } | null>(null);

  const changeRole = (email: string, role: Role) =>
    setRole.mutate({ input: { email, role } }, { onSuccess: () => toast.success(`${email} is now ${role}`), onError: (e) => toast.error(e.message) });

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">{users.data ? `${users.data.length} users` : "Users"}</h2>
        <Button variant="primary" size="sm" className="ml-auto" onClick={() => setCreating(true)}>
          <UserPlus className="size-4" aria-hidden /> New user
        </Button>
      </header>
      <PanelError error={users.error} title="Users could not be loaded" />
      <table className="w-full text-sm" aria-label="Users">
        <TableHead columns={[{ label: "Email" }, { label: "Name" }, { label: "Role" }, { label: "Status" }, { label: "Created" }, { label: "Actions", hidden: true }]} />
        <tbody className="divide-y divide-slate-100">
          {users.data?.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.email}`} className={u.disabled ? "text-slate-400" : undefined}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                {u.email}
                {u.email === currentEmail ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
              </th>
              <td className="px-4 py-2">{u.name ?? "—"}</td>
              <td className="px-4 py-2">
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  disabled={setRole.isPending}
                  onChange={(e) => changeRole(u.email, e.target.value as Role)}
                  className="rounded border border-slate-300 bg-white px-1.5 py-1 text-sm"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </td>
              <td className="px-4 py-2">{u.disabled ? <Badge tone="down">disabled</Badge> : <Badge tone="ok">active</Badge>}</td>
              <td className="px-4 py-2 text-slate-600">{new Date(u.createdAt).toLocaleDateString()}</td>
              <td className="px-4 py-2 text-right">
                {u.disabled ? (
                  <Button
                    size="sm"
                    onClick={() =>
                      enable.mutate({ input: { email: u.email } }, { onSuccess: () => toast.success(`${u.email} enabled`), onError: (e) => toast.error(e.message) })
                    }
                  >
                    Enable
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-red-700"
                    disabledReason={u.email === currentEmail ? "You cannot disable yourself." : null}
                    onClick={() => setDisabling({ email: u.email })}
                  >
                    Disable…
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateUserDialog open={creating} onOpenChange={setCreating} />
      <ConfirmActionDialog
        actionId="users.disable"
        title={`Disable ${disabling?.email ?? ""}`}
        input={disabling}
        open={disabling !== null}
        onOpenChange={(o) => !o && setDisabling(null)}
        invalidates={[keys.users()]}
        confirmLabel="Disable user"
      />
    </div>
  );
}
