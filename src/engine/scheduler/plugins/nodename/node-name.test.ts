// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodename/node_name_test.go
// (release-1.32): TestNodeName.
import { describe, expect, it } from "vitest";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { ErrReason, NodeNamePlugin } from "./node-name";

describe("NodeName Filter (TestNodeName)", () => {
  const cases: { name: string; podNodeName?: string; node: string; want?: string }[] = [
    { name: "no host specified", node: "" },
    { name: "host matches", podNodeName: "foo", node: "foo" },
    {
      name: "host doesn't match",
      podNodeName: "bar",
      node: "foo",
      want: "node(s) didn't match the requested node name",
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const s = new NodeNamePlugin().filter(
        new CycleState(),
        newPodInfo(makePod("p", c.podNodeName ? { nodeName: c.podNodeName } : {})),
        makeNodeInfo(makeNode(c.node)),
      );
      if (!c.want) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
        expect(s?.reasons).toEqual([c.want]);
        expect(ErrReason).toBe(c.want);
      }
    });
});
