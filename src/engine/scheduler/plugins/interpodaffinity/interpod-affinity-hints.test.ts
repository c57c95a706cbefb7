/** InterPodAffinity's QueueingHints (plugin_test.go v1.32: Test_isSchedulableAfterPodChange, Test_isSchedulableAfterNodeChange). */
import { describe, expect, it } from "vitest";
import { QueueingHint } from "../../framework/interface";
import { makeNode, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { isSchedulableAfterNodeChange, isSchedulableAfterPodChange } from "./interpod-affinity-hints";

const term = (key: string, topologyKey = "region") => ({
  labelSelector: { matchExpressions: [{ key, operator: "Exists" }] },
  topologyKey,
});
const withAffinity = newPodInfo(
  makePod("p", {
    affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("aaa")] } },
  }),
);
const withAntiAffinity = newPodInfo(
  makePod("p", {
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("aaa")] } },
  }),
);
const assigned = (labels: Record<string, string>) => makePod("o", { nodeName: "n1" }, { labels });

describe("isSchedulableAfterPodChange", () => {
  it.each([
    [
      "add a pod which matches the pod's scheduling constraints",
      withAffinity,
      undefined,
      assigned({ aaa: "a" }),
      QueueingHint.Queue,
    ],
    [
      "add an un-scheduled pod",
      withAffinity,
      undefined,
      makePod("o", {}, { labels: { aaa: "a" } }),
      QueueingHint.QueueSkip,
    ],
    [
      "add a pod which doesn't match any of the pod's scheduling constraints",
      withAffinity,
      undefined,
      assigned({ bbb: "b" }),
      QueueingHint.QueueSkip,
    ],
    [
      "update a pod from non-match to match pod affinity",
      withAffinity,
      assigned({ bbb: "b" }),
      assigned({ aaa: "a" }),
      QueueingHint.Queue,
    ],
    [
      "the updating pod matches target pod's affinity both before and after label changes",
      withAffinity,
      assigned({ aaa: "a" }),
      assigned({ aaa: "b" }),
      QueueingHint.QueueSkip,
    ],
    [
      "update a pod from match to non-match the pod anti-affinity",
      withAntiAffinity,
      assigned({ aaa: "a" }),
      assigned({ bbb: "b" }),
      QueueingHint.Queue,
    ],
    [
      "update a pod from match to match the pod anti-affinity",
      withAntiAffinity,
      assigned({ aaa: "a" }),
      assigned({ aaa: "b" }),
      QueueingHint.QueueSkip,
    ],
    [
      "delete a pod which doesn't match pod's anti-affinity",
      withAntiAffinity,
      assigned({ bbb: "b" }),
      undefined,
      QueueingHint.QueueSkip,
    ],
    [
      "delete a pod which matches pod's anti-affinity",
      withAntiAffinity,
      assigned({ aaa: "a" }),
      undefined,
      QueueingHint.Queue,
    ],
  ] as const)("%s", (_n, pod, o, m, want) => expect(isSchedulableAfterPodChange(pod, o, m)).toBe(want));
});

describe("isSchedulableAfterNodeChange", () => {
  const n = (labels: Record<string, string>) => makeNode("n", { labels });
  it.each([
    [
      "add a new node with matched pod affinity topologyKey",
      withAffinity,
      undefined,
      n({ region: "r1" }),
      QueueingHint.Queue,
    ],
    [
      "add a new node without matched topologyKey",
      withAffinity,
      undefined,
      n({ zone: "z1" }),
      QueueingHint.QueueSkip,
    ],
    ["update node topologyKey", withAffinity, n({ region: "r1" }), n({ region: "r2" }), QueueingHint.Queue],
    [
      "update node label but not topologyKey",
      withAffinity,
      n({ region: "r1", a: "1" }),
      n({ region: "r1", a: "2" }),
      QueueingHint.QueueSkip,
    ],
    [
      "update node label to add the affinity topologyKey",
      withAffinity,
      n({}),
      n({ region: "r1" }),
      QueueingHint.Queue,
    ],
    ["add a new node with anti-affinity", withAntiAffinity, undefined, n({ zone: "z1" }), QueueingHint.Queue],
    [
      "update node to remove the anti-affinity topologyKey",
      withAntiAffinity,
      n({ region: "r1" }),
      n({}),
      QueueingHint.Queue,
    ],
    [
      "update node to add the anti-affinity topologyKey",
      withAntiAffinity,
      n({}),
      n({ region: "r1" }),
      QueueingHint.QueueSkip,
    ],
    [
      "update anti-affinity topology value",
      withAntiAffinity,
      n({ region: "r1" }),
      n({ region: "r2" }),
      QueueingHint.Queue,
    ],
  ] as const)("%s", (_n, pod, o, m, want) => expect(isSchedulableAfterNodeChange(pod, o, m)).toBe(want));
});
