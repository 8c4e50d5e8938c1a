import type { ReactNode } from "react";
import { ErrorNote } from "./error-note";

/** A panel's failure, in place of its content: the rest of the page keeps working. */
export function PanelError({ error, title }: { error: unknown; title: string }) {
  if (!error) return null;
  return (
    <div className="p-4">
      <ErrorNote error={error} title={title} />
    </div>
  );
}

export type Column = { label: string; align?: "right"; hidden?: boolean };

/** The console's table header: small caps, left-aligned unless a column says right; hidden labels stay for screen readers. */
export function TableHead({ columns }: { columns: Column[] }): ReactNode {
  return (
    <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" className={c.align === "right" ? "px-4 py-2 text-right" : "px-4 py-2"}>
            {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The one row a table shows when it has nothing (or nothing yet) to show. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-4 py-6 text-center text-slate-500">
        {children}
      </td>
    </tr>
  );
}
