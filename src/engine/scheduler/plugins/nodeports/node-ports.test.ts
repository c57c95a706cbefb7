// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeports/node_ports_test.go (TestNodePorts).
import { describe, expect, it } from "vitest";
import { Code } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod, preFiltered } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { ErrReason, NodePortsPlugin } from "./node-ports";

/** "proto/ip/port" strings, as upstream's newPod(host, hostPortInfos...). */
const pod = (...ports: string[]) =>
  makePod(`p${ports.join()}`, {
    containers: [
      {
        name: "c",
        ports: ports.map((s) => {
          const [protocol, hostIP, port] = s.split("/");
          return { protocol, hostIP, hostPort: Number(port), containerPort: Number(port) };
        }),
      },
    ],
  });

describe("NodePorts Filter", () => {
  const cases: [string, string[], string[], boolean][] = [
    ["nothing running", [], [], true],
    ["other port", ["UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/9090"], true],
    ["same udp port", ["UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/8080"], false],
    ["same tcp port", ["TCP/127.0.0.1/8080"], ["TCP/127.0.0.1/8080"], false],
    ["different host ip", ["TCP/127.0.0.1/8080"], ["TCP/127.0.0.2/8080"], true],
    ["different protocol", ["UDP/127.0.0.1/8080"], ["TCP/127.0.0.1/8080"], true],
    ["second udp port conflict", ["UDP/127.0.0.1/8000", "UDP/127.0.0.1/8080"], ["UDP/127.0.0.1/8080"], false],
    [
      "first tcp port conflict",
      ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8080"],
      ["TCP/127.0.0.1/8001", "UDP/127.0.0.1/8081"],
      false,
    ],
    ["first tcp port conflict due to 0.0.0.0 hostIP", ["TCP/0.0.0.0/8001"], ["TCP/127.0.0.1/8001"], false],
    [
      "TCP hostPort conflict due to 0.0.0.0 hostIP",
      ["TCP/10.0.10.10/8001", "TCP/0.0.0.0/8001"],
      ["TCP/127.0.0.1/8001"],
      false,
    ],
    ["second tcp port conflict to 0.0.0.0 hostIP", ["TCP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001"], false],
    ["second different protocol", ["UDP/127.0.0.1/8001"], ["TCP/0.0.0.0/8001"], true],
    [
      "UDP hostPort conflict due to 0.0.0.0 hostIP",
      ["UDP/127.0.0.1/8001"],
      ["TCP/0.0.0.0/8001", "UDP/0.0.0.0/8001"],
      false,
    ],
  ];
  for (const [name, wanted, existing, fits] of cases)
    it(name, () => {
      const pl = new NodePortsPlugin();
      const p = newPodInfo(pod(...wanted));
      const ni = makeNodeInfo(makeNode("n"), pod(...existing));
      const { state, status } = preFiltered(pl, p, [ni]);
      if (wanted.length === 0) {
        expect(status?.code).toBe(Code.Skip);
        return;
      }
      const s = pl.filter(state, p, ni);
      if (fits) expect(s).toBeUndefined();
      else expect(s?.reasons).toEqual([ErrReason]);
    });
});
