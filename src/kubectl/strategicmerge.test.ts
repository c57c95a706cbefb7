/**
 * The apply merge, after apimachinery pkg/util/strategicpatch patch_test.go's three-way cases:
 * merge-keyed lists keep server-set fields, replace lists are replaced, dropped fields go.
 */
import { expect, test } from "vitest";
import { diffPatch, threeWayMerge } from "./strategicmerge";

const pod = (spec: object, metadata: object = { name: "p" }) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata,
  spec,
});

test("containers merge by name and keep fields the server defaulted", () => {
  const live = pod({
    containers: [
      {
        name: "a",
        image: "x",
        imagePullPolicy: "Always",
        env: [
          { name: "E", value: "1" },
          { name: "F", value: "2" },
        ],
      },
    ],
    tolerations: [
      { key: "k", operator: "Exists" },
      { key: "default", operator: "Exists" },
    ],
  });
  const original = pod({
    containers: [{ name: "a", image: "x", env: [{ name: "E", value: "1" }] }],
    tolerations: [{ key: "k", operator: "Exists" }],
  });
  const modified = pod({
    containers: [
      { name: "a", image: "y", env: [{ name: "G", value: "3" }] },
      { name: "b", image: "z" },
    ],
    tolerations: [{ key: "t", operator: "Exists" }],
  });
  expect(threeWayMerge(original, modified, live)).toEqual(
    pod({
      containers: [
        // E was applied before and dropped now: removed; F was set by someone else: kept.
        {
          name: "a",
          image: "y",
          imagePullPolicy: "Always",
          env: [
            { name: "G", value: "3" },
            { name: "F", value: "2" },
          ],
        },
        { name: "b", image: "z" },
      ],
      // tolerations have no merge key: replaced.
      tolerations: [{ key: "t", operator: "Exists" }],
    }),
  );
});

test("maps: fields removed from the manifest are deleted, others' fields stay", () => {
  const live = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", labels: { a: "1", b: "2", theirs: "x" } },
    data: { k: "v" },
  };
  const original = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", labels: { a: "1", b: "2" } },
    data: { k: "v" },
  };
  const modified = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { a: "1" } } };
  expect(threeWayMerge(original, modified, live)).toEqual({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", labels: { a: "1", theirs: "x" } },
  });
});

test("finalizers merge as a set", () => {
  const live = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", finalizers: ["theirs", "old"] },
  };
  const original = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", finalizers: ["old"] } };
  const modified = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", finalizers: ["new"] } };
  expect(
    (threeWayMerge(original, modified, live) as { metadata: { finalizers: string[] } }).metadata.finalizers,
  ).toEqual(["theirs", "new"]);
});

test("service ports merge by port, container ports by containerPort", () => {
  const svc = (ports: object[]) => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "s" },
    spec: { ports },
  });
  const merged = threeWayMerge(
    svc([{ port: 80 }]),
    svc([{ port: 80, targetPort: 8080 }]),
    svc([{ port: 80, protocol: "TCP", targetPort: 80 }]),
  );
  expect(merged).toEqual(svc([{ port: 80, protocol: "TCP", targetPort: 8080 }]));
});

test("the patch shown in errors has $setElementOrder and $patch: delete", () => {
  const from = pod({
    containers: [
      { name: "a", image: "x" },
      { name: "b", image: "y" },
    ],
  });
  const to = pod({ containers: [{ name: "a", image: "x2" }] });
  expect(diffPatch(from, to)).toEqual({
    spec: {
      "$setElementOrder/containers": [{ name: "a" }],
      containers: [
        { image: "x2", name: "a" },
        { $patch: "delete", name: "b" },
      ],
    },
  });
});
