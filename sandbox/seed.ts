// The Phoenix topology the runbooks name, as a real cluster would hold it: one naming
// scheme (deployment phoenix-api, label app=phoenix-api, container api), so the console's
// service map is the only place that translates the seed's short names.
import { findResource } from "./resources";
import { type ClusterStore, type Obj, templateHash as templateHashOf } from "./store";

export const IMAGE_REPO = "ghcr.io/phoenix/platform";
export const NODES = ["phoenix-node-1", "phoenix-node-2", "phoenix-node-3"];

type App = { ns: string; name: string; container: string; image: string; replicas: number; port: number; cpu: string; memory: string };

/** The Phoenix services run as a non-root user; third-party ones keep their images' defaults (`{}`), which runbook 6's audit flags. */
const PHOENIX_SECURITY_CONTEXT = { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } };

export const APPS: App[] = [
  { ns: "phoenix-system", name: "phoenix-api", container: "api", image: `${IMAGE_REPO}/api:v2.3.1`, replicas: 3, port: 8080, cpu: "250m", memory: "256Mi" },
  { ns: "phoenix-system", name: "experiment-controller", container: "controller", image: `${IMAGE_REPO}/controller:v2.3.1`, replicas: 1, port: 8081, cpu: "200m", memory: "256Mi" },
  { ns: "phoenix-system", name: "config-generator", container: "generator", image: `${IMAGE_REPO}/generator:v2.3.1`, replicas: 1, port: 8082, cpu: "100m", memory: "128Mi" },
  { ns: "phoenix-system", name: "postgres", container: "postgres", image: "postgres:15.6", replicas: 1, port: 5432, cpu: "500m", memory: "1Gi" },
  { ns: "phoenix-system", name: "redis", container: "redis", image: "redis:7.2", replicas: 1, port: 6379, cpu: "100m", memory: "256Mi" },
  { ns: "phoenix-system", name: "pgbouncer", container: "pgbouncer", image: "bitnami/pgbouncer:1.22.0", replicas: 1, port: 6432, cpu: "100m", memory: "64Mi" },
  { ns: "phoenix-staging", name: "phoenix-api", container: "api", image: `${IMAGE_REPO}/api:v2.4.0-rc.1`, replicas: 1, port: 8080, cpu: "250m", memory: "256Mi" },
  { ns: "phoenix-staging", name: "experiment-controller", container: "controller", image: `${IMAGE_REPO}/controller:v2.4.0-rc.1`, replicas: 1, port: 8081, cpu: "200m", memory: "256Mi" },
  { ns: "phoenix-staging", name: "config-generator", container: "generator", image: `${IMAGE_REPO}/generator:v2.4.0-rc.1`, replicas: 1, port: 8082, cpu: "100m", memory: "128Mi" },
  { ns: "monitoring", name: "prometheus", container: "prometheus", image: "prom/prometheus:v2.51.0", replicas: 1, port: 9090, cpu: "500m", memory: "2Gi" },
  { ns: "monitoring", name: "grafana", container: "grafana", image: "grafana/grafana:10.4.0", replicas: 1, port: 3000, cpu: "100m", memory: "256Mi" },
  { ns: "ingress-nginx", name: "ingress-nginx-controller", container: "controller", image: "registry.k8s.io/ingress-nginx/controller:v1.10.0", replicas: 1, port: 80, cpu: "100m", memory: "90Mi" },
];

const R = (g: string, v: string, r: string) => findResource(g, v, r)!;
const obj = (kind: string, apiVersion: string, metadata: Obj["metadata"], rest: Record<string, unknown> = {}): Obj => ({ apiVersion, kind, metadata, ...rest });

function deployment(app: App, extraPods = 0): Obj {
  const labels = { app: app.name, "app.kubernetes.io/part-of": "phoenix" };
  return obj("Deployment", "apps/v1", { name: app.name, labels }, {
    spec: {
      replicas: app.replicas + extraPods,
      selector: { matchLabels: { app: app.name } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template: {
        metadata: { labels },
        spec: {
          securityContext: app.image.startsWith(IMAGE_REPO) ? PHOENIX_SECURITY_CONTEXT : {},
          containers: [
            {
              name: app.container,
              image: app.image,
              ports: [{ containerPort: app.port, protocol: "TCP" }],
              resources: { requests: { cpu: app.cpu, memory: app.memory }, limits: { memory: app.memory } },
              ...(app.name === "phoenix-api" ? { env: [{ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "phoenix-secrets", key: "database-url" } } }] } : {}),
            },
          ],
        },
      },
    },
  });
}

/** Seeds the store. `extraPods` scales phoenix-api up (for list-latency benchmarks). */
export function seed(store: ClusterStore, options: { extraPods?: number } = {}) {
  const bootedAt = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  for (const ns of ["default", "kube-system", "kube-node-lease", "phoenix-system", "phoenix-experiments", "phoenix-staging", "monitoring", "ingress-nginx"]) {
    store.create(R("", "v1", "namespaces"), undefined, obj("Namespace", "v1", { name: ns, labels: { "kubernetes.io/metadata.name": ns } }, { spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } }));
  }
  NODES.forEach((name, i) =>
    store.create(R("", "v1", "nodes"), undefined, obj("Node", "v1", { name, labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", ...(i === 0 ? { "node-role.kubernetes.io/control-plane": "" } : {}) } }, {
      spec: { podCIDR: `10.244.${i}.0/24` },
      status: {
        capacity: { cpu: "8", memory: "32Gi", pods: "110", "ephemeral-storage": "100Gi" },
        allocatable: { cpu: "7800m", memory: "31Gi", pods: "110", "ephemeral-storage": "95Gi" },
        conditions: [
          { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
          { type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
          { type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
          { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" },
        ].map((c) => ({ ...c, lastHeartbeatTime: bootedAt, lastTransitionTime: bootedAt })),
        addresses: [{ type: "InternalIP", address: `10.0.0.${i + 11}` }, { type: "Hostname", address: name }],
        nodeInfo: { kubeletVersion: "v1.29.4", kubeProxyVersion: "v1.29.4", osImage: "Ubuntu 22.04.4 LTS", kernelVersion: "5.15.0-105-generic", containerRuntimeVersion: "containerd://1.7.13", operatingSystem: "linux", architecture: "amd64" },
      },
    })),
  );
  for (const node of NODES) {
    const uid = store.get(R("", "v1", "nodes"), undefined, node)!.metadata.uid!;
    store.create(R("coordination.k8s.io", "v1", "leases"), "kube-node-lease", obj("Lease", "coordination.k8s.io/v1", { name: node, ownerReferences: [{ apiVersion: "v1", kind: "Node", name: node, uid }] }, {
      spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime: new Date().toISOString().replace("Z", "000Z") },
    }));
  }
  // The control plane's static pods on the control-plane node, as kubeadm runs them (mirror pods).
  const controlPlane = NODES[0]!;
  const controlPlaneUid = store.get(R("", "v1", "nodes"), undefined, controlPlane)!.metadata.uid!;
  const staticPods: [component: string, image: string, cpu: string, memory: string][] = [
    ["etcd", "registry.k8s.io/etcd:3.5.12-0", "100m", "100Mi"],
    ["kube-apiserver", "registry.k8s.io/kube-apiserver:v1.29.4", "250m", "0"],
    ["kube-controller-manager", "registry.k8s.io/kube-controller-manager:v1.29.4", "200m", "0"],
    ["kube-scheduler", "registry.k8s.io/kube-scheduler:v1.29.4", "100m", "0"],
  ];
  for (const [component, image, cpu, memory] of staticPods) {
    store.create(R("", "v1", "pods"), "kube-system", obj("Pod", "v1", {
      name: `${component}-${controlPlane}`,
      labels: { component, tier: "control-plane" },
      annotations: { "kubernetes.io/config.mirror": templateHashOf(component), "kubernetes.io/config.source": "file" },
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name: controlPlane, uid: controlPlaneUid, controller: true }],
    }, {
      spec: {
        nodeName: controlPlane,
        hostNetwork: true,
        priorityClassName: "system-node-critical",
        securityContext: { seccompProfile: { type: "RuntimeDefault" } },
        containers: [{ name: component, image, command: [component], resources: { requests: { cpu, ...(memory !== "0" ? { memory } : {}) } } }],
      },
      status: { phase: "Pending", qosClass: "Burstable" },
    }));
  }
  for (const app of APPS) {
    store.create(R("apps", "v1", "deployments"), app.ns, deployment(app, app.name === "phoenix-api" && app.ns === "phoenix-system" ? options.extraPods ?? 0 : 0));
    const clusterIP = `10.96.${APPS.indexOf(app)}.${10 + APPS.indexOf(app)}`;
    // The ingress controller is the one service exposed outside the cluster (runbook 7.2 looks for it).
    const exposed = app.ns === "ingress-nginx";
    store.create(R("", "v1", "services"), app.ns, obj("Service", "v1", { name: app.name, labels: { app: app.name } }, {
      spec: exposed
        ? { type: "LoadBalancer", clusterIP, externalTrafficPolicy: "Local", selector: { app: app.name }, ports: [{ name: "http", port: 80, targetPort: 80, nodePort: 31080, protocol: "TCP" }, { name: "https", port: 443, targetPort: 443, nodePort: 31443, protocol: "TCP" }] }
        : { type: "ClusterIP", clusterIP, selector: { app: app.name }, ports: [{ name: "http", port: app.port, targetPort: app.port, protocol: "TCP" }] },
      ...(exposed ? { status: { loadBalancer: { ingress: [{ ip: "203.0.113.10" }] } } } : {}),
    }));
  }
  const collectorLabels = { app: "otel-collector" };
  store.create(R("apps", "v1", "daemonsets"), "phoenix-experiments", obj("DaemonSet", "apps/v1", { name: "otel-collector", labels: collectorLabels }, {
    spec: {
      selector: { matchLabels: collectorLabels },
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: collectorLabels },
        spec: { containers: [{ name: "otel-collector", image: "otel/opentelemetry-collector-contrib:0.98.0", ports: [{ containerPort: 8888, protocol: "TCP" }], resources: { limits: { memory: "512Mi" }, requests: { cpu: "100m", memory: "256Mi" } } }] },
      },
    },
  }));

  const cm = (ns: string, name: string, data: Record<string, string>) => store.create(R("", "v1", "configmaps"), ns, obj("ConfigMap", "v1", { name }, { data }));
  cm("phoenix-system", "pgbouncer-config", { "pgbouncer.ini": "[databases]\nphoenix = host=postgres port=5432 dbname=phoenix\n\n[pgbouncer]\nlisten_port = 6432\npool_mode = transaction\nmax_client_conn = 200\ndefault_pool_size = 20\n" });
  cm("phoenix-experiments", "otel-collector-config", { "config.yaml": "receivers:\n  otlp:\n    protocols:\n      grpc: {}\nprocessors:\n  batch:\n    send_batch_size: 8192\n    timeout: 5s\n  memory_limiter:\n    check_interval: 1s\n    limit_mib: 400\nexporters:\n  prometheus:\n    endpoint: 0.0.0.0:8888\nservice:\n  pipelines:\n    metrics:\n      receivers: [otlp]\n      processors: [memory_limiter, batch]\n      exporters: [prometheus]\n" });
  cm("monitoring", "prometheus-rules", { "phoenix.rules.yml": "groups:\n  - name: phoenix\n    rules:\n      - alert: PhoenixAPIDown\n        expr: up{job=\"phoenix-api\"} == 0\n        for: 1m\n        labels: { severity: critical }\n" });
  cm("monitoring", "grafana-dashboards", { "phoenix.json": "{\"title\":\"Phoenix\"}" });
  const secret = (ns: string, name: string, type: string, data: Record<string, string>) =>
    store.create(R("", "v1", "secrets"), ns, obj("Secret", "v1", { name }, { type, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")])) }));
  secret("phoenix-system", "phoenix-secrets", "Opaque", { "database-url": "postgresql://phoenix:sandbox@postgres:5432/phoenix", "redis-url": "redis://redis:6379" });
  secret("phoenix-system", "phoenix-tls", "kubernetes.io/tls", { "tls.crt": "-----BEGIN CERTIFICATE-----\nsandbox\n-----END CERTIFICATE-----\n", "tls.key": "-----BEGIN PRIVATE KEY-----\nsandbox\n-----END PRIVATE KEY-----\n" });
  store.create(R("", "v1", "resourcequotas"), "phoenix-experiments", obj("ResourceQuota", "v1", { name: "experiments-quota" }, {
    spec: { hard: { pods: "50", "requests.cpu": "16", "requests.memory": "32Gi", "limits.memory": "64Gi" } },
    status: { hard: { pods: "50", "requests.cpu": "16", "requests.memory": "32Gi", "limits.memory": "64Gi" }, used: { pods: "3", "requests.cpu": "300m", "requests.memory": "768Mi", "limits.memory": "1536Mi" } },
  }));
  store.create(R("networking.k8s.io", "v1", "networkpolicies"), "phoenix-system", obj("NetworkPolicy", "networking.k8s.io/v1", { name: "phoenix-api-ingress" }, {
    spec: { podSelector: { matchLabels: { app: "phoenix-api" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }] }] },
  }));
  store.create(R("policy", "v1", "poddisruptionbudgets"), "phoenix-system", obj("PodDisruptionBudget", "policy/v1", { name: "phoenix-api" }, {
    spec: { minAvailable: 2, selector: { matchLabels: { app: "phoenix-api" } } },
  }));
  store.create(R("", "v1", "serviceaccounts"), "phoenix-system", obj("ServiceAccount", "v1", { name: "pipeline-operator" }));
}
