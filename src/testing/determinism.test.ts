// The same seed and script give a byte-identical event log (DESIGN.md: a scenario replays identically).
import { describe, expect, it } from "vitest";
import { runScript } from "../cli/report";
import { createCluster } from "../engine";

const SCRIPT = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}, capacity: {cpu: "4", memory: 8Gi, pods: "110"}}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}, capacity: {cpu: "4", memory: 8Gi, pods: "110"}}
EOF
sleep 5
kubectl create deployment web --image=nginx --replicas=5
sleep 20
kubectl taint nodes n1 maintenance=true:NoExecute
sleep 30
kubectl get events -A -o json
kubectl get pods -A -o json`;

describe("determinism", () => {
  it("replays a script byte for byte with the same seed", () => {
    const a = runScript(createCluster({ seed: 7 }), SCRIPT);
    const b = runScript(createCluster({ seed: 7 }), SCRIPT);
    expect(a.map((e) => e.exit)).toEqual(a.map(() => 0));
    expect(b).toEqual(a);
    const events = JSON.parse(a[a.length - 2]?.stdout ?? "{}");
    expect(events.items.length).toBeGreaterThan(0);
  });
});
