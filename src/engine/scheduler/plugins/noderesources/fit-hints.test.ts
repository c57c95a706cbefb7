/** NodeResourcesFit's QueueingHints (fit_test.go v1.32: TestIsSchedulableAfterPodEvent, TestIsSchedulableAfterNodeChange, TestHaveAnyRequestedResourcesIncreased). */
import { describe, expect, it } from "vitest";
import { QueueingHint } from "../../framework/interface";
import { makeNode, makePod, resourcePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import {
  haveAnyRequestedResourcesIncreased,
  isSchedulableAfterNodeChange,
  isSchedulableAfterPodEvent,
} from "./fit-hints";

const node = (alloc: Record<string, string>) => makeNode("fake", { allocatable: alloc });

describe("isSchedulableAfterPodEvent", () => {
  const pod = newPodInfo(resourcePod("pod1", { cpu: "1" }));
  it.each([
    ["queue-on-deleted-scheduled-pod", makePod("pod2", { nodeName: "fake" }), undefined, QueueingHint.Queue],
    ["skip-queue-on-unscheduled-pod-deleted", makePod("pod2"), undefined, QueueingHint.QueueSkip],
    [
      "skip-queue-on-disable-inplace-pod-vertical-scaling",
      resourcePod("pod2", { cpu: "2" }),
      resourcePod("pod2", { cpu: "1" }),
      QueueingHint.QueueSkip,
    ],
  ])("%s", (_n, oldObj, newObj, want) => expect(isSchedulableAfterPodEvent(pod, oldObj, newObj)).toBe(want));
});

describe("isSchedulableAfterNodeChange", () => {
  const cases: [
    string,
    Record<string, string>,
    Record<string, string> | undefined,
    Record<string, string>,
    QueueingHint,
  ][] = [
    [
      "queue-on-node-add",
      { cpu: "1" },
      undefined,
      { cpu: "1", memory: "1Gi", pods: "110" },
      QueueingHint.Queue,
    ],
    [
      "skip-queue-on-node-add-without-sufficient-resources",
      { cpu: "4" },
      undefined,
      { cpu: "1", pods: "110" },
      QueueingHint.QueueSkip,
    ],
    [
      "skip-queue-on-node-add-without-required-resource-type",
      { "example.com/gpu": "1" },
      undefined,
      { cpu: "4", pods: "110" },
      QueueingHint.QueueSkip,
    ],
    [
      "queue-on-node-changes-with-sufficient-resources",
      { cpu: "4" },
      { cpu: "2", pods: "110" },
      { cpu: "4", pods: "110" },
      QueueingHint.Queue,
    ],
    [
      "skip-queue-on-node-changes-from-suitable-to-unsuitable",
      { cpu: "4" },
      { cpu: "4", pods: "110" },
      { cpu: "2", pods: "110" },
      QueueingHint.QueueSkip,
    ],
    [
      "skip-queue-on-node-changes-without-requested-resource-increase",
      { cpu: "1" },
      { cpu: "4", memory: "1Gi", pods: "110" },
      { cpu: "4", memory: "2Gi", pods: "110" },
      QueueingHint.QueueSkip,
    ],
    [
      "queue-on-node-changes-with-pod-number-increase",
      { cpu: "1" },
      { cpu: "4", pods: "1" },
      { cpu: "4", pods: "2" },
      QueueingHint.Queue,
    ],
    [
      "queue-on-node-changes-with-extended-resource-increase",
      { "example.com/gpu": "1" },
      { "example.com/gpu": "0", pods: "110" },
      { "example.com/gpu": "2", pods: "110" },
      QueueingHint.Queue,
    ],
  ];
  it.each(cases)("%s", (_n, req, oldAlloc, newAlloc, want) => {
    const pod = newPodInfo(resourcePod("pod1", req));
    expect(isSchedulableAfterNodeChange(pod, oldAlloc && node(oldAlloc), node(newAlloc))).toBe(want);
  });
});

describe("haveAnyRequestedResourcesIncreased", () => {
  it.each([
    ["no-requested-resources", {}, { cpu: "1" }, { cpu: "2" }, false],
    ["no-requested-resources-pods-increased", {}, { pods: "1" }, { pods: "2" }, true],
    ["requested-resources-decreased", { cpu: "2" }, { cpu: "4" }, { cpu: "2" }, false],
    [
      "requested-resources-increased",
      { cpu: "2", memory: "2Gi" },
      { cpu: "2", memory: "2Gi" },
      { cpu: "2", memory: "4Gi" },
      true,
    ],
    [
      "non-requested-resources-increased",
      { cpu: "2" },
      { cpu: "2", memory: "2Gi" },
      { cpu: "2", memory: "4Gi" },
      false,
    ],
  ] as const)("%s", (_n, req, o, m, want) =>
    expect(haveAnyRequestedResourcesIncreased(newPodInfo(resourcePod("p", req)), node(o), node(m))).toBe(
      want,
    ),
  );
});
