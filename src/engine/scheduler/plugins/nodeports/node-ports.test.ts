// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeports/node_ports_test.go
// (release-1.32): TestNodePorts, TestPreFilterDisabled, TestGetContainerPorts.
// Test_isSchedulableAfterPodDeleted tests a queueing hint, which Kubeglass keeps in queue/.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../api/kinds";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod, preFiltered } from "../../framework/testing";
import { NodeInfo, newPodInfo } from "../../framework/types";
import { ErrReason, NodePortsPlugin, preFilterStateKey } from "./node-ports";

let seq = 0;
/** newPod(host, "proto/ip/port"...): one container with those host ports. */
function newPod(host: string, ...hostPortInfos: string[]): Pod {
  seq++;
  return makePod(`p${seq}`, {
    nodeName: host,
    containers: [
      {
        name: "c",
        ports: hostPortInfos.map((s) => {
          const [protocol, hostIP, port] = s.split("/");
          return { protocol, hostIP, hostPort: Number(port) };
        }),
      },
    ],
  });
}

describe("NodePorts PreFilter and Filter (TestNodePorts)", () => {
  const cases: { name: string; pod: Pod; existing?: Pod; wantPreFilter?: Code; wantFilter?: string }[] = [
    { name: "skip filter", pod: makePod("empty"), wantPreFilter: Code.Skip },
    {
      name: "other port",
      pod: newPod("m1", "UDP/127.0.0.1/8080"),
      existing: newPod("m1", "UDP/127.0.0.1/9090"),
    },
    {
      name: "same udp port",
      pod: newPod("m1", "UDP/127.0.0.1/8080"),
      existing: newPod("m1", "UDP/127.0.0.1/8080"),
      wantFilter: ErrReason,
    },
    {
      name: "same tcp port",
      pod: newPod("m1", "TCP/127.0.0.1/8080"),
      existing: newPod("m1", "TCP/127.0.0.1/8080"),
      wantFilter: ErrReason,
    },
    {
      name: "different host ip",
      pod: newPod("m1", "TCP/127.0.0.1/8080"),
      existing: newPod("m1", "TCP/127.0.0.2/8080"),
    },
    {
      name: "different protocol",
      pod: newPod("m1", "UDP/127.0.0.1/8080"),
      existing: newPod("m1", "TCP/127.0.0.1/8080"),
    },
    {
      name: "second udp port conflict",
      pod: newPod("m1", "UDP/127.0.0.1/8000", "UDP/127.0.0.1/8080"),
      existing: newPod("m1", "UDP/127.0.0.1/8080"),
      wantFilter: ErrReason,
    },
    {
      name: "first tcp port conflict",
      pod: newPod("m1", "TCP/127.0.0.1/8001", "UDP/127.0.0.1/8080"),
      existing: newPod("m1", "TCP/127.0.0.1/8001", "UDP/127.0.0.1/8081"),
      wantFilter: ErrReason,
    },
    {
      name: "first tcp port conflict due to 0.0.0.0 hostIP",
      pod: newPod("m1", "TCP/0.0.0.0/8001"),
      existing: newPod("m1", "TCP/127.0.0.1/8001"),
      wantFilter: ErrReason,
    },
    {
      name: "TCP hostPort conflict due to 0.0.0.0 hostIP",
      pod: newPod("m1", "TCP/10.0.10.10/8001", "TCP/0.0.0.0/8001"),
      existing: newPod("m1", "TCP/127.0.0.1/8001"),
      wantFilter: ErrReason,
    },
    {
      name: "second tcp port conflict to 0.0.0.0 hostIP",
      pod: newPod("m1", "TCP/127.0.0.1/8001"),
      existing: newPod("m1", "TCP/0.0.0.0/8001"),
      wantFilter: ErrReason,
    },
    {
      name: "second different protocol",
      pod: newPod("m1", "UDP/127.0.0.1/8001"),
      existing: newPod("m1", "TCP/0.0.0.0/8001"),
    },
    {
      name: "UDP hostPort conflict due to 0.0.0.0 hostIP",
      pod: newPod("m1", "UDP/127.0.0.1/8001"),
      existing: newPod("m1", "TCP/0.0.0.0/8001", "UDP/0.0.0.0/8001"),
      wantFilter: ErrReason,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pl = new NodePortsPlugin();
      const p = newPodInfo(c.pod);
      // framework.NewNodeInfo(pods...): a node info without a Node object.
      const ni = new NodeInfo("");
      if (c.existing) ni.addPod(newPodInfo(c.existing));
      const { state, status } = preFiltered(pl, p, [ni]);
      if (c.wantPreFilter !== undefined) {
        expect(status?.code).toBe(c.wantPreFilter);
        return;
      }
      expect(status).toBeUndefined();
      const s = pl.filter(state, p, ni);
      if (!c.wantFilter) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.Unschedulable);
        expect(s?.reasons).toEqual([c.wantFilter]);
        expect(ErrReason).toBe("node(s) didn't have free ports for the requested pod ports");
      }
    });
});

describe("NodePorts Filter without PreFilter (TestPreFilterDisabled)", () => {
  it("returns an Error status", () => {
    const s = new NodePortsPlugin().filter(
      new CycleState(),
      newPodInfo(makePod("p")),
      makeNodeInfo(makeNode("", { allocatable: {} })),
    );
    expect(s?.code).toBe(Code.Error);
    expect(s?.reasons).toEqual([`error reading "${preFilterStateKey}" from cycleState: not found`]);
    expect(preFilterStateKey).toBe("PreFilterNodePorts");
  });
});

describe("NodePorts host ports of pods (TestGetContainerPorts)", () => {
  const ports = (...nums: number[][]) =>
    nums.map((group, i) => ({
      name: `c${i}`,
      ports: group.map((n) =>
        n % 10 === 5
          ? { containerPort: n, protocol: "TCP" }
          : { containerPort: n, hostPort: n, protocol: "TCP" },
      ),
    }));
  it("case_0", () => {
    const pod1 = makePod("pod1", { containers: ports([8001, 8002], [8003, 8004], [8005]) });
    const pod2 = makePod("pod2", { containers: ports([8011, 8012], [8013, 8014], [8015]) });
    const got = [...newPodInfo(pod1).ports, ...newPodInfo(pod2).ports];
    expect(got.map((p) => [p.protocol, p.port])).toEqual(
      [8001, 8002, 8003, 8004, 8011, 8012, 8013, 8014].map((n) => ["TCP", n]),
    );
  });
});
