import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportSnapshot, serializeSnapshot } from "../engine/snapshot";
import { kubectl } from "../kubectl/index";
import { classifyImport } from "./importfile";
import { bootScenario } from "./replay";

const CLUSTER_EXPORT = readFileSync(
  new URL("../testing/fixtures/kubeadm-3node-export.yaml", import.meta.url),
  "utf8",
);
const MANIFESTS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: nginx
`;

describe("importing a file", () => {
  it("tells a scenario file, a cluster's List and manifests apart", () => {
    const scenario = serializeSnapshot(exportSnapshot(bootScenario("empty", 1).cluster, 1));
    expect(classifyImport(scenario).form).toBe("scenario");
    expect(classifyImport(CLUSTER_EXPORT).form).toBe("cluster");
    expect(classifyImport(MANIFESTS).form).toBe("manifests");
    // A List of manifests written by hand (no uids): applied, not a cluster.
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: team-a\n`;
    expect(classifyImport(list).form).toBe("manifests");
    // Broken YAML that is no scenario: kubectl apply says what is wrong with it.
    expect(classifyImport("kind: [unclosed").form).toBe("manifests");
  });

  it("says what is wrong with a file that is none of them", () => {
    expect(() => classifyImport("")).toThrow("the file is empty: no scenario, manifest or List in it");
    expect(() => classifyImport("hello: world\n")).toThrow(
      "not a scenario file, manifests or a cluster's List: document 1 has no kind",
    );
    expect(() => classifyImport("kind: Pod\nmetadata: {name: x}\n")).toThrow("document 1 has no apiVersion");
    expect(() =>
      classifyImport(`${MANIFESTS}---\nkind: Scenario\napiVersion: kubeglass.dev/v1alpha1\n`),
    ).toThrow("a scenario file holds one document; document 3 of 3 is a Scenario");
  });

  it("applies manifests to the live cluster as kubectl apply does", () => {
    const { cluster } = bootScenario("cka", 1);
    const r = kubectl({ cluster, namespace: "default" }, ["apply", "-f", "-"], MANIFESTS);
    cluster.advance(20);
    expect(r.stdout).toBe("configmap/settings created\ndeployment.apps/api created\n");
    expect(
      cluster.api.list("Pod", { namespace: "default" }).filter((p) => p.status?.phase === "Running"),
    ).toHaveLength(2);
  });
});
