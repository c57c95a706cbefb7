/**
 * --sort-by, after staging/src/k8s.io/kubectl/pkg/cmd/get/sorter_test.go (TestSortingPrinter,
 * TestRuntimeSortLess), and github.com/fvbommel/sortorder's NaturalLess rules.
 */
import { describe, expect, test } from "vitest";
import { JsonPath, JsonPathError } from "./jsonpath";
import { isLess, naturalLess, sortByField } from "./sorter";

// biome-ignore lint/suspicious/noExplicitAny: test objects
type Json = any;

const pod = (name: string): Json => ({ kind: "Pod", metadata: { name } });
const ts = (s: number) => new Date(s * 1000).toISOString().replace(/\.000Z$/, "Z");
/** createPodSpecResource(memReq, memLimit, cpuReq, cpuLimit) as the API server serializes it. */
const resources = (memReq: string, cpuReq: string): Json => ({
  kind: "Pod",
  spec: {
    containers: [
      {
        resources: {
          requests: { ...(memReq ? { memory: memReq } : {}), ...(cpuReq ? { cpu: cpuReq } : {}) },
        },
      },
    ],
  },
});

describe("TestSortingPrinter", () => {
  const cases: { name: string; obj: Json[]; sort?: Json[]; field: string; err?: string }[] = [
    { name: "empty", obj: [], sort: [], field: "{.metadata.name}" },
    {
      name: "in-order-already",
      obj: [pod("a"), pod("b"), pod("c")],
      sort: [pod("a"), pod("b"), pod("c")],
      field: "{.metadata.name}",
    },
    {
      name: "reverse-order",
      obj: [pod("b"), pod("c"), pod("a")],
      sort: [pod("a"), pod("b"), pod("c")],
      field: "{.metadata.name}",
    },
    {
      name: "random-order-timestamp",
      obj: [300, 100, 200].map((s) => ({ metadata: { creationTimestamp: ts(s) } })),
      sort: [100, 200, 300].map((s) => ({ metadata: { creationTimestamp: ts(s) } })),
      field: "{.metadata.creationTimestamp}",
    },
    {
      name: "random-order-numbers",
      obj: [5, 1, 9].map((n) => ({ spec: { replicas: n } })),
      sort: [1, 5, 9].map((n) => ({ spec: { replicas: n } })),
      field: "{.spec.replicas}",
    },
    {
      name: "some-missing-fields",
      obj: [{ status: { availableReplicas: 2 } }, { status: {} }, { status: { availableReplicas: 1 } }],
      sort: [{ status: {} }, { status: { availableReplicas: 1 } }, { status: { availableReplicas: 2 } }],
      field: "{.status.availableReplicas}",
    },
    {
      name: "all-missing-fields",
      obj: [{ status: { replicas: 0 } }, { status: { replicas: 0 } }],
      field: "{.status.availableReplicas}",
      err: 'couldn\'t find any field with path "{.status.availableReplicas}" in the list of objects',
    },
    {
      name: "model-invalid-fields",
      obj: [{ status: {} }, { status: {} }, { status: {} }],
      field: "{.invalid}",
      err: 'couldn\'t find any field with path "{.invalid}" in the list of objects',
    },
    {
      name: "empty fields",
      obj: [
        { metadata: { creationTimestamp: ts(300) }, lastTimestamp: ts(300) },
        { metadata: { creationTimestamp: ts(200) } },
      ],
      sort: [
        { metadata: { creationTimestamp: ts(200) } },
        { metadata: { creationTimestamp: ts(300) }, lastTimestamp: ts(300) },
      ],
      field: "{.lastTimestamp}",
    },
    {
      name: "pod-resources-cpu-random-order-with-missing-fields",
      obj: [resources("", "500m"), resources("", "10"), resources("", "100m"), resources("", "")],
      sort: [resources("", ""), resources("", "100m"), resources("", "500m"), resources("", "10")],
      field: "{.spec.containers[].resources.requests.cpu}",
    },
    {
      name: "pod-resources-memory-random-order-with-missing-fields",
      obj: ["128Mi", "10Ei", "8Ti", "64Gi", "55Pi", "2Ki", ""].map((m) => resources(m, "")),
      sort: ["", "2Ki", "128Mi", "64Gi", "8Ti", "55Pi", "10Ei"].map((m) => resources(m, "")),
      field: "{.spec.containers[].resources.requests.memory}",
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      if (c.err) expect(() => sortByField(c.obj, c.field)).toThrow(new JsonPathError(c.err));
      else expect(sortByField(c.obj, c.field)).toEqual(c.sort);
    });
});

describe("TestRuntimeSortLess", () => {
  const objs = [
    { metadata: { name: "b" }, ...resources("0.5", "1Gi") },
    { metadata: { name: "c" }, ...resources("2", "1Ti") },
    { metadata: { name: "a" }, ...resources("10m", "1Ki") },
  ];
  // RuntimeSort.Less: isLess of the first value the path finds in each object.
  const less = (field: string, i: number, j: number) => {
    const first = (o: Json) => new JsonPath(field, { allowMissingKeys: true }).findResults(o)[0]?.[0];
    return isLess(first(objs[i]), first(objs[j]));
  };
  test.each([
    ["{.metadata.name}", 0, 1, true],
    ["{.metadata.name}", 1, 2, false],
    ["{.spec.containers[].resources.requests.cpu}", 0, 1, true],
    ["{.spec.containers[].resources.requests.cpu}", 1, 2, false],
    ["{.spec.containers[].resources.requests.memory}", 0, 1, true],
    ["{.spec.containers[].resources.requests.memory}", 1, 2, false],
  ] as const)("%s: %d < %d is %s", (field, i, j, want) => {
    expect(less(field, i, j)).toBe(want);
  });
});

describe("isLess on decoded JSON", () => {
  test("quantities as quantities, numbers as numbers, other strings naturally", () => {
    expect(isLess("40Mi", "1Gi")).toBe(true);
    expect(isLess("1Gi", "40Mi")).toBe(false);
    expect(isLess("500m", "1")).toBe(true);
    expect(isLess(10, 9)).toBe(false);
    expect(isLess("pod-9", "pod-10")).toBe(true);
    expect(isLess("2024-01-02T00:00:00Z", "2024-01-10T00:00:00Z")).toBe(true);
    expect(() => isLess({ a: "1" }, { a: "2" })).toThrow("unsortable type: map[string]interface {}");
  });
});

describe("naturalLess (sortorder.NaturalLess: digits first, numbers by value, fewer leading zeros first)", () => {
  test.each([
    ["0", "00", true],
    ["00", "0", false],
    ["aa", "ab", true],
    ["ab", "abc", true],
    ["abc", "ad", true],
    ["ab1", "ab2", true],
    ["ab1c", "ab1c", false],
    ["ab12", "abc", true],
    ["ab2a", "ab10", true],
    ["a0001", "a0000001", true],
    ["a10", "abcdefgh2", true],
    ["аб2аб", "аб10аб", true],
    ["2аб", "3аб", true],
    ["a1b", "a01b", true],
    ["a01b", "a1b", false],
    ["ab01b", "ab010b", true],
    ["ab010b", "ab01b", false],
    ["a01b001", "a001b01", true],
    ["a001b01", "a01b001", false],
    ["a1", "a1x", true],
    ["1ax", "1b", true],
    ["1b", "1ax", false],
    ["082", "83", true],
    ["083a", "9a", false],
    ["9a", "083a", true],
  ] as const)("%s < %s is %s", (a, b, want) => {
    expect(naturalLess(a, b)).toBe(want);
  });
});
