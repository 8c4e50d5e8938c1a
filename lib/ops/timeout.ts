import { AppError } from "@/lib/errors";
import { redactText } from "@/lib/redact-text";

/**
 * Races work against a deadline. On expiry `onTimeout` runs (close the socket, abort the
 * request) and a DEPENDENCY_TIMEOUT names the dependency.
 */
export async function withTimeout<T>(
  dependency: string,
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
  onTimeout?: () => void,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      onTimeout?.();
      reject(new AppError("DEPENDENCY_TIMEOUT", `timed out after ${ms} ms`, { dependency }));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The message of a dependency failure, without stack, internals or credentials. */
export function failureText(err: unknown): string {
  if (err instanceof AppError) return redactText(err.message);
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code;
  const message = e?.cause?.message ?? e?.message ?? String(err);
  return redactText(code && !message.includes(code) ? `${code}: ${message}` : message);
}
