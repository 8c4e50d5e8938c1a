import "server-only";
import { log } from "@/lib/log";

/** One CSV cell: always quoted; a leading =, +, -, @ (a spreadsheet formula) neutralised. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * A download of rows as CSV (the given columns) or a JSON array, pulled from `rows` only as
 * fast as the client takes them. The first row is read before answering, so a store failure is
 * a proper error response; a failure midway aborts the download rather than end it looking complete.
 */
export async function exportResponse<Row extends Record<string, unknown>>(options: {
  rows: AsyncIterator<Row>;
  format: "csv" | "json";
  columns: readonly (keyof Row & string)[];
  filename: string;
  readFirst: (read: () => Promise<IteratorResult<Row>>) => Promise<IteratorResult<Row>>;
}): Promise<Response> {
  const { rows, format, columns } = options;
  let pending: IteratorResult<Row> | null = await options.readFirst(() => rows.next());
  const encoder = new TextEncoder();
  let count = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(format === "csv" ? `${columns.join(",")}\n` : "["));
    },
    async pull(controller) {
      try {
        const next = pending ?? (await rows.next());
        pending = null;
        if (next.done) {
          if (format === "json") controller.enqueue(encoder.encode(count ? "\n]\n" : "]\n"));
          controller.close();
          return;
        }
        const row = next.value;
        controller.enqueue(encoder.encode(format === "csv" ? `${columns.map((c) => csvCell(row[c])).join(",")}\n` : `${count ? "," : ""}\n${JSON.stringify(row)}`));
        count++;
      } catch (err) {
        log.error({ err: String(err) }, "export failed midway");
        controller.error(err);
      }
    },
    cancel() {
      void rows.return?.(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${options.filename}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
