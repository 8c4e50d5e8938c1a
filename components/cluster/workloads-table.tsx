"use client";
import { Activity, Container, History, RotateCw, Scaling } from "lucide-react";
import { useState } from "react";
import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { useActor } from "@/components/shell/actor-context";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import type { Workload } from "@/lib/ops/kube/list-workloads";
import { keys } from "@/lib/queries/keys";
import { useWorkloads } from "@/lib/queries/use-cluster";
import { EmptyRow, PanelError, TableHead } from "@/components/ui/panel";

const STATE_TONE: Record<Workload["state"], Tone> = { healthy: "ok", progressing: "info", degraded: "warn", stalled: "down" };

/** desired / updated / ready as one bar: grey = missing, sky = updated not ready, green = ready. */
function ReplicaBar({ w }: { w: Workload }) {
  const max = Math.max(w.desired, 1);
  return (
    <div className="flex items-center gap-2">
      <div className="relative h-2 w-24 overflow-hidden rounded bg-slate-200" aria-hidden>
        <div className="absolute inset-y-0 left-0 bg-sky-300" style={{ width: `${Math.min(100, (w.updated / max) * 100)}%` }} />
        <div className="absolute inset-y-0 left-0 bg-emerald-500" style={{ width: `${Math.min(100, (w.ready / max) * 100)}%` }} />
      </div>
      <span className="tabular-nums text-xs text-slate-700">
        {w.ready}/{w.desired} ready · {w.updated} updated
      </span>
    </div>
  );
}

/** name:tag first (what people compare), the registry path above it in grey; the text reads as the full reference. */
function ImageRef({ image }: { image: string }) {
  const slash = image.lastIndexOf("/") + 1;
  return (
    <span className="block whitespace-nowrap" title={image}>
      {slash ? <span className="block text-[11px] text-slate-500">{image.slice(0, slash)}</span> : null}
      <span className="block font-semibold text-slate-800">{image.slice(slash)}</span>
    </span>
  );
}

export function WorkloadsTable({
  namespace,
  onShowPods,
  onRollout,
  onHistory,
}: {
  namespace: string;
  onShowPods: (selector: string) => void;
  /** Opens the rollout view; `since` is the click that started the rollout. */
  onRollout: (kind: Workload["kind"], name: string, since: number) => void;
  onHistory: (name: string) => void;
}) {
  const actor = useActor();
  const workloads = useWorkloads(namespace);
  const [restart, setRestart] = useState<{ namespace: string; kind: Workload["kind"]; name: string } | null>(null);
  const [scaleOf, setScaleOf] = useState<Workload | null>(null);
  const [replicas, setReplicas] = useState("");
  const [scale, setScale] = useState<{ namespace: string; name: string; replicas: number } | null>(null);
  const [imageOf, setImageOf] = useState<Workload | null>(null);
  const [imageDraft, setImageDraft] = useState({ container: "", image: "" });
  const [setImage, setSetImage] = useState<{ namespace: string; name: string; container: string; image: string } | null>(null);
  const imageDenied = denialReason(actor.role, "cluster.set-image");
  const restartDenied = denialReason(actor.role, "cluster.rollout-restart");
  const scaleDenied = denialReason(actor.role, "cluster.scale");

  return (
    <section aria-labelledby="workloads-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="workloads-title" className="font-semibold">
          Workloads in {namespace}
        </h2>
        <span className="text-xs text-slate-500">live · every 2 s</span>
      </header>
      <PanelError error={workloads.error} title="Workloads could not be listed" />
      <div className="overflow-x-auto">
        <table className="w-full text-sm" aria-label={`Workloads in ${namespace}`}>
          <TableHead columns={[{ label: "Name" }, { label: "State" }, { label: "Replicas" }, { label: "Image" }, { label: "Rev" }, { label: "Age" }, { label: "Actions", hidden: true }]} />
          <tbody className="divide-y divide-slate-100">
            {workloads.data?.workloads.map((w) => (
              <tr key={`${w.kind}/${w.name}`} data-testid={`workload-${w.name}`} data-state={w.state} className="align-top">
                <th scope="row" className="whitespace-nowrap px-4 py-2 text-left font-medium">
                  <button type="button" className="text-left text-sky-800 hover:underline" onClick={() => onShowPods(`app=${w.name}`)} title="Show its pods">
                    {w.name}
                  </button>
                  <span className="block text-xs font-normal text-slate-500">{w.kind}</span>
                </th>
                <td className="px-4 py-2">
                  <Badge tone={STATE_TONE[w.state]}>{w.state}</Badge>
                  {w.message ? <span className="mt-1 block w-40 text-xs text-slate-600">{w.message}</span> : null}
                </td>
                <td className="px-4 py-2">
                  <ReplicaBar w={w} />
                </td>
                <td className="px-4 py-2 font-mono text-xs">
                  {w.images.map((image) => (
                    <ImageRef key={image} image={image} />
                  ))}
                </td>
                <td className="px-4 py-2 tabular-nums">{w.revision ?? "—"}</td>
                <td className="px-4 py-2 text-slate-600">{w.createdAt ? <RelativeTime iso={w.createdAt} age /> : "—"}</td>
                <td className="whitespace-nowrap px-4 py-2 text-right">
                  <Button size="sm" variant="ghost" onClick={() => onRollout(w.kind, w.name, Date.now())} title="Watch its rollout status live" aria-label="Rollout">
                    <Activity className="size-4" aria-hidden />
                  </Button>
                  <Button size="sm" variant="ghost" disabledReason={restartDenied} onClick={() => setRestart({ namespace, kind: w.kind, name: w.name })}>
                    <RotateCw className="size-4" aria-hidden /> Restart…
                  </Button>
                  {w.kind === "Deployment" ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabledReason={imageDenied}
                      onClick={() => {
                        setImageOf(w);
                        setImageDraft({ container: w.containers[0]?.name ?? "", image: w.containers[0]?.image ?? "" });
                      }}
                    >
                      <Container className="size-4" aria-hidden /> Set image…
                    </Button>
                  ) : null}
                  {w.kind === "Deployment" ? (
                    <Button size="sm" variant="ghost" onClick={() => onHistory(w.name)} title="Rollout history and rollback" aria-label="History…">
                      <History className="size-4" aria-hidden />
                    </Button>
                  ) : null}
                  {w.kind === "Deployment" ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabledReason={scaleDenied}
                      onClick={() => {
                        setScaleOf(w);
                        setReplicas(String(w.desired));
                      }}
                    >
                      <Scaling className="size-4" aria-hidden /> Scale…
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
            {workloads.isPending ? (
              <EmptyRow colSpan={7}>Loading workloads…</EmptyRow>
            ) : null}
          </tbody>
        </table>
      </div>

      <ConfirmActionDialog
        actionId="cluster.rollout-restart"
        title={`Restart ${restart?.kind.toLowerCase() ?? ""}/${restart?.name ?? ""}`}
        input={restart}
        open={restart !== null}
        onOpenChange={(o) => !o && setRestart(null)}
        invalidates={[keys.cluster.all()]}
        confirmLabel="Restart"
        onDone={(at) => restart && onRollout(restart.kind, restart.name, at)}
      />
      <Dialog open={scaleOf !== null} onOpenChange={(o) => !o && setScaleOf(null)} title={`Scale deployment/${scaleOf?.name ?? ""}`} description={`Now ${scaleOf?.desired ?? 0} replicas.`}>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!scaleOf) return;
            setScale({ namespace, name: scaleOf.name, replicas: Number(replicas) });
            setScaleOf(null);
          }}
        >
          <Field id="scale-replicas" label="Replicas">
            <input id="scale-replicas" type="number" min={0} max={100} className={inputClass} value={replicas} onChange={(e) => setReplicas(e.target.value)} autoFocus />
          </Field>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setScaleOf(null)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={replicas === "" || Number(replicas) < 0}>
              Preview…
            </Button>
          </div>
        </form>
      </Dialog>
      <Dialog open={imageOf !== null} onOpenChange={(o) => !o && setImageOf(null)} title={`Set image of deployment/${imageOf?.name ?? ""}`} description="Runbook 3.2: kubectl set image. The pods roll to the new image.">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!imageOf) return;
            setSetImage({ namespace, name: imageOf.name, ...imageDraft, image: imageDraft.image.trim() });
            setImageOf(null);
          }}
        >
          <Field id="image-container" label="Container">
            <select
              id="image-container"
              className={inputClass}
              value={imageDraft.container}
              onChange={(e) => setImageDraft({ container: e.target.value, image: imageOf?.containers.find((c) => c.name === e.target.value)?.image ?? "" })}
            >
              {imageOf?.containers.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="image-ref" label="Image">
            <input id="image-ref" className={`${inputClass} font-mono`} value={imageDraft.image} onChange={(e) => setImageDraft((d) => ({ ...d, image: e.target.value }))} autoFocus />
          </Field>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setImageOf(null)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={!imageDraft.image.trim()}>
              Preview…
            </Button>
          </div>
        </form>
      </Dialog>
      <ConfirmActionDialog
        actionId="cluster.set-image"
        title={`Set image of deployment/${setImage?.name ?? ""}`}
        input={setImage}
        open={setImage !== null}
        onOpenChange={(o) => !o && setSetImage(null)}
        invalidates={[keys.cluster.all()]}
        confirmLabel="Set image"
        onDone={(at) => setImage && onRollout("Deployment", setImage.name, at)}
      />
      <ConfirmActionDialog
        actionId="cluster.scale"
        title={`Scale deployment/${scale?.name ?? ""}`}
        input={scale}
        open={scale !== null}
        onOpenChange={(o) => !o && setScale(null)}
        invalidates={[keys.cluster.all()]}
        confirmLabel="Scale"
        onDone={(at) => scale && onRollout("Deployment", scale.name, at)}
      />
    </section>
  );
}
