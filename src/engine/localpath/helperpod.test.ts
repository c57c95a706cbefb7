/**
 * The helper pod local-path-provisioner v0.0.30 creates (provisioner.go createHelperPod), built
 * from deploy/local-path-storage.yaml's helperPod.yaml template.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Pod } from "../api/kinds";
import { buildHelperPod, type HelperContext } from "./helperpod";

const TEMPLATE = parse(`apiVersion: v1
kind: Pod
metadata:
  name: helper-pod
spec:
  priorityClassName: system-node-critical
  tolerations:
    - key: node.kubernetes.io/disk-pressure
      operator: Exists
      effect: NoSchedule
  containers:
  - name: helper-pod
    image: busybox
    imagePullPolicy: IfNotPresent`) as Pod;

const CTX: HelperContext = {
  namespace: "local-path-storage",
  serviceAccountName: "local-path-provisioner-service-account",
  configMapName: "local-path-config",
  setupCommand: "",
  teardownCommand: "",
  sharedFS: false,
};

const PATH = "/opt/local-path-provisioner/pvc-1234_default_local-path-pvc";
const OPTS = { name: "pvc-1234", path: PATH, mode: "Filesystem", sizeInBytes: 134217728, node: "node01" };

describe("buildHelperPod", () => {
  it("mounts the parent directory and the scripts, and runs the setup script with the volume's env", () => {
    const r = buildHelperPod(TEMPLATE, "create", OPTS, CTX);
    if (!r.ok) throw new Error(r.error);
    const pod = r.value;
    expect(pod.metadata?.name).toBe("helper-pod-create-pvc-1234");
    expect(pod.metadata?.namespace).toBe("local-path-storage");
    expect(pod.spec?.nodeName).toBe("node01");
    expect(pod.spec?.restartPolicy).toBe("Never");
    expect(pod.spec?.serviceAccountName).toBe("local-path-provisioner-service-account");
    expect(pod.spec?.tolerations).toEqual([
      { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
      { operator: "Exists" },
    ]);
    expect(pod.spec?.volumes).toEqual([
      { name: "data", hostPath: { path: "/opt/local-path-provisioner/", type: "DirectoryOrCreate" } },
      {
        name: "script",
        configMap: {
          name: "local-path-config",
          items: [
            { key: "setup", path: "setup" },
            { key: "teardown", path: "teardown" },
          ],
        },
      },
    ]);
    const c = pod.spec?.containers?.[0];
    expect(c?.volumeMounts).toEqual([
      { name: "script", mountPath: "/script" },
      { name: "data", mountPath: "/opt/local-path-provisioner/" },
    ]);
    expect(c?.command).toEqual(["/bin/sh", "/script/setup"]);
    expect(c?.args).toEqual(["-p", PATH, "-s", "134217728", "-m", "Filesystem", "-a", "create"]);
    expect(c?.env).toEqual([
      { name: "VOL_DIR", value: PATH },
      { name: "VOL_MODE", value: "Filesystem" },
      { name: "VOL_SIZE_BYTES", value: "134217728" },
    ]);
    // The template itself is left as it was.
    expect(TEMPLATE.spec?.containers?.[0]?.command).toBeUndefined();
  });

  it("runs the teardown script to delete, and a configured command without the script volume", () => {
    const del = buildHelperPod(TEMPLATE, "delete", OPTS, CTX);
    expect(del.ok && del.value.spec?.containers?.[0]?.command).toEqual(["/bin/sh", "/script/teardown"]);
    const custom = buildHelperPod(TEMPLATE, "create", OPTS, {
      ...CTX,
      setupCommand: "/manager",
      teardownCommand: "/manager",
    });
    if (!custom.ok) throw new Error(custom.error);
    expect(custom.value.spec?.containers?.[0]?.command).toEqual(["/manager"]);
    expect(custom.value.spec?.volumes?.map((v) => v.name)).toEqual(["data"]);
  });

  it("cuts the name at 128 characters", () => {
    const r = buildHelperPod(TEMPLATE, "create", { ...OPTS, name: "x".repeat(200) }, CTX);
    expect(r.ok && r.value.metadata?.name?.length).toBe(128);
  });

  it.each([
    [{ ...OPTS, node: "" }, "failed to create volume pvc-1234: invalid empty name or path or node"],
    [
      { ...OPTS, path: "relative/dir" },
      "failed to create volume pvc-1234: volume path relative/dir is not absolute",
    ],
    [
      { ...OPTS, path: "/" },
      "failed to create volume pvc-1234: invalid path create for /: cannot find parent dir or volume dir or parent dir is relative",
    ],
  ])("refuses %j", (o, error) => {
    expect(buildHelperPod(TEMPLATE, "create", o, CTX)).toEqual({ ok: false, error });
  });
});
