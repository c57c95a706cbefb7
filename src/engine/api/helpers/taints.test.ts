// Ported from kubernetes/kubernetes release-1.32: staging/src/k8s.io/api/core/v1/toleration_test.go
// (TestTolerationToleratesTaint) and component-helpers/scheduling/corev1/helpers_test.go
// (TestFindMatchingUntoleratedTaint; the Gt/Lt toleration operators are newer than v1.32).
import { describe, expect, it } from "vitest";
import type { Taint, Toleration } from "../kinds";
import { findMatchingUntoleratedTaint, toleratesTaint } from "./taints";

describe("TestTolerationToleratesTaint", () => {
  const cases: { name: string; toleration: Toleration; taint: Taint; want: boolean }[] = [
    {
      name: "toleration and taint have the same key and effect, and operator is Exists, and taint has no value, expect tolerated",
      toleration: { key: "foo", operator: "Exists", effect: "NoSchedule" },
      taint: { key: "foo", effect: "NoSchedule" },
      want: true,
    },
    {
      name: "toleration and taint have the same key and effect, and operator is Exists, and taint has some value, expect tolerated",
      toleration: { key: "foo", operator: "Exists", effect: "NoSchedule" },
      taint: { key: "foo", value: "bar", effect: "NoSchedule" },
      want: true,
    },
    {
      name: "toleration and taint have the same effect, toleration has empty key and operator is Exists, means match all taints, expect tolerated",
      toleration: { key: "", operator: "Exists", effect: "NoSchedule" },
      taint: { key: "foo", value: "bar", effect: "NoSchedule" },
      want: true,
    },
    {
      name: "toleration and taint have the same key, effect and value, and operator is Equal, expect tolerated",
      toleration: { key: "foo", operator: "Equal", value: "bar", effect: "NoSchedule" },
      taint: { key: "foo", value: "bar", effect: "NoSchedule" },
      want: true,
    },
    {
      name: "toleration and taint have the same key and effect, but different values, and operator is Equal, expect not tolerated",
      toleration: { key: "foo", operator: "Equal", value: "value1", effect: "NoSchedule" },
      taint: { key: "foo", value: "value2", effect: "NoSchedule" },
      want: false,
    },
    {
      name: "toleration and taint have the same key and value, but different effects, and operator is Equal, expect not tolerated",
      toleration: { key: "foo", operator: "Equal", value: "bar", effect: "NoSchedule" },
      taint: { key: "foo", value: "bar", effect: "NoExecute" },
      want: false,
    },
  ];
  for (const c of cases) it(c.name, () => expect(toleratesTaint(c.toleration, c.taint)).toBe(c.want));
});

describe("TestFindMatchingUntoleratedTaint", () => {
  const cases: {
    name: string;
    tolerations: Toleration[];
    taints: Taint[];
    filter?: (t: Taint) => boolean;
    tolerated: boolean;
  }[] = [
    {
      name: "empty tolerations tolerate empty taints",
      tolerations: [],
      taints: [],
      filter: () => true,
      tolerated: true,
    },
    {
      name: "non-empty tolerations tolerate empty taints",
      tolerations: [{ key: "foo", operator: "Exists", effect: "NoSchedule" }],
      taints: [],
      filter: () => true,
      tolerated: true,
    },
    {
      name: "tolerations match all taints, expect tolerated",
      tolerations: [{ key: "foo", operator: "Exists", effect: "NoSchedule" }],
      taints: [{ key: "foo", effect: "NoSchedule" }],
      filter: () => true,
      tolerated: true,
    },
    {
      name: "tolerations don't match taints, but no taints apply to the filter, expect tolerated",
      tolerations: [{ key: "foo", operator: "Exists", effect: "NoSchedule" }],
      taints: [{ key: "bar", effect: "NoSchedule" }],
      filter: () => false,
      tolerated: true,
    },
    {
      name: "no filterFunc indicated, means all taints apply to the filter, tolerations don't match taints, expect untolerated",
      tolerations: [{ key: "foo", operator: "Exists", effect: "NoSchedule" }],
      taints: [{ key: "bar", effect: "NoSchedule" }],
      tolerated: false,
    },
    {
      name: "tolerations match taints, expect tolerated",
      tolerations: [{ key: "foo", operator: "Exists", effect: "NoExecute" }],
      taints: [
        { key: "foo", effect: "NoExecute" },
        { key: "bar", effect: "NoSchedule" },
      ],
      filter: (t) => t.effect === "NoExecute",
      tolerated: true,
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      expect(findMatchingUntoleratedTaint(c.taints, c.tolerations, c.filter) === undefined).toBe(c.tolerated),
    );
});
