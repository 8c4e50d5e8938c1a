"use client";
import { clsx } from "clsx";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { PodsTable } from "./pods-table";
import { WorkloadsTable } from "./workloads-table";

/** The namespace and label filter live in the URL, so a view can be shared. */
function View({ namespaces }: { namespaces: string[] }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const namespace = namespaces.includes(params.get("namespace") ?? "") ? params.get("namespace")! : namespaces[0]!;
  const selector = params.get("l") ?? "";
  const go = (ns: string, l: string) => router.replace(`${pathname}?${new URLSearchParams({ namespace: ns, ...(l ? { l } : {}) })}`);
  return (
    <div className="space-y-4">
      <nav aria-label="Namespaces" className="flex flex-wrap gap-1">
        {namespaces.map((ns) => (
          <button
            key={ns}
            type="button"
            aria-current={ns === namespace ? "page" : undefined}
            onClick={() => go(ns, "")}
            className={clsx("rounded-md px-3 py-1.5 text-sm font-medium", ns === namespace ? "bg-sky-700 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100")}
          >
            {ns}
          </button>
        ))}
      </nav>
      <WorkloadsTable namespace={namespace} onShowPods={(l) => go(namespace, l)} />
      <PodsTable key={`${namespace}|${selector}`} namespace={namespace} selector={selector} onSelector={(l) => go(namespace, l)} />
    </div>
  );
}

export function ClusterView(props: { namespaces: string[] }) {
  return (
    <Suspense>
      <View {...props} />
    </Suspense>
  );
}
