// The objects kubectl debug makes for a pod (debug.go generateDebugContainer,
// generatePodCopyWithDebugContainer) under each profile (profiles.go); cases after
// TestGenerateDebugContainer, TestGeneratePodCopyWithDebugContainer and profiles_test.go.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../engine/api/types";
import {
  computeDebugContainerName,
  generateDebugContainer,
  generatePodCopyWithDebugContainer,
  type PodDebugOptions,
} from "./debug-pod";
import type { KeepFlags } from "./debug-profiles";

const keepNothing: KeepFlags = {
  labels: false,
  annotations: false,
  liveness: false,
  readiness: false,
  startup: false,
  initContainers: true,
};

function opts(over: Partial<PodDebugOptions> = {}): PodDebugOptions {
  return {
    image: "busybox",
    container: "",
    target: "",
    args: [],
    argsOnly: false,
    interactive: true,
    tty: true,
    pullPolicy: "",
    env: [],
    profile: "legacy",
    keep: keepNothing,
    copyTo: "",
    setImages: {},
    sameNode: false,
    ...over,
  };
}

function target(): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web",
      namespace: "default",
      labels: { app: "web" },
      annotations: { note: "x" },
      resourceVersion: "7",
      uid: "u1",
    },
    spec: {
      nodeName: "node01",
      initContainers: [{ name: "init", image: "busybox" }],
      containers: [
        {
          name: "app",
          image: "nginx",
          livenessProbe: { httpGet: { path: "/", port: 80 } },
          readinessProbe: { httpGet: { path: "/", port: 80 } },
          startupProbe: { httpGet: { path: "/", port: 80 } },
        },
      ],
      ephemeralContainers: [{ name: "debugger-old", image: "busybox" }],
    },
    status: { phase: "Running" },
  };
}

describe("computeDebugContainerName", () => {
  it("uses -c, else debugger-xxxxx unused by any container", () => {
    expect(computeDebugContainerName(target(), "dbg", () => "zzzzz")).toEqual({
      name: "dbg",
      defaulted: false,
    });
    const suffixes = ["old", "abcde"];
    expect(computeDebugContainerName(target(), "", () => suffixes.shift() as string)).toEqual({
      name: "debugger-abcde",
      defaulted: true,
    });
  });
});

describe("generateDebugContainer", () => {
  it("appends the ephemeral container: legacy changes nothing else", () => {
    const pod = generateDebugContainer(target(), opts({ target: "app", args: ["sh"] }), "debugger-abcde");
    expect(pod.spec.ephemeralContainers).toEqual([
      { name: "debugger-old", image: "busybox" },
      {
        name: "debugger-abcde",
        image: "busybox",
        stdin: true,
        terminationMessagePolicy: "File",
        tty: true,
        targetContainerName: "app",
        command: ["sh"],
      },
    ]);
    expect(pod.spec.containers).toEqual(target().spec.containers);
  });

  it("general adds SYS_PTRACE; baseline clears the securityContext; restricted drops all; --arguments-only sets args", () => {
    const general = generateDebugContainer(target(), opts({ profile: "general" }), "d");
    expect(general.spec.ephemeralContainers[1].securityContext).toEqual({
      capabilities: { add: ["SYS_PTRACE"] },
    });
    const baseline = generateDebugContainer(target(), opts({ profile: "baseline" }), "d");
    expect(baseline.spec.ephemeralContainers[1].securityContext).toBeUndefined();
    const restricted = generateDebugContainer(target(), opts({ profile: "restricted" }), "d");
    expect(restricted.spec.ephemeralContainers[1].securityContext).toEqual({
      capabilities: { drop: ["ALL"] },
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      seccompProfile: { type: "RuntimeDefault" },
    });
    const netadmin = generateDebugContainer(target(), opts({ profile: "netadmin" }), "d");
    expect(netadmin.spec.ephemeralContainers[1].securityContext).toEqual({
      capabilities: { add: ["NET_ADMIN", "NET_RAW"] },
    });
    const sysadmin = generateDebugContainer(target(), opts({ profile: "sysadmin" }), "d");
    expect(sysadmin.spec.ephemeralContainers[1].securityContext).toEqual({ privileged: true });
    const argsOnly = generateDebugContainer(target(), opts({ args: ["-c", "id"], argsOnly: true }), "d");
    expect(argsOnly.spec.ephemeralContainers[1].args).toEqual(["-c", "id"]);
    expect(argsOnly.spec.ephemeralContainers[1].command).toBeUndefined();
  });
});

describe("generatePodCopyWithDebugContainer", () => {
  const name = () => "debugger-abcde";

  it("legacy: same spec without node and ephemeral containers, labels dropped, debug container added", () => {
    const made = generatePodCopyWithDebugContainer(target(), opts({ copyTo: "web-copy" }), name);
    if ("error" in made) throw new Error(made.error);
    expect(made.container).toBe("debugger-abcde");
    expect(made.pod.metadata).toEqual({ name: "web-copy", namespace: "default", annotations: { note: "x" } });
    expect(made.pod.status).toBeUndefined();
    expect(made.pod.spec.nodeName).toBeUndefined();
    expect(made.pod.spec.ephemeralContainers).toBeUndefined();
    expect(made.pod.spec.shareProcessNamespace).toBeUndefined();
    expect(made.pod.spec.containers[0].livenessProbe).toBeDefined();
    expect(made.pod.spec.containers[1]).toEqual({
      name: "debugger-abcde",
      terminationMessagePolicy: "File",
      image: "busybox",
      stdin: true,
      tty: true,
    });
  });

  it("general: no labels, annotations or probes; shares processes; the debug container may ptrace", () => {
    const made = generatePodCopyWithDebugContainer(target(), opts({ copyTo: "c", profile: "general" }), name);
    if ("error" in made) throw new Error(made.error);
    expect(made.pod.metadata).toEqual({ name: "c", namespace: "default" });
    expect(made.pod.spec.containers[0]).toEqual({ name: "app", image: "nginx" });
    expect(made.pod.spec.initContainers).toHaveLength(1);
    expect(made.pod.spec.shareProcessNamespace).toBe(true);
    expect(made.pod.spec.containers[1].securityContext).toEqual({ capabilities: { add: ["SYS_PTRACE"] } });
  });

  it("general keeps what --keep-* says, and --share-processes=false wins", () => {
    const keep = { ...keepNothing, labels: true, liveness: true, initContainers: false };
    const made = generatePodCopyWithDebugContainer(
      target(),
      opts({ copyTo: "c", profile: "general", keep, shareProcesses: false }),
      name,
    );
    if ("error" in made) throw new Error(made.error);
    expect(made.pod.metadata.labels).toEqual({ app: "web" });
    expect(made.pod.spec.containers[0].livenessProbe).toBeDefined();
    expect(made.pod.spec.containers[0].readinessProbe).toBeUndefined();
    expect(made.pod.spec.initContainers).toBeUndefined();
    expect(made.pod.spec.shareProcessNamespace).toBe(false);
  });

  it("-c an existing container changes its command; --set-image changes images; --same-node keeps the node", () => {
    const made = generatePodCopyWithDebugContainer(
      target(),
      opts({
        copyTo: "c",
        image: "",
        container: "app",
        args: ["sh"],
        setImages: { "*": "busybox:1.36" },
        sameNode: true,
      }),
      name,
    );
    if ("error" in made) throw new Error(made.error);
    expect(made.container).toBe("app");
    expect(made.pod.spec.containers).toHaveLength(1);
    expect(made.pod.spec.containers[0]).toMatchObject({
      name: "app",
      image: "busybox:1.36",
      command: ["sh"],
    });
    expect(made.pod.spec.nodeName).toBe("node01");
  });

  it("a --set-image-only copy has no debug container; without an image a new one is an error", () => {
    const only = generatePodCopyWithDebugContainer(
      target(),
      opts({ copyTo: "c", image: "", setImages: { app: "nginx:1.27" } }),
      name,
    );
    if ("error" in only) throw new Error(only.error);
    expect(only.container).toBe("");
    expect(only.pod.spec.containers.map((c: { image: string }) => c.image)).toEqual(["nginx:1.27"]);
    expect(
      generatePodCopyWithDebugContainer(target(), opts({ copyTo: "c", image: "", args: ["sh"] }), name),
    ).toEqual({
      error: "you must specify image when creating new container",
    });
  });
});
