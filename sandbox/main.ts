// npm run sandbox -- [--scenario NAME]... [--port N] [--dir DIR] [--pods N]
// Runs the sandbox cluster alone and prints its kubeconfig, so `kubectl --kubeconfig … get pods -A` works.
import path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "./server";
import { type Scenario, SCENARIOS } from "./world";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", multiple: true, default: [] },
    port: { type: "string", default: "6443" },
    dir: { type: "string", default: path.join(".data", "sandbox") },
    pods: { type: "string", default: "0" },
  },
  strict: true,
});

const bad = values.scenario!.filter((s) => !SCENARIOS.includes(s as Scenario));
if (bad.length) {
  console.error(`unknown scenario ${bad.join(", ")}; one of ${SCENARIOS.join(", ")}`);
  process.exit(2);
}

const sandbox = await startSandbox({
  dir: values.dir!,
  port: Number(values.port),
  scenarios: values.scenario as Scenario[],
  extraPods: Number(values.pods),
});
console.log(`Phoenix sandbox cluster on ${sandbox.url}`);
console.log(`kubeconfig: ${path.resolve(sandbox.kubeconfigPath)}`);
console.log(`  kubectl --kubeconfig ${path.resolve(sandbox.kubeconfigPath)} get pods -A`);
console.log(`API gateway health: ${sandbox.url}/health`);
console.log(`scenarios: ${[...sandbox.world.scenarios].join(", ") || "none"} (switch: POST ${sandbox.url}/sandbox/scenarios {"name":"api-crashloop","enabled":true})`);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
