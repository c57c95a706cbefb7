/**
 * The queue's QueueingHints, from backend/queue/scheduling_queue_test.go (v1.32):
 * TestPriorityQueue_MoveAllToActiveOrBackoffQueueWithQueueingHint,
 * TestPriorityQueue_requeuePodViaQueueingHint-style in-flight events, the no-plugin rule, the
 * unschedulable timeout, AssignedPodAdded's cross-topology pre-filter and Update of pending pods.
 */
import { describe, expect, it } from "vitest";
import { Clock } from "../../clock/clock";
import { EventAssignedPodAdd, EventAssignedPodDelete, EventNodeAdd } from "../framework/events";
import {
  ActionType,
  type ClusterEventWithHint,
  type Plugin,
  type QueuedPodInfo,
  QueueingHint,
} from "../framework/interface";
import { makeNode, makePod } from "../framework/testing";
import { newPodInfo } from "../framework/types";
import { buildQueueingHintMap, QueueingStrategy, SchedulingQueue } from "./scheduling-queue";

const queueHint = () => QueueingHint.Queue;
const skipHint = () => QueueingHint.QueueSkip;
const errorHint = (): QueueingHint => {
  throw new Error("oops");
};

function plugin(name: string, events?: ClusterEventWithHint[]): Plugin {
  return events === undefined ? { name } : ({ name, eventsToRegister: () => events } as Plugin);
}

function newQueue(plugins: Plugin[], clock = new Clock(0)) {
  const q = new SchedulingQueue(
    clock,
    (a, b) => a.seq < b.seq,
    (p) => ((p.pod.spec?.schedulingGates?.length ?? 0) === 0 ? true : "SchedulingGates"),
    { podInitialBackoffSeconds: 1, podMaxBackoffSeconds: 10, podMaxInUnschedulablePodsSeconds: 300 },
    () => {},
    new Map([["default-scheduler", buildQueueingHintMap(plugins)]]),
  );
  return { q, clock };
}

/** Adds a pod, pops it and fails it with the given plugins; returns the queued info. */
function failed(q: SchedulingQueue, name: string, rejected: string[], pending: string[] = []): QueuedPodInfo {
  q.add(newPodInfo(makePod(name)));
  const qp = q.pop() as QueuedPodInfo;
  q.requeueFailed(qp, new Set(rejected), false, new Set(pending));
  return qp;
}

const nodeAdd = (hint: ClusterEventWithHint["queueingHintFn"]): ClusterEventWithHint[] => [
  { event: { resource: "Node", actionType: ActionType.Add }, queueingHintFn: hint },
];

describe("MoveAllToActiveOrBackoffQueue with QueueingHint", () => {
  const cases: {
    name: string;
    rejected: string[];
    pending?: string[];
    plugins: Plugin[];
    /** Seconds after the failure when the event comes (1 s ends the first back-off). */
    after: number;
    want: "active" | "backoff" | "unschedulable";
  }[] = [
    {
      name: "Queue queues pod to activeQ",
      rejected: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", nodeAdd(queueHint))],
      after: 1,
      want: "active",
    },
    {
      name: "Queue queues pod to backoffQ if Pod is backing off",
      rejected: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", nodeAdd(queueHint))],
      after: 0,
      want: "backoff",
    },
    {
      name: "Queue queues pod to activeQ if Pod is not backing off",
      rejected: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", nodeAdd(queueHint))],
      after: 2,
      want: "active",
    },
    {
      name: "QueueSkip queues pod to unschedulablePods",
      rejected: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", nodeAdd(skipHint))],
      after: 2,
      want: "unschedulable",
    },
    {
      name: "QueueHintFunction is called when Pod is gated by a plugin whose QueueingHintFn returns Queue",
      rejected: ["fooPlugin1", "fooPlugin2"],
      plugins: [plugin("fooPlugin1", nodeAdd(skipHint)), plugin("fooPlugin2", nodeAdd(queueHint))],
      after: 0,
      want: "backoff",
    },
    {
      name: "Queue from a Pending plugin queues the pod to activeQ at once",
      rejected: [],
      pending: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", nodeAdd(queueHint))],
      after: 0,
      want: "active",
    },
    {
      name: "Queue from an Unschedulable plugin with a Pending plugin skipping: backoffQ",
      rejected: ["fooPlugin2"],
      pending: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", nodeAdd(skipHint)), plugin("fooPlugin2", nodeAdd(queueHint))],
      after: 0,
      want: "backoff",
    },
    {
      name: "a hint returning an error counts as Queue",
      rejected: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", nodeAdd(errorHint))],
      after: 0,
      want: "backoff",
    },
    {
      name: "a registration without a hint means Queue",
      rejected: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", nodeAdd(undefined))],
      after: 0,
      want: "backoff",
    },
    {
      name: "a plugin without EventsToRegister is interested in every event",
      rejected: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1")],
      after: 0,
      want: "backoff",
    },
    {
      name: "a plugin registering no event keeps its pods",
      rejected: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", []), plugin("other", nodeAdd(queueHint))],
      after: 0,
      want: "unschedulable",
    },
    {
      name: "only the rejecting plugins' hints are asked",
      rejected: ["fooPlugin1"],
      plugins: [plugin("fooPlugin1", nodeAdd(skipHint)), plugin("fooPlugin2", nodeAdd(queueHint))],
      after: 0,
      want: "unschedulable",
    },
  ];
  for (const tc of cases)
    it(tc.name, () => {
      const { q, clock } = newQueue(tc.plugins);
      failed(q, "p", tc.rejected, tc.pending);
      expect(q.where("default/p")).toBe("unschedulable");
      clock.moveTo(tc.after * 1000);
      q.moveOnEvent(EventNodeAdd, undefined, makeNode("n"));
      expect(q.where("default/p")).toBe(tc.want);
    });
});

describe("in-flight events (determineSchedulingHintForInFlightPod)", () => {
  const fit = plugin("NodeResourcesFit", [
    {
      event: { resource: "Pod", actionType: ActionType.Delete },
      queueingHintFn: (_p, o) =>
        (o as { spec?: { nodeName?: string } }).spec?.nodeName ? QueueingHint.Queue : QueueingHint.QueueSkip,
    },
  ]);

  it("an event that may help, seen while the pod was being scheduled, sends it to backoffQ", () => {
    const { q } = newQueue([fit]);
    q.add(newPodInfo(makePod("p")));
    const qp = q.pop() as QueuedPodInfo;
    q.moveOnEvent(EventAssignedPodDelete, makePod("victim", { nodeName: "n1" }), undefined);
    q.requeueFailed(qp, new Set(["NodeResourcesFit"]), false);
    expect(q.where("default/p")).toBe("backoff");
  });

  it("an event that does not help leaves it unschedulable", () => {
    const { q } = newQueue([fit]);
    q.add(newPodInfo(makePod("p")));
    const qp = q.pop() as QueuedPodInfo;
    q.moveOnEvent(EventAssignedPodDelete, makePod("unscheduled"), undefined);
    q.requeueFailed(qp, new Set(["NodeResourcesFit"]), false);
    expect(q.where("default/p")).toBe("unschedulable");
  });

  it("events before the pod was popped are not counted", () => {
    const { q } = newQueue([fit]);
    q.add(newPodInfo(makePod("other")));
    q.add(newPodInfo(makePod("p")));
    const other = q.pop() as QueuedPodInfo;
    q.moveOnEvent(EventAssignedPodDelete, makePod("victim", { nodeName: "n1" }), undefined);
    const qp = q.pop() as QueuedPodInfo;
    q.done(other.podInfo.key);
    q.requeueFailed(qp, new Set(["NodeResourcesFit"]), false);
    expect(q.where("default/p")).toBe("unschedulable");
  });

  it("an error (no rejecting plugin) always goes to backoffQ", () => {
    const { q } = newQueue([fit]);
    q.add(newPodInfo(makePod("p")));
    const qp = q.pop() as QueuedPodInfo;
    q.requeueFailed(qp, new Set(["NodeResourcesFit"]), true);
    expect(q.where("default/p")).toBe("backoff");
  });
});

describe("isPodWorthRequeuing", () => {
  it("a pod rejected by no plugin is worth requeuing on any event, and fails straight to backoffQ", () => {
    const { q } = newQueue([plugin("fooPlugin1", nodeAdd(skipHint))]);
    const qp = failed(q, "p", []);
    expect(q.where("default/p")).toBe("backoff");
    expect(q.isPodWorthRequeuing(qp, EventNodeAdd, undefined, makeNode("n"))).toBe(
      QueueingStrategy.QueueAfterBackoff,
    );
  });

  it("a wildcard event (UnschedulableTimeout) retries after back-off", () => {
    const { q } = newQueue([plugin("fooPlugin1", nodeAdd(skipHint))]);
    const qp = failed(q, "p", ["fooPlugin1"]);
    expect(
      q.isPodWorthRequeuing(qp, { resource: "*", actionType: ActionType.All }, undefined, undefined),
    ).toBe(QueueingStrategy.QueueAfterBackoff);
    expect(q.isPodWorthRequeuing(qp, EventNodeAdd, undefined, makeNode("n"))).toBe(
      QueueingStrategy.QueueSkip,
    );
  });

  it("the unschedulable timeout retries a pod no event helped", () => {
    const { q, clock } = newQueue([plugin("fooPlugin1", nodeAdd(skipHint))]);
    failed(q, "p", ["fooPlugin1"]);
    q.moveOnEvent(EventNodeAdd, undefined, makeNode("n"));
    expect(q.where("default/p")).toBe("unschedulable");
    while (clock.fireNext(300_000)) {}
    expect(q.where("default/p")).toBe("active");
  });
});

describe("AssignedPodAdded: only pods with cross-topology terms", () => {
  const all = (name: string) => plugin(name, [{ event: { resource: "Pod", actionType: ActionType.All } }]);
  it("moves PodTopologySpread-rejected pods of the namespace and pods whose affinity matches", () => {
    const { q } = newQueue([all("PodTopologySpread"), all("InterPodAffinity"), all("NodeResourcesFit")]);
    failed(q, "spread", ["PodTopologySpread"]);
    q.add(
      newPodInfo(
        makePod("affine", {
          affinity: {
            podAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: { app: "db" } }, topologyKey: "zone" },
              ],
            },
          },
        }),
      ),
    );
    q.requeueFailed(q.pop() as QueuedPodInfo, new Set(["InterPodAffinity"]), false);
    failed(q, "fit", ["NodeResourcesFit"]);
    const added = newPodInfo(makePod("db", { nodeName: "n1" }, { labels: { app: "db" } }));
    q.assignedPodAdded(added);
    expect(q.where("default/spread")).toBe("backoff");
    expect(q.where("default/affine")).toBe("backoff");
    expect(q.where("default/fit")).toBe("unschedulable");
    // The same event through MoveAll would have moved the resource-rejected pod too.
    q.moveOnEvent(EventAssignedPodAdd, undefined, added.pod);
    expect(q.where("default/fit")).toBe("backoff");
  });

  it("a pod of another namespace does not move PodTopologySpread-rejected pods", () => {
    const { q } = newQueue([all("PodTopologySpread")]);
    failed(q, "spread", ["PodTopologySpread"]);
    q.assignedPodAdded(newPodInfo(makePod("x", { nodeName: "n1" }, { namespace: "other" })));
    expect(q.where("default/spread")).toBe("unschedulable");
  });
});

describe("Update of a pending pod", () => {
  const gates = plugin("SchedulingGates", [
    {
      event: { resource: "Pod", actionType: ActionType.UpdatePodSchedulingGatesEliminated },
      queueingHintFn: queueHint,
    },
  ]);
  it("a gated pod is released when its gates are removed, not by other updates", () => {
    const { q } = newQueue([gates]);
    const gated = makePod("p", { schedulingGates: [{ name: "g" }] });
    q.add(newPodInfo(gated));
    expect(q.where("default/p")).toBe("unschedulable");
    const relabelled = makePod("p", { schedulingGates: [{ name: "g" }] }, { labels: { a: "b" } });
    q.update(gated, newPodInfo(relabelled));
    expect(q.where("default/p")).toBe("unschedulable");
    q.update(relabelled, newPodInfo(makePod("p")));
    expect(q.where("default/p")).toBe("active");
  });

  it("a status-only update of an unschedulable pod does not move it", () => {
    const tt = plugin("TaintToleration", [
      { event: { resource: "Pod", actionType: ActionType.UpdatePodTolerations }, queueingHintFn: queueHint },
    ]);
    const { q } = newQueue([tt]);
    const qp = failed(q, "p", ["TaintToleration"]);
    const withStatus = {
      ...qp.podInfo.pod,
      status: { conditions: [{ type: "PodScheduled", status: "False" }] },
    };
    q.update(qp.podInfo.pod, newPodInfo(withStatus as never));
    expect(q.where("default/p")).toBe("unschedulable");
    const tolerating = makePod("p", { tolerations: [{ operator: "Exists" }] });
    q.update(withStatus as never, newPodInfo(tolerating));
    expect(q.where("default/p")).toBe("backoff");
  });
});
