import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../engine/api/types";
import { humanDuration, shortHumanDuration } from "./duration";
import { nodeStatus } from "./kinds";
import { podSummary } from "./pod";
import { noResourcesFound, printTable } from "./table";
import { tabwrite } from "./tabwriter";

const NOW = Date.parse("2026-01-01T01:00:00Z");
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace(/\.000Z$/, "Z");

// apimachinery pkg/util/duration/duration_test.go TestHumanDuration
describe("humanDuration", () => {
  const S = 1000;
  const H = 3600 * S;
  it.each([
    [S, "1s"],
    [70 * S, "70s"],
    [190 * S, "3m10s"],
    [70 * 60 * S, "70m"],
    [47 * H, "47h"],
    [49 * H, "2d1h"],
    [(8 * 24 + 2) * H, "8d"],
    [367 * 24 * H, "367d"],
    [(365 * 2 * 24 + 25) * H, "2y1d"],
    [(365 * 8 * 24 + 2) * H, "8y"],
    [-1500, "0s"],
    [-2 * S, "<invalid>"],
    [3 * 60 * S, "3m"],
    [5 * H + 2 * 60 * S, "5h2m"],
  ])("%d ms is %s", (ms, want) => expect(humanDuration(ms)).toBe(want));
  // TestShortHumanDuration
  it.each([
    [S, "1s"],
    [70 * S, "1m"],
    [190 * S, "3m"],
    [70 * 60 * S, "1h"],
    [47 * H, "1d"],
    [49 * H, "2d"],
    [(365 * 2 * 24 + 25) * H, "2y"],
  ])("short %d ms is %s", (ms, want) => expect(shortHumanDuration(ms)).toBe(want));
});

describe("tabwrite (Go text/tabwriter, padding 3, minwidth 6)", () => {
  it("aligns columns; the last cell is not padded", () => {
    expect(tabwrite("NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nweb\t1/1\tRunning\t0\t5s\n")).toBe(
      "NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          5s\n",
    );
  });
  it("pads short columns to minwidth", () => {
    expect(tabwrite("A\tB\nx\ty\n")).toBe("A     B\nx     y\n");
  });
  it("a one-cell line ends the column block (describe)", () => {
    expect(tabwrite("Name:\tx\nContainers:\n  a:\tb\n  longer:\tc\n", { minwidth: 0, padding: 2 })).toBe(
      "Name:  x\nContainers:\n  a:       b\n  longer:  c\n",
    );
  });
});

function pod(name: string, spec: object, status: object, meta: object = {}): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", ...meta }, spec, status };
}
const two = { containers: [{ name: "a" }, { name: "b" }] };

// pkg/printers/internalversion/printers_test.go TestPrintPod
describe("podSummary (printPod)", () => {
  it.each([
    [
      "test1",
      pod("test1", two, {
        phase: "podPhase",
        containerStatuses: [{ ready: true, restartCount: 3, state: { running: {} } }, { restartCount: 3 }],
      }),
      ["1/2", "podPhase", "6"],
    ],
    [
      "container error overwrites pod phase",
      pod("test2", two, {
        phase: "podPhase",
        containerStatuses: [
          { ready: true, restartCount: 3, state: { running: {} } },
          { state: { waiting: { reason: "ContainerWaitingReason" } }, restartCount: 3 },
        ],
      }),
      ["1/2", "ContainerWaitingReason", "6"],
    ],
    [
      "the first container overwrites the rest",
      pod("test3", two, {
        phase: "podPhase",
        containerStatuses: [
          { state: { waiting: { reason: "ContainerWaitingReason" } }, restartCount: 3 },
          { state: { terminated: { reason: "ContainerTerminatedReason" } }, restartCount: 3 },
        ],
      }),
      ["0/2", "ContainerWaitingReason", "6"],
    ],
    [
      "ready is not enough for reporting running",
      pod("test4", two, {
        phase: "podPhase",
        containerStatuses: [
          { ready: true, restartCount: 3 },
          { ready: true, restartCount: 3 },
        ],
      }),
      ["0/2", "podPhase", "6"],
    ],
    [
      "pod reason overrides phase",
      pod("test5", two, {
        reason: "podReason",
        phase: "podPhase",
        containerStatuses: [
          { ready: true, restartCount: 3, state: { running: {} } },
          { ready: true, restartCount: 3, state: { running: {} } },
        ],
      }),
      ["2/2", "podReason", "6"],
    ],
    [
      "terminated with exit code and no reason",
      pod(
        "e",
        { containers: [{ name: "a" }] },
        {
          phase: "Failed",
          containerStatuses: [{ state: { terminated: { exitCode: 2 } } }],
        },
      ),
      ["0/1", "ExitCode:2", "0"],
    ],
    [
      "Init:0/2 while the first init container runs",
      pod(
        "i",
        { initContainers: [{ name: "i1" }, { name: "i2" }], containers: [{ name: "a" }] },
        {
          phase: "Pending",
          initContainerStatuses: [
            { name: "i1", state: { running: {} } },
            { name: "i2", state: { waiting: { reason: "PodInitializing" } } },
          ],
          containerStatuses: [{ name: "a", state: { waiting: { reason: "PodInitializing" } } }],
        },
      ),
      ["0/1", "Init:0/2", "0"],
    ],
    [
      "Init:1/2 after the first init container",
      pod(
        "i",
        { initContainers: [{ name: "i1" }, { name: "i2" }], containers: [{ name: "a" }] },
        {
          phase: "Pending",
          initContainerStatuses: [
            { name: "i1", state: { terminated: { exitCode: 0, reason: "Completed" } } },
            { name: "i2", state: { running: {} } },
          ],
        },
      ),
      ["0/1", "Init:1/2", "0"],
    ],
    [
      "Init:CrashLoopBackOff",
      pod(
        "i",
        { initContainers: [{ name: "i1" }], containers: [{ name: "a" }] },
        {
          phase: "Pending",
          initContainerStatuses: [
            { name: "i1", restartCount: 2, state: { waiting: { reason: "CrashLoopBackOff" } } },
          ],
        },
      ),
      ["0/1", "Init:CrashLoopBackOff", "2"],
    ],
    [
      "Init:Error",
      pod(
        "i",
        { initContainers: [{ name: "i1" }], containers: [{ name: "a" }] },
        {
          phase: "Pending",
          initContainerStatuses: [{ name: "i1", state: { terminated: { exitCode: 1, reason: "Error" } } }],
        },
      ),
      ["0/1", "Init:Error", "0"],
    ],
    [
      "PodInitializing after init containers",
      pod(
        "i",
        { initContainers: [{ name: "i1" }], containers: [{ name: "a" }] },
        {
          phase: "Pending",
          initContainerStatuses: [
            { name: "i1", state: { terminated: { exitCode: 0, reason: "Completed" } } },
          ],
          containerStatuses: [{ name: "a", state: { waiting: { reason: "PodInitializing" } } }],
        },
      ),
      ["0/1", "PodInitializing", "0"],
    ],
    [
      "Completed",
      pod(
        "c",
        { containers: [{ name: "a" }] },
        {
          phase: "Succeeded",
          containerStatuses: [{ state: { terminated: { exitCode: 0, reason: "Completed" } } }],
        },
      ),
      ["0/1", "Completed", "0"],
    ],
    [
      "Terminating",
      pod(
        "t",
        { containers: [{ name: "a" }] },
        {
          phase: "Running",
          containerStatuses: [{ ready: true, state: { running: {} } }],
        },
        { deletionTimestamp: ago(1) },
      ),
      ["1/1", "Terminating", "0"],
    ],
    [
      "Unknown for NodeLost",
      pod(
        "t",
        { containers: [{ name: "a" }] },
        { phase: "Running", reason: "NodeLost" },
        { deletionTimestamp: ago(1) },
      ),
      ["0/1", "Unknown", "0"],
    ],
    [
      "SchedulingGated",
      pod(
        "g",
        { containers: [{ name: "a" }] },
        {
          phase: "Pending",
          conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }],
        },
      ),
      ["0/1", "SchedulingGated", "0"],
    ],
    [
      "restarts with last termination time",
      pod(
        "r",
        { containers: [{ name: "a" }] },
        {
          phase: "Running",
          containerStatuses: [
            {
              restartCount: 3,
              state: { waiting: { reason: "CrashLoopBackOff" } },
              lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(12) } },
            },
          ],
        },
      ),
      ["0/1", "CrashLoopBackOff", "3 (12s ago)"],
    ],
    [
      "sidecar (restartable init container) counts in READY",
      pod(
        "s",
        { initContainers: [{ name: "side", restartPolicy: "Always" }], containers: [{ name: "a" }] },
        {
          phase: "Running",
          conditions: [{ type: "Initialized", status: "True" }],
          initContainerStatuses: [{ name: "side", started: true, ready: true, state: { running: {} } }],
          containerStatuses: [{ name: "a", ready: true, state: { running: {} } }],
        },
      ),
      ["2/2", "Running", "0"],
    ],
  ])("%s", (_, p, [ready, status, restarts]) => {
    const s = podSummary(p as never, NOW);
    expect([s.ready, s.status, s.restartsText]).toEqual([ready, status, restarts]);
  });
});

// printers_test.go TestPrintNodeStatus
describe("nodeStatus", () => {
  const node = (conditions: object[], unschedulable = false) => ({
    spec: { unschedulable },
    status: { conditions },
  });
  it.each([
    [node([{ type: "Ready", status: "True" }]), "Ready"],
    [node([{ type: "Ready", status: "True" }], true), "Ready,SchedulingDisabled"],
    [
      node([
        { type: "Ready", status: "True" },
        { type: "Ready", status: "True" },
      ]),
      "Ready",
    ],
    [node([{ type: "Ready", status: "False" }]), "NotReady"],
    [node([{ type: "Ready", status: "False" }], true), "NotReady,SchedulingDisabled"],
    [node([{ type: "InvalidValue", status: "True" }]), "Unknown"],
    [node([]), "Unknown"],
    [node([{ type: "InvalidValue", status: "True" }], true), "Unknown,SchedulingDisabled"],
    [node([], true), "Unknown,SchedulingDisabled"],
    [node([{ type: "Ready", status: "Unknown" }]), "NotReady"],
  ])("%j", (n, want) => expect(nodeStatus(n)).toBe(want));
});

describe("printTable", () => {
  const web = pod(
    "web",
    { containers: [{ name: "nginx", image: "nginx" }], nodeName: "node01" },
    { phase: "Running", podIP: "10.244.1.2", containerStatuses: [{ ready: true, state: { running: {} } }] },
    { creationTimestamp: ago(5), labels: { run: "web" } },
  );
  it("pods", () => {
    expect(printTable([web], { now: NOW })).toBe(
      "NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          5s\n",
    );
  });
  it("pods -o wide --show-labels -A", () => {
    expect(printTable([web], { now: NOW, wide: true, showLabels: true, allNamespaces: true })).toBe(
      "NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES   LABELS\n" +
        "default     web    1/1     Running   0          5s    10.244.1.2   node01   <none>           <none>            run=web\n",
    );
  });
  const n1: KubeObject = {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: "controlplane",
      creationTimestamp: ago(3600),
      labels: { "node-role.kubernetes.io/control-plane": "" },
    },
    spec: {},
    status: {
      conditions: [{ type: "Ready", status: "True" }],
      nodeInfo: { kubeletVersion: "v1.32.0" },
      addresses: [{ type: "InternalIP", address: "192.168.1.2" }],
    },
  };
  it("several kinds with names prefixed and a blank line between tables", () => {
    expect(printTable([web, n1], { now: NOW, showKind: true, allNamespaces: true })).toBe(
      "NAMESPACE   NAME      READY   STATUS    RESTARTS   AGE\n" +
        "default     pod/web   1/1     Running   0          5s\n" +
        "\n" +
        "NAME                STATUS   ROLES           AGE   VERSION\n" +
        "node/controlplane   Ready    control-plane   60m   v1.32.0\n",
    );
  });
  it("--no-headers", () => {
    expect(printTable([web], { now: NOW, noHeaders: true })).toBe("web   1/1   Running   0     5s\n");
  });
  it("deployment -o wide", () => {
    const d: KubeObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default", creationTimestamp: ago(200) },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: { spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } },
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(printTable([d], { now: NOW, wide: true, showKind: true })).toBe(
      "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE     CONTAINERS   IMAGES       SELECTOR\n" +
        "deployment.apps/web   2/3     3            2           3m20s   nginx        nginx:1.27   app=web\n",
    );
  });
  it("services", () => {
    const s: KubeObject = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", creationTimestamp: ago(3600) },
      spec: { type: "ClusterIP", clusterIP: "10.96.0.1", ports: [{ port: 443, protocol: "TCP" }] },
    };
    expect(printTable([s], { now: NOW })).toBe(
      "NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60m\n",
    );
  });
  it("events, sorted as given", () => {
    const e: KubeObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web.1", namespace: "default" },
      involvedObject: { kind: "Pod", name: "web", namespace: "default" },
      reason: "Scheduled",
      type: "Normal",
      message: "Successfully assigned default/web to node01",
      source: { component: "default-scheduler" },
      firstTimestamp: ago(5),
      lastTimestamp: ago(5),
      count: 1,
    };
    expect(printTable([e], { now: NOW })).toBe(
      "LAST SEEN   TYPE     REASON      OBJECT    MESSAGE\n5s          Normal   Scheduled   pod/web   Successfully assigned default/web to node01\n",
    );
    expect(printTable([e], { now: NOW, wide: true })).toBe(
      "LAST SEEN   TYPE     REASON      OBJECT    SUBOBJECT   SOURCE              MESSAGE                                       FIRST SEEN   COUNT   NAME\n" +
        "5s          Normal   Scheduled   pod/web               default-scheduler   Successfully assigned default/web to node01   5s           1       web.1\n",
    );
  });
  it("no resources", () => {
    expect(printTable([], { now: NOW })).toBe("");
    expect(noResourcesFound("default")).toBe("No resources found in default namespace.\n");
    expect(noResourcesFound()).toBe("No resources found\n");
  });
});
