/** NodePorts' QueueingHint (node_ports_test.go v1.32: TestNodePortsIsSchedulableAfterPodDeleted). */
import { describe, expect, it } from "vitest";
import { QueueingHint } from "../../framework/interface";
import { makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { isSchedulableAfterPodDeleted } from "./node-ports-hints";

const withPort = (name: string, hostPort: number, nodeName?: string) =>
  makePod(name, {
    nodeName,
    containers: [{ name: "c", image: "x", ports: [{ containerPort: 80, hostPort }] }],
  });

describe("isSchedulableAfterPodDeleted", () => {
  const pod = newPodInfo(withPort("pod1", 80));
  it.each([
    ["skip-queue-on-unscheduled", withPort("pod2", 80), QueueingHint.QueueSkip],
    [
      "skip-queue-on-non-hostport",
      makePod("pod2", {
        nodeName: "n1",
        containers: [{ name: "c", image: "x", ports: [{ containerPort: 80 }] }],
      }),
      QueueingHint.QueueSkip,
    ],
    ["skip-queue-on-unrelated-hostport", withPort("pod2", 8080, "n1"), QueueingHint.QueueSkip],
    ["queue-on-released-hostport", withPort("pod2", 80, "n1"), QueueingHint.Queue],
  ] as const)("%s", (_n, deleted, want) =>
    expect(isSchedulableAfterPodDeleted(pod, deleted, undefined)).toBe(want),
  );
});
