/**
 * FindMatchingVolume on the scheduler's path (a node given): the rows of
 * pkg/controller/volume/persistentvolume/util/util_test.go's TestFindMatchVolumeWithNode that do
 * not involve VolumeAttributesClass (off by default in v1.32).
 */
import { describe, expect, it } from "vitest";
import type { Node } from "../kinds";
import type { KubeObject } from "../types";
import { findMatchingVolume } from "./storage";

const affinity = (value: string) => ({
  required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "key1", operator: "In", values: [value] }] }] },
});

function volume(
  uid: string,
  name: string,
  capacity: string,
  available: boolean,
  spec: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { uid, name },
    spec: {
      capacity: { storage: capacity },
      local: {},
      accessModes: ["ReadWriteOnce", "ReadOnlyMany"],
      volumeMode: "Filesystem",
      ...spec,
    },
    status: available ? { phase: "Available" } : {},
  };
}

const VOLUMES = [
  volume("local-small", "local001", "5G", true),
  volume("local-pd-very-large", "local002", "200E", true, { storageClassName: "large" }),
  volume("affinity-pv", "affinity001", "100G", true, {
    storageClassName: "wait",
    nodeAffinity: affinity("value1"),
  }),
  volume("affinity-pv2", "affinity002", "150G", true, {
    storageClassName: "wait",
    nodeAffinity: affinity("value1"),
  }),
  volume("affinity-prebound", "affinity003", "100G", true, {
    storageClassName: "wait",
    claimRef: { name: "claim02", namespace: "myns" },
    nodeAffinity: affinity("value1"),
  }),
  volume("affinity-pv3", "affinity003", "200G", true, {
    storageClassName: "wait",
    nodeAffinity: affinity("value3"),
  }),
  volume("affinity-pv4", "affinity004", "200G", false, {
    storageClassName: "wait",
    nodeAffinity: affinity("value4"),
  }),
];

function claim(name: string, size: string, modes: string[]): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "myns" },
    spec: {
      accessModes: modes,
      resources: { requests: { storage: size } },
      storageClassName: "wait",
      volumeMode: "Filesystem",
    },
  };
}

const node = (value: string): Node => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name: value, labels: { key1: value } },
});

const RWO = ["ReadWriteOnce"];

describe("findMatchingVolume with a node (TestFindMatchVolumeWithNode)", () => {
  const rows: [string, string, KubeObject, Node, string[]?][] = [
    ["success-match", "affinity-pv", claim("claim01", "100G", RWO), node("value1")],
    ["success-prebound", "affinity-prebound", claim("claim02", "100G", RWO), node("value1")],
    ["success-exclusion", "affinity-pv2", claim("claim01", "100G", RWO), node("value1"), ["affinity001"]],
    ["fail-exclusion", "", claim("claim01", "100G", RWO), node("value1"), ["affinity001", "affinity002"]],
    ["fail-accessmode", "", claim("claim01", "100G", ["ReadWriteMany"]), node("value1")],
    ["fail-nodeaffinity", "", claim("claim01", "100G", RWO), node("value2")],
    ["fail-prebound-node-affinity", "", claim("claim02", "100G", RWO), node("value3")],
    ["fail-nonavaliable", "", claim("claim04", "100G", RWO), node("value4")],
    ["success-bad-and-good-node-affinity", "affinity-pv3", claim("claim03", "100G", RWO), node("value3")],
  ];
  for (const [name, expected, pvc, n, excluded] of rows)
    it(name, () => {
      const pv = findMatchingVolume(pvc, VOLUMES, true, n, new Set(excluded ?? []));
      expect(pv?.metadata.uid ?? "").toBe(expected);
    });
});
