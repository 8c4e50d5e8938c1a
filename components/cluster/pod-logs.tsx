"use client";
import { useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { Download, Pause, Play, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/error-note";
import { ApiError, fetchText } from "@/lib/queries/fetcher";

const ERRORS = /ERROR|FATAL|PANIC/;
const MAX_LINES = 5000;

/** kubectl logs in the browser: tail N, previous container, errors only, follow live, download. */
export function PodLogs({ namespace, pod, onClose, initialFollow = false, tailLines = 100 }: { namespace: string; pod: string; onClose?: () => void; initialFollow?: boolean; tailLines?: number }) {
  const [tail, setTail] = useState(tailLines);
  const [previous, setPrevious] = useState(false);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [follow, setFollow] = useState(initialFollow);
  // The followed stream's lines, tagged with the URL they came from: a new URL starts empty.
  const [stream, setStream] = useState<{ from: string; lines: string[]; error: unknown }>({ from: "", lines: [], error: null });
  const box = useRef<HTMLPreElement>(null);
  const base = `/api/cluster/pods/${encodeURIComponent(pod)}/logs?${new URLSearchParams({ namespace, tail: String(tail), previous: String(previous) })}`;

  const snapshot = useQuery({
    queryKey: ["cluster", "logs", namespace, pod, tail, previous],
    queryFn: ({ signal }) => fetchText(base, signal),
    enabled: !follow,
  });

  useEffect(() => {
    if (!follow) return;
    const controller = new AbortController();
    (async () => {
      const res = await fetch(`${base}&follow=true`, { signal: controller.signal });
      if (!res.ok) throw new ApiError(res.status, (await res.json()).error);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let carry = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parts = (carry + value).split("\n");
        carry = parts.pop() ?? "";
        setStream((s) => ({ from: base, lines: [...(s.from === base ? s.lines : []), ...parts].slice(-MAX_LINES), error: null }));
      }
    })().catch((err) => {
      if ((err as Error).name !== "AbortError") setStream((s) => ({ from: base, lines: s.from === base ? s.lines : [], error: err }));
    });
    return () => controller.abort();
  }, [follow, base]);

  const live = stream.from === base ? stream : { lines: [], error: null };
  const liveError = live.error;
  const all = follow ? live.lines : (snapshot.data ?? "").split("\n").filter(Boolean);
  const lines = errorsOnly ? all.filter((l) => ERRORS.test(l)) : all;

  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [follow, lines.length]);

  return (
    <section aria-labelledby="logs-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="logs-title" className="font-semibold">
          Logs of <span className="font-mono text-sm">{pod}</span>
        </h2>
        <label className="flex items-center gap-1 text-sm">
          Tail
          <select aria-label="Lines" className="rounded border border-slate-300 px-1 py-0.5" value={tail} onChange={(e) => setTail(Number(e.target.value))}>
            {[50, 100, 500, 1000].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={previous} onChange={(e) => (setPrevious(e.target.checked), setFollow(false))} /> Previous container
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} /> ERROR|FATAL|PANIC only
        </label>
        <div className="ml-auto flex gap-2">
          <Button size="sm" variant={follow ? "primary" : "secondary"} disabled={previous} onClick={() => (setStream({ from: "", lines: [], error: null }), setFollow((f) => !f))} aria-pressed={follow}>
            {follow ? <Pause className="size-4" aria-hidden /> : <Play className="size-4" aria-hidden />} {follow ? "Following" : "Follow"}
          </Button>
          <a className="inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 px-2.5 text-sm hover:bg-slate-100" href={`${base}&download=true`} download>
            <Download className="size-4" aria-hidden /> Download
          </a>
          {onClose ? (
            <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close logs">
              <X className="size-4" aria-hidden />
            </Button>
          ) : null}
        </div>
      </header>
      {snapshot.error && !follow ? (
        <div className="p-4">
          <ErrorNote error={snapshot.error} title="Logs could not be read" />
        </div>
      ) : null}
      {liveError ? (
        <div className="p-4">
          <ErrorNote error={liveError} title="Following stopped" />
        </div>
      ) : null}
      <pre ref={box} data-testid="pod-log" className="max-h-96 overflow-auto bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-200">
        {lines.length === 0 ? (
          <span className="text-slate-500">{snapshot.isPending && !follow ? "Loading…" : errorsOnly ? "No ERROR, FATAL or PANIC lines." : "No log lines yet."}</span>
        ) : (
          lines.map((l, i) => (
            <div key={i} className={clsx(ERRORS.test(l) && "text-red-300")}>
              {l}
            </div>
          ))
        )}
      </pre>
      <footer className="border-t border-slate-200 px-4 py-1.5 text-xs text-slate-500">
        {lines.length} line{lines.length === 1 ? "" : "s"}
        {errorsOnly ? ` matching (of ${all.length})` : ""}
        {follow ? " · live" : ""}
      </footer>
    </section>
  );
}
