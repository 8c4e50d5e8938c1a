import { AlertTriangle } from "lucide-react";
import { ApiError } from "@/lib/queries/fetcher";

/** Shows an API error the way the server phrased it, with field issues listed. */
export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const env = error instanceof ApiError ? error.envelope : { message: String((error as Error)?.message ?? error) };
  const issues = "issues" in env ? env.issues : undefined;
  return (
    <div role="alert" className="flex gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div>
        {title ? <p className="font-medium">{title}</p> : null}
        <p>{env.message}</p>
        {issues?.length ? (
          <ul className="mt-1 list-disc pl-4">
            {issues.map((i) => (
              <li key={i.path}>
                <code>{i.path}</code>: {i.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
