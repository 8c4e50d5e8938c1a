// A console process for the crash test: runs cluster.scale through the one audited path, as
// fast as it can, until it is killed (kill -9, mid-action). Its store and cluster come from
// the environment (DATABASE_URL or DATA_DIR, KUBECONFIG), as the console's do.
import { runAction } from "@/lib/actions/run-action";

const actor = { email: "sre@phoenix.local", role: "sre" as const, via: "cli" as const };

for (let i = 0; ; i++) {
  await runAction({
    id: "cluster.scale",
    request: { input: { namespace: "phoenix-system", name: "experiment-controller", replicas: 1 + (i % 2) }, confirm: true, reason: "crash test" },
    actor,
  });
  process.stdout.write(`done ${i}\n`);
}
