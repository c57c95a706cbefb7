/**
 * local-path-provisioner v0.0.30's configuration handling (provisioner.go canonicalizeConfig,
 * canonicalizeStorageClassConfig, pickConfig, isSharedFilesystem, getPathOnNode, pathFromPattern,
 * getPathAndNodeForPV), on the config files its repository ships: deploy/local-path-storage.yaml's
 * config.json and test/testdata/custom-path-pattern's per-class config.
 */
import { describe, expect, it } from "vitest";
import {
  cleanPath,
  getPathOnNode,
  isSharedFilesystem,
  NodeDefaultNonListedNodes,
  parseConfig,
  pathFromPattern,
  pickConfig,
} from "./config";
import { getPathAndNodeForPV } from "./pvpath";

const DEPLOY = `{
        "nodePathMap":[
        {
                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",
                "paths":["/opt/local-path-provisioner"]
        }
        ]
}`;

const PER_CLASS = `{
        "storageClassConfigs":{
               "local-path-custom-path-pattern": {
                      "nodePathMap": [
                      {
                              "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",
                              "paths":["/opt/local-path-provisioner"]
                      }
                      ]
               }
        }
}`;

const first = (paths: readonly string[]) => paths[0] as string;

function parsed(text: string) {
  const r = parseConfig(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("parseConfig", () => {
  it("reads the deploy config: one default entry, 120 s timeout, the ConfigMap's scripts", () => {
    const c = parsed(DEPLOY);
    expect(c.cmdTimeoutSeconds).toBe(120);
    expect(c.setupCommand).toBe("");
    expect(c.defaultClass.nodePathMap.get(NodeDefaultNonListedNodes)?.paths).toEqual([
      "/opt/local-path-provisioner",
    ]);
    expect(c.storageClassConfigs.size).toBe(0);
  });

  it.each([
    [
      `{"nodePathMap":[{"node":"n1","paths":["/a"]},{"node":"n1","paths":["/b"]}]}`,
      "StorageClass config canonicalization failed: duplicate node n1",
    ],
    [
      `{"nodePathMap":[{"node":"n1","paths":["a"]}]}`,
      "StorageClass config canonicalization failed: path must start with / for path a on node n1",
    ],
    [
      `{"nodePathMap":[{"node":"n1","paths":["/x/.."]}]}`,
      "StorageClass config canonicalization failed: cannot use root ('/') as path on node n1",
    ],
    [
      `{"nodePathMap":[{"node":"n1","paths":["/a","/a/"]}]}`,
      "StorageClass config canonicalization failed: duplicate path /a/ on node n1",
    ],
    [
      `{"storageClassConfigs":{"c1":{"nodePathMap":[{"node":"n","paths":["rel"]}]}}}`,
      "config for class c1 is invalid: StorageClass config canonicalization failed: path must start with / for path rel on node n",
    ],
  ])("refuses %s", (text, error) => {
    expect(parseConfig(text)).toEqual({ ok: false, error });
  });

  it("keeps a positive cmdTimeoutSeconds and the configured commands", () => {
    const c = parsed(
      `{"cmdTimeoutSeconds":5,"setupCommand":"/manager","nodePathMap":[{"node":"n","paths":["/d"]}]}`,
    );
    expect(c.cmdTimeoutSeconds).toBe(5);
    expect(c.setupCommand).toBe("/manager");
  });
});

describe("pickConfig", () => {
  it("uses the per-class entry when storageClassConfigs lists classes", () => {
    const c = parsed(PER_CLASS);
    expect(pickConfig(c, "local-path-custom-path-pattern").ok).toBe(true);
    expect(pickConfig(c, "local-path")).toEqual({
      ok: false,
      error: "BUG: Got request for unexpected storage class local-path",
    });
  });
});

describe("isSharedFilesystem", () => {
  it.each([
    [
      { nodePathMap: new Map([["n", { paths: ["/d"] }]]), sharedFileSystemPath: "" },
      { ok: true, value: false },
    ],
    [
      { nodePathMap: new Map(), sharedFileSystemPath: "/mnt/nfs" },
      { ok: true, value: true },
    ],
    [
      { nodePathMap: new Map([["n", { paths: ["/d"] }]]), sharedFileSystemPath: "/mnt/nfs" },
      {
        ok: false,
        error: "both nodePathMap and sharedFileSystemPath are defined. Please make sure only one is in use",
      },
    ],
    [
      { nodePathMap: new Map(), sharedFileSystemPath: "" },
      { ok: false, error: "both nodePathMap and sharedFileSystemPath are unconfigured" },
    ],
  ])("%#", (c, want) => {
    expect(isSharedFilesystem(c)).toEqual(want);
  });
});

describe("getPathOnNode", () => {
  const cfg = parsed(
    `{"nodePathMap":[{"node":"DEFAULT_PATH_FOR_NON_LISTED_NODES","paths":["/opt/local-path-provisioner"]},{"node":"node01","paths":["/data1","/data2"]},{"node":"node02","paths":[]}]}`,
  ).defaultClass;

  it("falls back to the default entry for a node the map does not list", () => {
    expect(getPathOnNode(cfg, "node03", "", first)).toEqual({
      ok: true,
      value: { path: "/opt/local-path-provisioner", usedDefault: true },
    });
  });

  it("picks among a listed node's paths, or the one the class asks for", () => {
    expect(getPathOnNode(cfg, "node01", "", (p) => p[1] as string)).toEqual({
      ok: true,
      value: { path: "/data2", usedDefault: false },
    });
    expect(getPathOnNode(cfg, "node01", "/data1", () => "unused")).toEqual({
      ok: true,
      value: { path: "/data1", usedDefault: false },
    });
    expect(getPathOnNode(cfg, "node01", "/elsewhere", first)).toEqual({
      ok: false,
      error: "config doesn't contain path /elsewhere on node node01",
    });
  });

  it("refuses a node with no paths, and a map with no default for an unlisted node", () => {
    expect(getPathOnNode(cfg, "node02", "", first)).toEqual({
      ok: false,
      error: "no local path available on node node02",
    });
    const only = parsed(`{"nodePathMap":[{"node":"node01","paths":["/d"]}]}`).defaultClass;
    expect(getPathOnNode(only, "node09", "", first)).toEqual({
      ok: false,
      error: "config doesn't contain node node09, and no DEFAULT_PATH_FOR_NON_LISTED_NODES available",
    });
  });
});

describe("pathFromPattern", () => {
  const meta = {
    pvName: "pvc-1",
    namespace: "default",
    name: "local-path-pvc",
    labels: { app: "test" },
    annotations: {},
  };

  it("fills test/testdata/custom-path-pattern's pattern", () => {
    expect(pathFromPattern("{{ .PVC.Namespace }}/{{ .PVC.Name }}", meta)).toEqual({
      ok: true,
      value: "default/local-path-pvc",
    });
    expect(pathFromPattern("{{.PVName}}-{{ .PVC.Labels.app }}-{{ .PVC.Labels.none }}", meta)).toEqual({
      ok: true,
      value: "pvc-1-test-<no value>",
    });
  });

  it("refuses what it cannot evaluate", () => {
    expect(pathFromPattern("{{ printf .PVName }}", meta).ok).toBe(false);
  });
});

describe("cleanPath", () => {
  it.each([
    ["/opt/local-path-provisioner/", "/opt/local-path-provisioner"],
    ["/a//b/./c/../d", "/a/b/d"],
    ["/..", "/"],
  ])("%s → %s", (p, want) => {
    expect(cleanPath(p)).toBe(want);
  });
});

describe("getPathAndNodeForPV", () => {
  const pv = (spec: Record<string, unknown>) => ({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: "pvc-1" },
    spec,
  });
  const affinity = (values: string[]) => ({
    required: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values }] }],
    },
  });
  const local = { ok: true as const, value: false };

  it("reads the path and the node the provisioner wrote", () => {
    expect(
      getPathAndNodeForPV(pv({ hostPath: { path: "/opt/x" }, nodeAffinity: affinity(["node01"]) }), local),
    ).toEqual({ ok: true, value: { path: "/opt/x", node: "node01" } });
    expect(getPathAndNodeForPV(pv({ local: { path: "/opt/y" } }), { ok: true, value: true })).toEqual({
      ok: true,
      value: { path: "/opt/y", node: "" },
    });
  });

  it.each([
    [{ nfs: { path: "/x" } }, "failed to delete volume pvc-1: no path set"],
    [{ hostPath: { path: "/x" } }, "failed to delete volume pvc-1: no NodeAffinity set"],
    [
      { hostPath: { path: "/x" }, nodeAffinity: {} },
      "failed to delete volume pvc-1: no NodeAffinity.Required set",
    ],
    [
      { hostPath: { path: "/x" }, nodeAffinity: affinity(["a", "b"]) },
      "failed to delete volume pvc-1: multiple values for the node affinity",
    ],
    [
      { hostPath: { path: "/x" }, nodeAffinity: { required: { nodeSelectorTerms: [] } } },
      "failed to delete volume pvc-1: cannot find affinited node",
    ],
  ])("refuses %j", (spec, error) => {
    expect(getPathAndNodeForPV(pv(spec), local)).toEqual({ ok: false, error });
  });
});
