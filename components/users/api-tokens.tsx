"use client";
import { useQuery } from "@tanstack/react-query";
import { Copy, KeyRound } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/error-note";
import { Field, inputClass } from "@/components/ui/field";
import { EmptyRow, PanelError, TableHead } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ActionResponse } from "@/lib/actions/run-action";
import type { TokenView } from "@/lib/tokens/api-tokens";
import { ApiError, fetcher } from "@/lib/queries/fetcher";
import { keys } from "@/lib/queries/keys";
import { useAction } from "@/lib/queries/use-action";

const STATE_TONE = { active: "ok", expired: "neutral", revoked: "down" } as const;

/** Service identities (CI) and their API tokens: issue one (shown once), see when each was used, revoke. */
export function ApiTokens() {
  const list = useQuery({ queryKey: keys.tokens(), queryFn: ({ signal }) => fetcher<{ tokens: TokenView[] }>("/api/tokens", { signal }) });
  const issue = useAction("tokens.issue", [keys.tokens()]);
  const revoke = useAction("tokens.revoke", [keys.tokens()]);
  const [form, setForm] = useState({ name: "", role: "sre", expiresInDays: "90" });
  const [shown, setShown] = useState<(TokenView & { token: string }) | null>(null);
  const issues = issue.error instanceof ApiError ? (issue.error.envelope.issues ?? []) : [];
  const fieldError = (f: string) => issues.find((i) => i.path === `input.${f}`)?.message;

  return (
    <section aria-labelledby="tokens" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="tokens" className="font-semibold">
          Service identities (API tokens)
        </h2>
        <p className="text-sm text-slate-600">
          For automation such as CI: <code className="text-xs">Authorization: Bearer phx_…</code>. A token acts with its role under <code className="text-xs">svc:&lt;name&gt;</code>, every use is
          audited, and it can never approve a deployment.
        </p>
      </div>
      <form
        aria-label="Issue an API token"
        className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3"
        onSubmit={(e) => {
          e.preventDefault();
          issue.mutate(
            { input: { name: form.name, role: form.role, expiresInDays: Number(form.expiresInDays) } },
            {
              onSuccess: (res) => {
                if ((res as ActionResponse).status === "done") setShown((res as Extract<ActionResponse, { status: "done" }>).result as TokenView & { token: string });
                setForm((f) => ({ ...f, name: "" }));
              },
            },
          );
        }}
      >
        <Field id="token-name" label="Service identity" error={fieldError("name")}>
          <input id="token-name" className={`${inputClass} font-mono`} placeholder="github-ci" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field id="token-role" label="Role" error={fieldError("role")}>
          <select id="token-role" className={inputClass} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            <option>viewer</option>
            <option>sre</option>
            <option>lead</option>
          </select>
        </Field>
        <Field id="token-days" label="Expires after (days)" error={fieldError("expiresInDays")}>
          <input id="token-days" type="number" min={1} max={365} className={`${inputClass} w-28`} value={form.expiresInDays} onChange={(e) => setForm({ ...form, expiresInDays: e.target.value })} />
        </Field>
        <Button type="submit" variant="primary" disabled={issue.isPending || !form.name}>
          <KeyRound className="size-4" aria-hidden /> Issue token
        </Button>
        <div className="w-full">
          <ErrorNote error={issue.error && !issues.length ? issue.error : null} title="The token was not issued" />
        </div>
      </form>
      <PanelError error={list.error} title="API tokens could not be listed" />
      <ErrorNote error={revoke.error} title="The token was not revoked" />
      <table className="w-full text-sm" aria-label="API tokens">
        <TableHead columns={[{ label: "Identity" }, { label: "Role" }, { label: "Token" }, { label: "Issued" }, { label: "Expires" }, { label: "Last used" }, { label: "State" }, { label: "" }]} />
        <tbody className="divide-y divide-slate-100">
          {list.data?.tokens.map((t) => (
            <tr key={t.id} data-testid={`token-${t.name}`} data-state={t.state}>
              <td className="px-4 py-2 font-mono text-xs">{t.actor}</td>
              <td className="px-4 py-2">{t.role}</td>
              <td className="px-4 py-2 font-mono text-xs">{t.prefix}…</td>
              <td className="px-4 py-2 text-slate-600">
                {t.createdBy} <RelativeTime iso={t.createdAt} />
              </td>
              <td className="px-4 py-2 text-slate-600">
                <RelativeTime iso={t.expiresAt} />
              </td>
              <td className="px-4 py-2 text-slate-600">{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : "never"}</td>
              <td className="px-4 py-2">
                <Badge tone={STATE_TONE[t.state]}>{t.state}</Badge>
              </td>
              <td className="px-4 py-2 text-right">
                {t.state === "active" ? (
                  <Button size="sm" disabled={revoke.isPending} onClick={() => revoke.mutate({ input: { id: t.id } })}>
                    Revoke
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
          {list.data && !list.data.tokens.length ? <EmptyRow colSpan={8}>No API tokens issued.</EmptyRow> : null}
        </tbody>
      </table>
      <Dialog open={!!shown} onOpenChange={(o) => !o && setShown(null)} title={`API token for ${shown?.actor ?? ""}`} description="Copy it now: it is shown this once and only its hash is kept.">
        {shown ? (
          <div className="space-y-3">
            <div className="flex items-center gap-2">
              <code data-testid="new-token" className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1.5 font-mono text-xs">
                {shown.token}
              </code>
              <Button size="sm" onClick={() => void navigator.clipboard?.writeText(shown.token)} aria-label="Copy the token">
                <Copy className="size-4" aria-hidden />
              </Button>
            </div>
            <p className="text-xs text-slate-600">Role {shown.role}; expires <RelativeTime iso={shown.expiresAt} />. For example:</p>
            <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{`curl -H "Authorization: Bearer $PHOENIX_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"version":"v2.4.1","environment":"staging","services":["api"],"description":"from CI","ciUrl":"https://ci/run/1"}' \\
  ${typeof window === "undefined" ? "" : window.location.origin}/api/deployments`}</pre>
            <div className="flex justify-end">
              <Button variant="primary" onClick={() => setShown(null)}>
                I have copied it
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </section>
  );
}
