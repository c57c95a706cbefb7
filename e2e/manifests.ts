/** Manifests the e2e specs and the browser bench put into the editor and apply. */

/** A Deployment of `replicas` nginx pods labelled app=NAME. */
export function deploymentYaml(name: string, replicas: number): string {
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    `  replicas: ${replicas}`,
    "  selector:",
    "    matchLabels:",
    `      app: ${name}`,
    "  template:",
    "    metadata:",
    "      labels:",
    `        app: ${name}`,
    "    spec:",
    "      containers:",
    "      - name: nginx",
    "        image: nginx:1.27",
    "",
  ].join("\n");
}

/**
 * A one-line JSON List, as `kubectl get -o json` prints one: `nodes` worker Nodes (32 CPUs, 110
 * pods each, over three zones) and `pods` unscheduled pause Pods for the scheduler to place.
 */
export function bigListJson(nodes: number, pods: number): string {
  const items: unknown[] = [];
  for (let i = 0; i < nodes; i++) {
    const name = `big-${String(i + 1).padStart(4, "0")}`;
    items.push({
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name,
        labels: { "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": `zone-${"abc"[i % 3]}` },
      },
      status: {
        capacity: { cpu: "32", memory: "128Gi", pods: "110" },
        allocatable: { cpu: "32", memory: "128Gi", pods: "110" },
      },
    });
  }
  for (let i = 0; i < pods; i++)
    items.push({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `p-${String(i + 1).padStart(4, "0")}`, namespace: "default", labels: { app: "big" } },
      spec: {
        containers: [
          {
            name: "c",
            image: "registry.k8s.io/pause:3.10",
            resources: { requests: { cpu: "10m", memory: "16Mi" } },
          },
        ],
      },
    });
  return JSON.stringify({ apiVersion: "v1", kind: "List", items });
}
