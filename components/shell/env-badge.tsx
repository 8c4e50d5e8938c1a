import { clsx } from "clsx";

const TONE = {
  development: "bg-slate-600 text-white",
  staging: "bg-amber-400 text-amber-950",
  production: "bg-red-600 text-white",
} as const;

/** Always visible, so nobody mistakes production for a sandbox. */
export function EnvBadge({ environment }: { environment: keyof typeof TONE }) {
  return (
    <span
      data-testid="env-badge"
      className={clsx("rounded px-2 py-0.5 text-xs font-semibold uppercase tracking-wide", TONE[environment])}
    >
      {environment}
    </span>
  );
}
