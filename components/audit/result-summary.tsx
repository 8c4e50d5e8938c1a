import { Fragment } from "react";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isChange = (v: Json): v is { before: Json; after: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 2 && "before" in v && "after" in v;

// "alreadyGone" → "already gone": the summaries' keys are written for people.
const label = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

function Value({ value }: { value: Json }) {
  if (value === null) return <span className="text-slate-500">none</span>;
  if (isChange(value)) {
    return (
      <span>
        <Value value={value.before} /> <span aria-label="changed to">→</span> <Value value={value.after} />
      </span>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500">none</span>;
    if (value.every((v) => typeof v !== "object" || v === null)) return <span>{value.map(String).join(", ")}</span>;
    return (
      <ul className="list-disc pl-4">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "object") {
    return (
      <span>
        {Object.entries(value).map(([k, v], i) => (
          <Fragment key={k}>
            {i ? " · " : null}
            <span className="text-slate-500">{label(k)}</span> <Value value={v} />
          </Fragment>
        ))}
      </span>
    );
  }
  return <span>{String(value)}</span>;
}

/** An outcome's result summary (what the action did), one line per fact, changes as before → after. */
export function ResultSummary({ result }: { result: unknown }) {
  if (result === null || result === undefined) return <span>—</span>;
  const value = result as Json;
  if (typeof value !== "object" || value === null || Array.isArray(value) || isChange(value)) return <Value value={value} />;
  return (
    <dl data-testid="audit-result" className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 rounded bg-white p-2 ring-1 ring-slate-200">
      {Object.entries(value).map(([k, v]) => (
        <Fragment key={k}>
          <dt className="text-slate-500">{label(k)}</dt>
          <dd>
            <Value value={v} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
