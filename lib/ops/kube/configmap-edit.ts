import "server-only";
// Runbooks 2.3 and 2.4's `kubectl edit configmap`, made precise: set named settings in one
// data key (ini `name = value` or YAML `name: value` lines), shown as a diff first, applied
// with a resourceVersion precondition so a concurrent edit is a conflict, not a lost update.
import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import { kubeCall, kubeWrite, requireKube } from "./client";

export type SettingEdit = { setting: string; value: string };
export type SettingChange = { setting: string; from: string; to: string; line: number };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Replaces each setting's value on its line, keeping indentation, separator and comments' absence; names what is missing. */
export function applySettings(text: string, edits: SettingEdit[]): { text: string; changes: SettingChange[] } {
  const lines = text.split("\n");
  const changes: SettingChange[] = [];
  for (const { setting, value } of edits) {
    const re = new RegExp(`^(\\s*${escape(setting)}\\s*[=:]\\s*)(.*?)(\\s*)$`);
    const i = lines.findIndex((l) => re.test(l) && !/^\s*[#;]/.test(l));
    if (i < 0) throw new AppError("VALIDATION_FAILED", `no line sets ${setting}`, { issues: [{ path: `input.edits.${setting}`, message: `no line sets ${setting}` }] });
    const m = re.exec(lines[i]!)!;
    if (m[2] !== value) {
      changes.push({ setting, from: m[2]!, to: value, line: i + 1 });
      lines[i] = `${m[1]}${value}${m[3]}`;
    }
  }
  return { text: lines.join("\n"), changes };
}

/** A unified diff of two versions of a file, changed lines with two lines of context. */
export function unifiedDiff(before: string, after: string, name: string): string {
  const a = before.split("\n");
  const b = after.split("\n");
  const changed = a.map((l, i) => l !== b[i]).map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
  if (!changed.length) return "";
  const out = [`--- ${name}`, `+++ ${name}`];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - 2);
    let end = Math.min(a.length - 1, changed[i]! + 2);
    while (i + 1 < changed.length && changed[i + 1]! - 2 <= end + 1) end = Math.min(a.length - 1, changed[++i]! + 2);
    out.push(`@@ -${start + 1},${end - start + 1} +${start + 1},${end - start + 1} @@`);
    for (let j = start; j <= end; j++) {
      if (a[j] === b[j]) out.push(` ${a[j]}`);
      else out.push(`-${a[j]}`, `+${b[j]}`);
    }
    i++;
  }
  return out.join("\n");
}

/** Sets settings in a ConfigMap's data key; with dryRun the API server validates and nothing is stored. */
export async function editConfigMap(options: { namespace: string; name: string; key: string; edits: SettingEdit[]; dryRun?: boolean }) {
  const { core } = requireKube();
  const cm = await kubeCall(`read configmap ${options.name}`, () => core.readNamespacedConfigMap({ name: options.name, namespace: options.namespace }));
  const before = cm.data?.[options.key];
  if (before === undefined) throw new AppError("NOT_FOUND", `configmap/${options.name} has no key ${options.key} (it has: ${Object.keys(cm.data ?? {}).join(", ") || "nothing"}).`);
  const { text, changes } = applySettings(before, options.edits);
  const diff = unifiedDiff(before, text, `configmap/${options.name} ${options.key}`);
  if (changes.length) {
    const body = { metadata: { resourceVersion: cm.metadata?.resourceVersion }, data: { [options.key]: text } };
    await kubeWrite(`edit configmap ${options.name}`, () =>
      core.patchNamespacedConfigMap(
        { name: options.name, namespace: options.namespace, body, fieldManager: "phoenix-ops-console", ...(options.dryRun ? { dryRun: "All" } : {}) },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      ),
    );
  }
  return { changes, diff, resourceVersion: cm.metadata?.resourceVersion ?? null };
}
