// Lab files that do not validate: each error names its file, line and field.
import { describe, expect, it } from "vitest";
import { normalizeAnswer, splitWords } from "./answers";
import { formatLabError, parseLab } from "./load";
import { parseTaint } from "./taint";

const GOOD = `id: demo
title: Demo
topic: daemonsets
scenario: cka
tasks:
  - id: count
    question: How many?
    answer: { type: number, kubectl: get ds -A -o name, reduce: count }
  - id: act
    action: Do it
    check:
      pod: { name: bee, node: node01 }
`;

function errorsOf(text: string): string[] {
  const r = parseLab(text, "demo.yaml");
  return r.ok ? [] : r.errors.map(formatLabError);
}

describe("parseLab", () => {
  it("reads a valid lab", () => {
    const r = parseLab(GOOD, "demo.yaml");
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.lab.tasks.map((t) => t.id)).toEqual(["count", "act"]);
  });

  it("names the line of an unknown predicate field", () => {
    expect(errorsOf(GOOD.replace("node: node01", "nod: node01"))).toEqual([
      'demo.yaml:12: tasks[1].check.pod.nod: unknown field "nod" (expected one of: namespace, name, selector, static, phase, node, notOnNode, image, tolerates, ready, schedulerName, initContainers, containers, limits, requests, count)',
    ]);
  });

  it("names a missing required field at its parent's line", () => {
    expect(errorsOf(GOOD.replace("    action: Do it\n", ""))).toEqual([
      'demo.yaml:9: tasks[1]: missing required field "action"',
    ]);
  });

  it("refuses a wrong type and an unknown scenario", () => {
    expect(
      errorsOf(GOOD.replace("scenario: cka", "scenario: gke").replace("title: Demo", "title: [a]")),
    ).toEqual([
      "demo.yaml:2: title: must be a string, not an array",
      'demo.yaml:4: scenario: must be one of "cka", "empty"',
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    const errors = errorsOf(
      GOOD.replace("    question: How many?", "    question: How many?\n   bad: [indent"),
    );
    expect(errors[0]).toMatch(/^demo\.yaml:8: /);
  });

  it("checks what the schema cannot: duplicate ids, after, answer sources, selectors, taints", () => {
    const text = `${GOOD.replace("id: act", "id: count")}  - id: later
    after: [nope]
    action: x
    check: { all: [{ pod: { selector: "a in (b" } }, { node: { name: n, taints: ["bad"] } }] }
  - id: q2
    question: Which?
    answer: { type: name, kubectl: get pods, count: { pod: { name: x } } }
`;
    expect(errorsOf(text)).toEqual([
      'demo.yaml:9: tasks[1].id: duplicate task id "count"',
      'demo.yaml:14: tasks[2].after[0]: "nope" is not the id of an earlier task',
      expect.stringMatching(/^demo\.yaml:16: tasks\[2\]\.check\.all\[0\]\.pod\.selector: /),
      "demo.yaml:16: tasks[2].check.all[1].node.taints[0]: not a taint (key=value:Effect): bad",
      "demo.yaml:19: tasks[3].answer: needs exactly one of kubectl, count, names, files, yamlField (has kubectl, count)",
    ]);
  });

  it("refuses an answer query that is not a kubectl get", () => {
    expect(errorsOf(GOOD.replace("kubectl: get ds", "kubectl: delete ds"))).toEqual([
      expect.stringMatching(
        /^demo\.yaml:8: tasks\[0\]\.answer\.kubectl: "delete ds -A -o name" does not match/,
      ),
    ]);
  });
});

describe("normalizeAnswer", () => {
  it.each([
    ["number", " 3 ", "3"],
    ["number", "three", undefined],
    ["name", "'/etc/kubernetes/manifests/'", "/etc/kubernetes/manifests"],
    ["image", "nginx", "docker.io/library/nginx:latest"],
    ["image", "docker.io/library/nginx:latest", "docker.io/library/nginx:latest"],
    ["image", "flannel/flannel:v0.26.1", "docker.io/flannel/flannel:v0.26.1"],
    ["list", "kube-system, kube-flannel kube-system", "kube-flannel,kube-system"],
  ] as const)("%s %j → %j", (type, text, want) => {
    expect(normalizeAnswer(type, text)).toBe(want);
  });
});

describe("helpers", () => {
  it("splits words as a shell does with quotes", () => {
    expect(splitWords(`get pods -o 'jsonpath={.items[?(@.kind=="Node")]}' "a b"`)).toEqual([
      "get",
      "pods",
      "-o",
      'jsonpath={.items[?(@.kind=="Node")]}',
      "a b",
    ]);
  });

  it("parses taints as kubectl taint writes them", () => {
    expect(parseTaint("spray=mortein:NoSchedule")).toEqual({
      key: "spray",
      value: "mortein",
      effect: "NoSchedule",
    });
    expect(parseTaint("node-role.kubernetes.io/control-plane:NoSchedule")).toEqual({
      key: "node-role.kubernetes.io/control-plane",
      effect: "NoSchedule",
    });
    expect(parseTaint("a=b:Sometimes")).toBeUndefined();
  });
});

describe("progress", () => {
  it("asks for the tasks a question comes after before comparing its answer", async () => {
    const { bootLab } = await import("./run");
    const { answerTask, newProgress } = await import("./progress");
    const r = parseLab(
      `id: t
title: T
topic: t
scenario: cka
tasks:
  - id: make
    action: Create pod p
    check: { pod: { name: p } }
  - id: phase
    after: [make]
    question: Its phase?
    answer: { type: name, kubectl: "get pod p -o jsonpath={.status.phase}" }
`,
    );
    if (!r.ok) throw new Error("lab does not load");
    const { cluster } = bootLab(r.lab);
    const out = answerTask(cluster, r.lab, newProgress(r.lab), "phase", "Running");
    expect(out.reasons).toEqual(["do make first"]);
    expect(out.progress.tasks.phase?.state).toBe("failed");
  });
});

describe("exam progress", () => {
  it("times out, stops re-checking, and scores what was missed and why", async () => {
    const { bootLab } = await import("./run");
    const { examOver, newProgress, refresh, score, finishExam } = await import("./progress");
    const r = parseLab(
      `id: e
title: E
topic: exam
scenario: cka
exam: { minutes: 1 }
tasks:
  - id: cordon
    points: 2
    action: Cordon node01
    check: { node: { name: node01, unschedulable: true } }
  - id: nodes
    question: How many nodes?
    answer: { type: number, kubectl: get nodes -o name, reduce: count }
`,
    );
    if (!r.ok) throw new Error("lab does not load");
    const { cluster } = bootLab(r.lab);
    const start = 1_000_000;
    const p = newProgress(r.lab, start);
    expect(p.exam).toEqual({ startedAt: start, endsAt: start + 60_000 });
    expect(examOver(p, start + 59_999)).toBe(false);
    expect(examOver(p, start + 60_000)).toBe(true);
    cluster.api.update({
      ...cluster.api.get("Node", undefined, "node01"),
      spec: { unschedulable: true },
    } as never);
    // After the time is up, a change no longer counts.
    expect(refresh(cluster, r.lab, p, start + 60_000)).toBe(p);
    const done = refresh(cluster, r.lab, p, start + 1000);
    expect(done.tasks.cordon?.state).toBe("done");
    expect(score(cluster, r.lab, finishExam(done))).toEqual({
      earned: 2,
      total: 3,
      tasks: [
        { id: "cordon", points: 2, earned: 2, reasons: [] },
        { id: "nodes", points: 1, earned: 0, reasons: ["not answered"] },
      ],
    });
    expect(examOver(finishExam(p), start)).toBe(true);
  });
});
