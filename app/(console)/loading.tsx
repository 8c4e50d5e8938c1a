export default function Loading() {
  return (
    <div role="status" className="animate-pulse space-y-3">
      <div className="h-6 w-48 rounded bg-slate-200" />
      <div className="h-40 rounded bg-slate-200" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
