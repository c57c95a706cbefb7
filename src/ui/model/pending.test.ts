import { describe, expect, it } from "vitest";
import type { Pod } from "../../engine/api/kinds";
import type { KubeObject } from "../../engine/api/types";
import { decisiveReason, groupPending, topOwner } from "./pending";
import { addTolerationsToYaml } from "./tolerations";

const pod = (name: string, owner?: { kind: string; name: string }, namespace = "default"): Pod =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace,
      ...(owner
        ? { ownerReferences: [{ apiVersion: "apps/v1", ...owner, uid: "u", controller: true }] }
        : {}),
    },
    spec: { containers: [] },
  }) as Pod;

const others: Record<string, Record<string, KubeObject>> = {
  ReplicaSet: {
    "default/web-7d4b9": {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: "web-7d4b9",
        namespace: "default",
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "d", controller: true },
        ],
      },
    },
  },
};

describe("groupPending", () => {
  it("groups a Deployment's pods under the Deployment, the biggest group first", () => {
    const pods: Record<string, Pod> = {
      "default/solo": pod("solo"),
      "default/web-7d4b9-a": pod("web-7d4b9-a", { kind: "ReplicaSet", name: "web-7d4b9" }),
      "default/web-7d4b9-b": pod("web-7d4b9-b", { kind: "ReplicaSet", name: "web-7d4b9" }),
      "team/db-0": pod("db-0", { kind: "StatefulSet", name: "db" }, "team"),
    };
    const groups = groupPending(Object.keys(pods), pods, others);
    expect(groups.map((g) => [g.id, g.keys.length])).toEqual([
      ["Deployment/web", 2],
      ["Pod/solo", 1],
      ["team/StatefulSet/db", 1],
    ]);
  });

  it("stops at the owner the replica does not know", () => {
    expect(topOwner(pod("x-1", { kind: "ReplicaSet", name: "x" }), {})).toEqual({
      kind: "ReplicaSet",
      name: "x",
      namespace: "default",
    });
  });
});

describe("decisiveReason", () => {
  it("puts the reasons first, most nodes first, and the preemption note apart", () => {
    const r = decisiveReason(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
    expect(r).toEqual({
      prefix: "0/3 nodes are available",
      reasons: [
        "2 Insufficient cpu",
        "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }",
      ],
      preemption:
        "1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod",
    });
  });

  it("keeps a message it cannot cut whole", () => {
    expect(decisiveReason("no nodes available to schedule pods")).toEqual({
      prefix: "no nodes available to schedule pods",
      reasons: [],
    });
  });
});

describe("addTolerationsToYaml", () => {
  const edit = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - image: nginx
        name: web
`;
  it("adds a tolerations list under the pod template, keeping the comments", () => {
    const out = addTolerationsToYaml(edit, [
      { key: "gpu", operator: "Equal", value: "true", effect: "NoSchedule" },
    ]);
    expect(out).toBe(`${edit}      tolerations:
      - key: gpu
        operator: Equal
        value: "true"
        effect: NoSchedule
`);
  });

  it("appends to a Pod's list, and adds nothing twice", () => {
    const p =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  tolerations:\n  - key: a\n    operator: Exists\n";
    const t = { key: "b", operator: "Exists", effect: "NoSchedule" };
    const once = addTolerationsToYaml(p, [t]);
    expect(once).toContain("  - key: b\n    operator: Exists\n    effect: NoSchedule\n");
    expect(addTolerationsToYaml(once, [t])).toBe(once);
  });
});
