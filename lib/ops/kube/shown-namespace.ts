import { AppError } from "@/lib/api/errors";
import { env } from "@/lib/env";

/** The console reads only the namespaces it is configured to show (CLUSTER_NAMESPACES). */
export function shownNamespace(namespace: string): string {
  if (!env().CLUSTER_NAMESPACES.includes(namespace)) {
    throw new AppError("NOT_FOUND", `Namespace ${namespace} is not one the console shows (CLUSTER_NAMESPACES).`);
  }
  return namespace;
}
