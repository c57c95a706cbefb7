/**
 * drain end to end on a running cluster (kubelets, controllers, scheduler): eviction, waiting for
 * the pods to go, and the PodDisruptionBudget retry loop of pkg/drain/drain.go evictPods.
 */
import { beforeEach, expect, test } from "vitest";
import { TestCluster } from "../../testing/test-cluster";

let t: TestCluster;

beforeEach(() => {
  t = new TestCluster();
  for (const n of ["n1", "n2"])
    t.apply(
      `kind: Node\nmetadata: {name: ${n}, labels: {kubernetes.io/hostname: ${n}}}\nstatus: {allocatable: {cpu: '4', memory: 8Gi, pods: '110'}, capacity: {cpu: '4', memory: 8Gi, pods: '110'}}\n`,
    );
  t.advance(5);
  t.kubectl("create deployment web --image=nginx --replicas=4");
  t.advance(20);
});

function podsOn(node: string): string[] {
  return t
    .list("Pod", "default")
    .filter((p) => p.spec.nodeName === node && !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name as string)
    .sort();
}

test("evicts every pod, waits for them to go, and the ReplicaSet replaces them elsewhere", () => {
  const before = podsOn("n1");
  expect(before.length).toBeGreaterThan(0);
  const r = t.kubectl("drain n1 --ignore-daemonsets");
  expect(r.exit).toBe(0);
  expect(r.stdout).toBe(
    [
      "node/n1 cordoned",
      ...before.map((p) => `evicting pod default/${p}`),
      ...before.map((p) => `pod/${p} evicted`),
      "node/n1 drained",
      "",
    ].join("\n"),
  );
  t.advance(20);
  expect(podsOn("n1")).toEqual([]);
  expect(podsOn("n2").length).toBe(4);
});

test("a PodDisruptionBudget makes eviction retry every 5s until --timeout", () => {
  t.apply(
    "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: pdb}\nspec: {minAvailable: 4, selector: {matchLabels: {app: web}}}\n",
  );
  t.advance(2);
  const on = podsOn("n1");
  const r = t.kubectl("drain n1 --timeout=12s");
  expect(r.exit).toBe(1);
  const retry = on.map(
    (p) =>
      `error when evicting pods/"${p}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`,
  );
  expect(r.stderr.startsWith(retry.join(""))).toBe(true);
  expect(r.stderr).toContain(
    `error: unable to drain node "n1", aborting command...\n\nThere are pending nodes to be drained:\n n1\n`,
  );
  expect(r.stderr).toContain(
    `error: error when evicting pods/"${on[0]}" -n "default": global timeout reached: 12s\n`,
  );
  expect(podsOn("n1")).toEqual(on);
});

test("kubectl events lists events in time order, --for narrows to one object", () => {
  const r = t.kubectl("events --for deployment/web");
  expect(r.stdout.split("\n")[0]).toBe("LAST SEEN   TYPE     REASON              OBJECT           MESSAGE");
  expect(r.stdout).toContain("Normal   ScalingReplicaSet   Deployment/web   Scaled up replica set web-");
  expect(t.kubectl("events -A --types=Warning").stderr).toBe("No events found.\n");
});

test("the DaemonSet warning comes between cordoned and the evictions, as drain.go prints it", () => {
  t.apply(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: busybox, command: [sleep, "3600"]}]}`);
  t.advance(10);
  const agent = t
    .list("Pod", "default")
    .find((p) => p.spec.nodeName === "n1" && p.metadata.name?.startsWith("agent-"))?.metadata.name;
  const before = podsOn("n1").filter((p) => p !== agent);
  const r = t.kubectl("drain n1 --ignore-daemonsets");
  expect(r.stderr).toBe(`Warning: ignoring DaemonSet-managed Pods: default/${agent}\n`);
  // What the terminal shows (2>&1): the warning before the first eviction, "drained" last.
  expect(t.sh("kubectl drain n2 --ignore-daemonsets --dry-run=client 2>&1").stdout.split("\n")[1]).toMatch(
    /^Warning: ignoring DaemonSet-managed Pods: default\/agent-/,
  );
  expect(r.combined).toBe(
    [
      "node/n1 cordoned",
      `Warning: ignoring DaemonSet-managed Pods: default/${agent}`,
      ...before.map((p) => `evicting pod default/${p}`),
      ...before.map((p) => `pod/${p} evicted`),
      "node/n1 drained",
      "",
    ].join("\n"),
  );
});
