"use client";
import { useNow } from "./use-now";

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 5) return "just now";
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86_400), "day");
}

/** kubectl's AGE column: 12s, 5m, 3h, 2d. */
export function formatAge(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/** "12 seconds ago" (or, `age`, kubectl's "12s"), kept current; the exact time is in the tooltip and the datetime attribute. */
export function RelativeTime({ iso, age = false }: { iso: string; age?: boolean }) {
  const now = useNow(5_000);
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {now === null ? new Date(iso).toISOString().slice(11, 19) : age ? formatAge(iso, now) : formatRelative(iso, now)}
    </time>
  );
}
