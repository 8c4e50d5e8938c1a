"use client";
import { clsx } from "clsx";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import type { RolloutKind } from "@/lib/ops/kube/rollout-status";
import { ErrorScan } from "./error-scan";
import { EventsPanel } from "./events-panel";
import { NodesPanel } from "./nodes-panel";
import { PodLogs } from "./pod-logs";
import { HistoryDialog } from "./history-dialog";
import { PodsTable } from "./pods-table";
import { RolloutPanel } from "./rollout-panel";
import { WorkloadsTable } from "./workloads-table";

/** The namespace and label filter live in the URL, so a view can be shared. */
function View({ namespaces }: { namespaces: string[] }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const namespace = namespaces.includes(params.get("namespace") ?? "") ? params.get("namespace")! : namespaces[0]!;
  const selector = params.get("l") ?? "";
  const pod = params.get("pod");
  const scan = params.get("scan") === "1";
  // The watched rollout is in the URL too (a reload keeps watching); its start time is the click.
  const rolloutParam = /^(Deployment|DaemonSet)\/([a-z0-9.-]+)$/.exec(params.get("rollout") ?? "");
  const [since, setSince] = useState(() => Date.now());
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const go = (next: { ns?: string; l?: string; pod?: string | null; scan?: boolean; rollout?: string | null }) => {
    const q = new URLSearchParams({ namespace: next.ns ?? namespace });
    const l = next.l ?? (next.ns ? "" : selector);
    if (l) q.set("l", l);
    const p = next.pod === undefined ? pod : next.pod;
    if (p && !next.ns) q.set("pod", p);
    if ((next.scan ?? scan) && !next.ns) q.set("scan", "1");
    const r = next.rollout === undefined ? params.get("rollout") : next.rollout;
    if (r && !next.ns) q.set("rollout", r);
    router.replace(`${pathname}?${q}`);
  };
  const watchRollout = (kind: RolloutKind, name: string, at: number) => {
    setSince(at);
    go({ rollout: `${kind}/${name}` });
  };
  return (
    <div className="space-y-4">
      <NodesPanel />
      <nav aria-label="Namespaces" className="flex flex-wrap gap-1">
        {namespaces.map((ns) => (
          <button
            key={ns}
            type="button"
            aria-current={ns === namespace ? "page" : undefined}
            onClick={() => go({ ns })}
            className={clsx("rounded-md px-3 py-1.5 text-sm font-medium", ns === namespace ? "bg-sky-700 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100")}
          >
            {ns}
          </button>
        ))}
      </nav>
      {rolloutParam ? (
        <RolloutPanel
          key={`${rolloutParam[0]}@${since}`}
          target={{ namespace, kind: rolloutParam[1] as RolloutKind, name: rolloutParam[2]!, since }}
          onClose={() => go({ rollout: null })}
          onHistory={rolloutParam[1] === "Deployment" ? () => setHistoryOf(rolloutParam[2]!) : undefined}
        />
      ) : null}
      <WorkloadsTable namespace={namespace} onShowPods={(l) => go({ l })} onRollout={watchRollout} onHistory={setHistoryOf} />
      {historyOf ? (
        <HistoryDialog key={historyOf} namespace={namespace} name={historyOf} onClose={() => setHistoryOf(null)} onRolledBack={(at) => watchRollout("Deployment", historyOf, at)} />
      ) : null}
      <PodsTable
        key={`${namespace}|${selector}`}
        namespace={namespace}
        selector={selector}
        onSelector={(l) => go({ l })}
        onLogs={(p) => go({ pod: p })}
        onScan={() => go({ scan: !scan })}
        scanning={scan}
      />
      {scan ? <ErrorScan namespace={namespace} onOpen={(p) => go({ pod: p, scan: false })} /> : null}
      {pod ? <PodLogs key={`${namespace}/${pod}`} namespace={namespace} pod={pod} onClose={() => go({ pod: null })} /> : null}
      <EventsPanel namespace={namespace} />
    </div>
  );
}

export function ClusterView(props: { namespaces: string[] }) {
  return (
    <Suspense>
      <View {...props} />
    </Suspense>
  );
}
