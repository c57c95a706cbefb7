/**
 * Taint parsing and merging, after staging/src/k8s.io/kubectl/pkg/cmd/taint/utils_test.go
 * (TestParseTaints, TestReorganizeTaints) and taint_test.go (TestTaint messages).
 */
import { describe, expect, test } from "vitest";
import type { Taint } from "../../engine/api/kinds";
import { parseTaints, reorganizeTaints } from "./taint";

describe("parseTaints (utils_test.go TestParseTaints)", () => {
  const cases: { name: string; spec: string[]; add?: Taint[]; remove?: Taint[]; err?: string }[] = [
    { name: "invalid spec format", spec: [""], err: "invalid taint spec: " },
    { name: "invalid spec format without effect", spec: ["foo=abc"], err: "invalid taint spec: foo=abc" },
    {
      name: "invalid spec format with multiple '='",
      spec: ["foo=abc=xyz:NoSchedule"],
      err: "invalid taint spec: foo=abc=xyz:NoSchedule",
    },
    {
      name: "invalid spec format with multiple ':'",
      spec: ["foo=abc:xyz:NoSchedule"],
      err: "invalid taint spec: foo=abc:xyz:NoSchedule",
    },
    {
      name: "invalid spec effect for adding taint",
      spec: ["foo=abc:invalid_effect"],
      err: "invalid taint effect: invalid_effect, unsupported taint effect",
    },
    {
      name: "invalid spec effect for deleting taint",
      spec: ["foo:invalid_effect-"],
      err: "invalid taint effect: invalid_effect, unsupported taint effect",
    },
    {
      name: "add new taints",
      spec: [
        "foo=abc:NoSchedule",
        "bar=abc:NoSchedule",
        "baz:NoSchedule",
        "qux:NoSchedule",
        "foobar=:NoSchedule",
      ],
      add: [
        { key: "foo", value: "abc", effect: "NoSchedule" },
        { key: "bar", value: "abc", effect: "NoSchedule" },
        { key: "baz", effect: "NoSchedule" },
        { key: "qux", effect: "NoSchedule" },
        { key: "foobar", effect: "NoSchedule" },
      ],
      remove: [],
    },
    {
      name: "delete taints",
      spec: ["foo:NoSchedule-", "bar:NoSchedule-", "qux=:NoSchedule-", "dedicated-"],
      add: [],
      remove: [
        { key: "foo", effect: "NoSchedule" },
        { key: "bar", effect: "NoSchedule" },
        { key: "qux", effect: "NoSchedule" },
        { key: "dedicated", effect: "" as Taint["effect"] },
      ],
    },
    {
      name: "add taints and delete taints",
      spec: [
        "foo=abc:NoSchedule",
        "bar=abc:NoSchedule",
        "baz:NoSchedule",
        "qux:NoSchedule",
        "foobar=:NoSchedule",
        "foo:NoSchedule-",
        "bar:NoSchedule-",
        "baz=:NoSchedule-",
      ],
      add: [
        { key: "foo", value: "abc", effect: "NoSchedule" },
        { key: "bar", value: "abc", effect: "NoSchedule" },
        { key: "baz", effect: "NoSchedule" },
        { key: "qux", effect: "NoSchedule" },
        { key: "foobar", effect: "NoSchedule" },
      ],
      remove: [
        { key: "foo", effect: "NoSchedule" },
        { key: "bar", effect: "NoSchedule" },
        { key: "baz", effect: "NoSchedule" },
      ],
    },
    {
      name: "duplicated taints with the same key and effect",
      spec: ["foo=abc:NoSchedule", "foo=abc:NoSchedule"],
      err: "duplicated taints with the same key and effect: {foo abc NoSchedule <nil>}",
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      if (c.err) {
        expect(() => parseTaints(c.spec)).toThrow(c.err);
        return;
      }
      expect(parseTaints(c.spec)).toEqual({ add: c.add, remove: c.remove });
    });
});

describe("reorganizeTaints (utils_test.go TestReorganizeTaints)", () => {
  const old: Taint[] = [{ key: "foo", value: "bar", effect: "NoSchedule" }];
  test("no changes with overwrite is modified", () => {
    expect(reorganizeTaints(old, true, [], [])).toEqual({ operation: "modified", taints: old, errors: [] });
  });
  test("no changes without overwrite is untainted", () => {
    expect(reorganizeTaints(old, false, [], [])).toEqual({ operation: "untainted", taints: old, errors: [] });
  });
  test("add taint", () => {
    const add: Taint[] = [{ key: "foo_1", effect: "NoExecute" }];
    expect(reorganizeTaints(old, false, add, [])).toEqual({
      operation: "tainted",
      taints: [...add, ...old],
      errors: [],
    });
  });
  test("delete taint with effect", () => {
    expect(reorganizeTaints(old, false, [], [{ key: "foo", effect: "NoSchedule" }])).toEqual({
      operation: "untainted",
      taints: [],
      errors: [],
    });
  });
  test("delete taint with no effect", () => {
    expect(reorganizeTaints(old, false, [], [{ key: "foo" } as Taint])).toEqual({
      operation: "untainted",
      taints: [],
      errors: [],
    });
  });
  test("delete non-existent taint", () => {
    expect(reorganizeTaints(old, false, [], [{ key: "foo_1", effect: "NoSchedule" }]).errors).toEqual([
      'taint "foo_1:NoSchedule" not found',
    ]);
  });
  test("add and delete taint is modified", () => {
    const r = reorganizeTaints(
      old,
      false,
      [{ key: "foo_1", effect: "NoExecute" }],
      [{ key: "foo", effect: "NoSchedule" }],
    );
    expect(r.operation).toBe("modified");
    expect(r.taints).toEqual([{ key: "foo_1", effect: "NoExecute" }]);
  });
});
