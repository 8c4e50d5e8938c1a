import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";

/** The console reads and writes only the namespaces it is configured for (CLUSTER_NAMESPACES). */
export function isShownNamespace(namespace: string): boolean {
  return env().CLUSTER_NAMESPACES.includes(namespace);
}

/** Why a namespace is refused, for a read (404) or an action's input (422). */
export const namespaceRefusal = (namespace: string) =>
  `namespace ${namespace} is not one the console manages (CLUSTER_NAMESPACES: ${env().CLUSTER_NAMESPACES.join(", ")})`;

/** The console reads only the namespaces it is configured to show (CLUSTER_NAMESPACES). */
export function shownNamespace(namespace: string): string {
  if (!isShownNamespace(namespace)) {
    throw new AppError("NOT_FOUND", `Namespace ${namespace} is not one the console shows (CLUSTER_NAMESPACES).`);
  }
  return namespace;
}
