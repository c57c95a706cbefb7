/**
 * Why Pending, on the CKA cluster (controlplane tainted, node01, node02): each node's obstacle in
 * words, and only fixes that the scheduler then accepts; running the offered command schedules
 * the pod.
 */
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../../testing/test-cluster";
import { loadCkaScenario } from "../../scenarios/cka";
import { explainPod } from "../explain";

function cluster(): TestCluster {
  const t = new TestCluster({ setup: loadCkaScenario, home: "controlplane" });
  t.advance(5);
  return t;
}

function deployment(name: string, podSpec: string, replicas = 1): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${podSpec
  .split("\n")
  .map((l) => `      ${l}`)
  .join("\n")}
`;
}

function pendingPod(t: TestCluster, app: string) {
  const pod = t.list("Pod", "default").find((p) => p.metadata.labels?.app === app && !p.spec?.nodeName);
  if (!pod) throw new Error(`no pending pod of ${app}`);
  return pod;
}

function why(t: TestCluster, app: string) {
  const pod = pendingPod(t, app);
  const rec = explainPod(t.cluster, "default", pod.metadata.name as string);
  if (!rec?.why) throw new Error("no why");
  return Object.fromEntries(rec.why.nodes.map((n) => [n.node, n]));
}

describe("whyPending", () => {
  it("names the missing label on each node and offers the label command", () => {
    const t = cluster();
    t.apply(deployment("web", "nodeSelector: {disktype: ssd}\ncontainers: [{name: web, image: nginx}]", 2));
    t.advance(2);
    const w = why(t, "web");
    expect(w.node01?.obstacles.map((o) => o.text)).toEqual(["missing label disktype=ssd"]);
    expect(w.node01?.fixes.map((f) => f.command)).toEqual(["kubectl label node node01 disktype=ssd"]);
    // The control plane needs both: the taint gone (or tolerated) and the label; a toleration
    // edit alone would not do, so only the command chain is offered.
    expect(w.controlplane?.obstacles.map((o) => o.text)).toEqual([
      "untolerated taint node-role.kubernetes.io/control-plane:NoSchedule",
      "missing label disktype=ssd",
    ]);
    expect(w.controlplane?.fixes.map((f) => f.command)).toEqual([
      "kubectl taint node controlplane node-role.kubernetes.io/control-plane:NoSchedule- && kubectl label node controlplane disktype=ssd",
    ]);
    // The chain runs as one shell line.
    const chain = t.sh(w.controlplane?.fixes[0]?.command as string);
    expect(chain.stdout).toBe("node/controlplane untainted\nnode/controlplane labeled\n");
    t.sh(
      "kubectl label node controlplane disktype- && kubectl taint node controlplane node-role.kubernetes.io/control-plane:NoSchedule",
    );
    const r = t.sh(w.node01?.fixes[0]?.command as string);
    expect(r.stdout).toBe("node/node01 labeled\n");
    t.advance(5);
    expect(
      t
        .list("Pod", "default")
        .filter((p) => p.metadata.labels?.app === "web")
        .map((p) => p.spec?.nodeName),
    ).toEqual(["node01", "node01"]);
  });

  it("says when a label has another value, and overwrites it", () => {
    const t = cluster();
    t.kubectl("label node node02 disktype=hdd");
    t.apply(deployment("web", "nodeSelector: {disktype: ssd}\ncontainers: [{name: web, image: nginx}]"));
    t.advance(2);
    const w = why(t, "web");
    expect(w.node02?.obstacles.map((o) => o.text)).toEqual([
      "has label disktype=hdd, pod needs disktype=ssd",
    ]);
    expect(w.node02?.fixes.map((f) => f.command)).toEqual([
      "kubectl label node node02 disktype=ssd --overwrite",
    ]);
  });

  it("a cordoned node is answered by uncordon", () => {
    const t = cluster();
    t.kubectl("cordon node01");
    t.kubectl("cordon node02");
    t.apply(deployment("web", "containers: [{name: web, image: nginx}]"));
    t.advance(2);
    const w = why(t, "web");
    expect(w.node01?.obstacles.map((o) => o.text)).toEqual(["unschedulable (cordoned)"]);
    expect(w.node01?.fixes.map((f) => f.command)).toEqual(["kubectl uncordon node01"]);
  });

  it("a taint is answered by removing it or by tolerating it in the owner's template", () => {
    const t = cluster();
    t.kubectl("taint node node01 gpu=true:NoSchedule");
    t.kubectl("taint node node02 gpu=true:NoSchedule");
    t.apply(deployment("web", "containers: [{name: web, image: nginx}]"));
    t.advance(2);
    const w = why(t, "web");
    expect(w.node01?.obstacles.map((o) => o.text)).toEqual(["untolerated taint gpu=true:NoSchedule"]);
    expect(w.node01?.fixes).toEqual([
      {
        title: "Remove taint gpu=true:NoSchedule from node01",
        command: "kubectl taint node node01 gpu=true:NoSchedule-",
      },
      {
        title: "Tolerate gpu=true:NoSchedule (edit deployment/web)",
        command: "kubectl edit deployment/web",
        addTolerations: [{ key: "gpu", operator: "Equal", value: "true", effect: "NoSchedule" }],
      },
    ]);
  });

  it("says how much is free and offers to lower the request to it", () => {
    const t = cluster();
    t.kubectl("cordon node02");
    t.apply(deployment("web", "containers: [{name: web, image: nginx, resources: {requests: {cpu: '64'}}}]"));
    t.advance(2);
    const w = why(t, "web");
    const text = w.node01?.obstacles.map((o) => o.text)[0] as string;
    const m = /^(\S+) CPU free, pod requests 64$/.exec(text);
    expect(m, text).not.toBeNull();
    expect(w.node01?.fixes.map((f) => f.command)).toEqual([
      `kubectl set resources deployment/web -c=web --requests=cpu=${m?.[1]}`,
    ]);
    // node02 is cordoned too: lowering the request alone would not do, so the chain is offered.
    expect(w.node02?.obstacles.map((o) => o.text)).toEqual([
      "unschedulable (cordoned)",
      expect.stringMatching(/CPU free, pod requests 64$/),
    ]);
    t.sh(w.node01?.fixes[0]?.command as string);
    t.advance(30);
    const web = t
      .list("Pod", "default")
      .filter((p) => p.metadata.labels?.app === "web" && !p.metadata.deletionTimestamp);
    expect(web.map((p) => p.spec?.nodeName)).toEqual(["node01"]);
  });

  it("names the pod behind an anti-affinity and offers nothing it cannot fix", () => {
    const t = cluster();
    t.kubectl("label node node01 topology.kubernetes.io/zone=a");
    t.kubectl("label node node02 topology.kubernetes.io/zone=a");
    t.apply(`apiVersion: v1
kind: Pod
metadata: {name: db-0, labels: {app: db}}
spec: {nodeName: node01, containers: [{name: db, image: nginx}]}
`);
    t.apply(
      deployment(
        "web",
        `affinity:
  podAntiAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
    - labelSelector: {matchLabels: {app: db}}
      topologyKey: topology.kubernetes.io/zone
containers: [{name: web, image: nginx}]`,
      ),
    );
    t.advance(2);
    const w = why(t, "web");
    expect(w.node02?.obstacles.map((o) => o.text)).toEqual(["anti-affinity with default/db-0 on zone a"]);
    expect(w.node02?.fixes).toEqual([]);
  });

  it("offers no toleration edit for a Job's pod (its template cannot change)", () => {
    const t = cluster();
    t.kubectl("taint node node01 gpu=true:NoSchedule");
    t.kubectl("taint node node02 gpu=true:NoSchedule");
    t.kubectl("create job j --image=busybox -- sleep 5");
    t.advance(2);
    const pod = t.list("Pod", "default").find((p) => p.metadata.labels?.["job-name"] === "j");
    const rec = explainPod(t.cluster, "default", pod?.metadata.name as string);
    const n1 = rec?.why?.nodes.find((n) => n.node === "node01");
    expect(rec?.why?.target).toBeUndefined();
    expect(n1?.fixes.map((f) => f.command)).toEqual(["kubectl taint node node01 gpu=true:NoSchedule-"]);
  });
});
