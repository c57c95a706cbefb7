/** PodTopologySpread's QueueingHints (plugin_test.go v1.32: Test_isSchedulableAfterNodeChange, Test_isSchedulableAfterPodChange). */
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../api/kinds";
import { QueueingHint } from "../../framework/interface";
import { makeNode, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import type { Constraint } from "./pod-topology-spread";
import { isSchedulableAfterNodeChange, isSchedulableAfterPodChange } from "./pod-topology-spread-hints";

const constraint = (topologyKey: string, nodeTaintsPolicy = "Ignore"): Constraint =>
  ({
    maxSkew: 1,
    topologyKey,
    selector: { matchExpressions: [{ key: "foo", operator: "Exists" }] },
    minDomains: 1,
    nodeAffinityPolicy: "Honor",
    nodeTaintsPolicy,
  }) as Constraint;
const of =
  (...cs: Constraint[]) =>
  (_: Pod) =>
    cs;

describe("isSchedulableAfterNodeChange", () => {
  const pod = newPodInfo(makePod("p", {}, { labels: { foo: "" } }));
  const n = (labels: Record<string, string>, taints?: unknown[]) => makeNode("node-a", { labels, taints });
  const zone = of(constraint("zone"));
  const zoneNode = of(constraint("zone"), constraint("node"));
  it.each([
    [
      "node updates label which matches topologyKey",
      zone,
      n({ zone: "zone1" }),
      n({ zone: "zone2" }),
      QueueingHint.Queue,
    ],
    [
      "node that doesn't match topologySpreadConstraints updates non-related label",
      zone,
      n({ foo: "bar1" }),
      n({ foo: "bar2" }),
      QueueingHint.QueueSkip,
    ],
    [
      "node that match topologySpreadConstraints adds non-related label",
      zoneNode,
      n({ zone: "z", node: "n" }),
      n({ zone: "z", node: "n", foo: "x" }),
      QueueingHint.QueueSkip,
    ],
    ["create node with non-related labels", zone, undefined, n({ foo: "bar" }), QueueingHint.QueueSkip],
    ["create node with related labels", zone, undefined, n({ zone: "zone1" }), QueueingHint.Queue],
    ["delete node with non-related labels", zone, n({ foo: "bar" }), undefined, QueueingHint.QueueSkip],
    ["delete node with related labels", zone, n({ zone: "zone1" }), undefined, QueueingHint.Queue],
    [
      "add node with related labels that only match one of topologySpreadConstraints",
      zoneNode,
      undefined,
      n({ zone: "zone1" }),
      QueueingHint.QueueSkip,
    ],
    [
      "add node with related labels that match all topologySpreadConstraints",
      zoneNode,
      undefined,
      n({ zone: "z", node: "n" }),
      QueueingHint.Queue,
    ],
    [
      "update node with related labels that only match one of topologySpreadConstraints",
      zoneNode,
      n({ zone: "z" }),
      n({ zone: "z2" }),
      QueueingHint.QueueSkip,
    ],
    [
      "update node with related labels that match all topologySpreadConstraints",
      zoneNode,
      n({ zone: "z", node: "n" }),
      n({ zone: "z", node: "n2" }),
      QueueingHint.Queue,
    ],
    [
      "node updates taints",
      zone,
      n({ zone: "z" }),
      n({ zone: "z" }, [{ key: "k", effect: "NoSchedule" }]),
      QueueingHint.Queue,
    ],
  ] as const)("%s", (_n, cs, o, m, want) => expect(isSchedulableAfterNodeChange(cs, pod, o, m)).toBe(want));
});

describe("isSchedulableAfterPodChange", () => {
  const pod = newPodInfo(makePod("p", {}, { labels: { foo: "" } }));
  const scheduled = (labels: Record<string, string>, ns = "default") =>
    makePod("q", { nodeName: "fake-node" }, { labels, namespace: ns });
  const zone = of(constraint("zone"));
  it.each([
    [
      "add pod with labels match topologySpreadConstraints selector",
      zone,
      undefined,
      scheduled({ foo: "" }),
      QueueingHint.Queue,
    ],
    [
      "add un-scheduled pod",
      zone,
      undefined,
      makePod("q", {}, { labels: { foo: "" } }),
      QueueingHint.QueueSkip,
    ],
    [
      "update un-scheduled pod",
      zone,
      makePod("q", {}, { labels: { foo: "" } }),
      makePod("q", {}, { labels: { bar: "" } }),
      QueueingHint.QueueSkip,
    ],
    [
      "delete un-scheduled pod",
      zone,
      makePod("q", {}, { labels: { foo: "" } }),
      undefined,
      QueueingHint.QueueSkip,
    ],
    [
      "add pod with different namespace",
      zone,
      undefined,
      scheduled({ foo: "" }, "fake-namespace"),
      QueueingHint.QueueSkip,
    ],
    [
      "add pod with labels don't match topologySpreadConstraints selector",
      zone,
      undefined,
      scheduled({ bar: "" }),
      QueueingHint.QueueSkip,
    ],
    [
      "delete pod with labels that match topologySpreadConstraints selector",
      zone,
      scheduled({ foo: "" }),
      undefined,
      QueueingHint.Queue,
    ],
    [
      "delete pod with labels that don't match topologySpreadConstraints selector",
      zone,
      scheduled({ bar: "" }),
      undefined,
      QueueingHint.QueueSkip,
    ],
    [
      "update pod's non-related label",
      zone,
      scheduled({ foo: "", bar: "bar1" }),
      scheduled({ foo: "", bar: "bar2" }),
      QueueingHint.QueueSkip,
    ],
    [
      "add pod's label that matches topologySpreadConstraints selector",
      zone,
      scheduled({}),
      scheduled({ foo: "" }),
      QueueingHint.Queue,
    ],
    [
      "delete pod's label that matches topologySpreadConstraints selector",
      zone,
      scheduled({ foo: "", bar: "" }),
      scheduled({ bar: "" }),
      QueueingHint.Queue,
    ],
    [
      "change pod's label that matches topologySpreadConstraints selector",
      zone,
      scheduled({ foo: "foo1" }),
      scheduled({ foo: "foo2" }),
      QueueingHint.QueueSkip,
    ],
    [
      "pod's toleration updated and the constraint has NodeTaintsPolicy Honor",
      of(constraint("zone", "Honor")),
      makePod("p", {}, { labels: { foo: "" } }),
      makePod("p", { tolerations: [{ key: "k", operator: "Exists" }] }, { labels: { foo: "" } }),
      QueueingHint.Queue,
    ],
    [
      "pod's toleration updated and the constraint ignores taints",
      zone,
      makePod("p", {}, { labels: { foo: "" } }),
      makePod("p", { tolerations: [{ key: "k", operator: "Exists" }] }, { labels: { foo: "" } }),
      QueueingHint.QueueSkip,
    ],
  ] as const)("%s", (_n, cs, o, m, want) => expect(isSchedulableAfterPodChange(cs, pod, o, m)).toBe(want));
});
