/**
 * Containers whose main shell loops over echo, date and sleep run ahead of the cluster's clock
 * (procrun.ts, sh/sealed.ts). What anyone can see must be the same as when they do not: each
 * script here runs twice, once as written and once with `: </dev/null` in its loop (a redirection,
 * so the loop is not sealed and the process wakes at every sleep), and the logs, with their
 * times, and the containers' states must match at every look.
 */
import { describe, expect, it } from "vitest";
import type { Pod } from "../api/kinds";
import { createCluster } from "../index";
import { testNode as node } from "./testing";

type Cluster = ReturnType<typeof createCluster>;

/** A one-node cluster that counts the timers each pod's processes set. */
function setup() {
  const cluster = createCluster({ seed: 7 });
  cluster.api.create(node("node01"));
  cluster.advance(2);
  const timers = new Map<string, number>();
  const at = cluster.clock.at.bind(cluster.clock);
  cluster.clock.at = (ms, fn, label = "", reuse) => {
    const m = / (\S+\/\S+)\/\S+ pid \d+$/.exec(label);
    if (m) timers.set(m[1] as string, (timers.get(m[1] as string) ?? 0) + 1);
    return at(ms, fn, label, reuse);
  };
  return { cluster, timers };
}

function pod(name: string, script: string, extra: Partial<Pod["spec"]> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: {
      restartPolicy: "Never",
      containers: [{ name: "main", image: "busybox:1.36", command: ["sh", "-c", script] }],
      ...extra,
    },
  } as Pod;
}

const logs = (c: Cluster, name: string, container = "main") =>
  (c.hosts.get("node01")?.containerLogs("default", name, container, false) ?? []).map(
    (l) => `${l.t} ${l.stream} ${l.text}`,
  );
const state = (c: Cluster, name: string) =>
  (c.api.get("Pod", "default", name) as Pod | undefined)?.status?.containerStatuses?.find(
    (s) => s.name === "main",
  )?.state;

/** The loop made unsealed: the same script with a no-op redirection at the top of each loop body. */
function unsealed(script: string): string {
  return script.replace(/; do /g, "; do : </dev/null; ");
}

/**
 * Runs script as written and unsealed, each in its own cluster, looking at both after each step
 * (seconds to advance, or an action on the cluster); returns what the sealed one's looks saw.
 */
function same(script: string, steps: (number | ((c: Cluster) => void))[], extra: Partial<Pod["spec"]> = {}) {
  const runs = [script, unsealed(script)].map((text) => {
    const { cluster, timers } = setup();
    cluster.api.create(pod("p", text, extra));
    const looks: unknown[] = [];
    for (const step of steps) {
      if (typeof step === "number") cluster.advance(step);
      else step(cluster);
      looks.push({ logs: logs(cluster, "p"), state: state(cluster, "p") });
    }
    return { looks, timers: timers.get("default/p") ?? 0 };
  });
  const [sealed, plain] = runs as [(typeof runs)[0], (typeof runs)[0]];
  expect(unsealed(script)).not.toBe(script);
  expect(sealed.looks).toEqual(plain.looks);
  return { ...sealed, plainTimers: plain.timers };
}

describe("a container running ahead of the clock", () => {
  it("shows the docs' counter exactly as one that wakes every second, with far fewer wake-ups", () => {
    const script = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done';
    const { looks, timers } = same(script, [3, 0.4, 11, 47, 90]);
    const last = looks.at(-1) as { logs: string[] };
    expect(last.logs.length).toBeGreaterThan(140);
    expect(last.logs[0]).toMatch(/ stdout 0: Thu Jan {2}1 00:00:0\d UTC 2026$/);
    // About one wake-up a minute (plus the first), not one a second.
    expect(timers).toBeLessThan(10);
  });

  it("ends at its own time when the loop ends, with what follows it", () => {
    const script = "for i in $(seq 1 70); do echo $i; echo e$i >&2; sleep 1; done; echo done; exit 3";
    const { looks } = same(script, [30, 40, 0.5, 1, 5]);
    const last = looks.at(-1) as { logs: string[]; state: { terminated?: { exitCode: number } } };
    expect(last.logs.at(-1)).toMatch(/ stdout done$/);
    expect(last.state.terminated?.exitCode).toBe(3);
  });

  it("fails under set -e at the second the failing command runs", () => {
    const script = "set -e; i=0; while true; do i=$((i+1)); echo $i; [ $i -lt 50 ]; sleep 1; done";
    const { looks } = same(script, [20, 29, 0.5, 1, 30]);
    const last = looks.at(-1) as { state: { terminated?: { exitCode: number } } };
    expect(last.state.terminated?.exitCode).toBe(1);
  });

  it("keeps stdout and stderr in order at half-second sleeps", () => {
    same(
      'n=0; while [ $n -lt 500 ]; do echo "out $n"; echo "err $n" >&2; n=$((n+1)); sleep 0.5; done',
      [7, 33, 61, 200],
    );
  });

  it("is stopped by a fatal signal at the cluster's time, keeping only what it wrote by then", () => {
    // In a shared PID namespace the shell is not PID 1, so TERM ends it (143).
    const kill = (c: Cluster) => {
      const r = c.hosts
        .get("node01")
        ?.exec("default", "p", "side", ["sh", "-c", "kill $(ps | awk '/[w]hile/ { print $1; exit }')"]);
      expect(r?.stderr ?? "").toBe("");
      expect(r?.exit).toBe(0);
    };
    const spec: Partial<Pod["spec"]> = {
      shareProcessNamespace: true,
      containers: [
        { name: "main", image: "busybox:1.36", command: ["sh", "-c", ""] },
        { name: "side", image: "busybox:1.36", command: ["sleep", "3600"] },
      ],
    };
    const script = 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1; done';
    const withScript = (text: string): Partial<Pod["spec"]> => ({
      ...spec,
      containers: [
        { name: "main", image: "busybox:1.36", command: ["sh", "-c", text] },
        ...(spec.containers ?? []).slice(1),
      ],
    });
    const runs = [script, unsealed(script)].map((text) => {
      const { cluster } = setup();
      cluster.api.create(pod("p", text, withScript(text)));
      cluster.advance(23.3);
      kill(cluster);
      cluster.advance(10);
      return { logs: logs(cluster, "p"), state: state(cluster, "p") };
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]?.state?.terminated?.exitCode).toBe(143);
    expect(runs[0]?.logs.at(-1)).toMatch(/ stdout tick 2\d$/);
  });

  it("runs a trap at the signal's time (a trapped shell does not run ahead)", () => {
    const script = "trap 'echo bye; exit 0' TERM; while true; do echo tick; sleep 1; done";
    const { timers } = same(script, [12, 50]);
    expect(timers).toBeGreaterThan(60);
  });

  it("ignores TERM as PID 1 without losing its place", () => {
    const term = (c: Cluster) => {
      c.hosts.get("node01")?.exec("default", "p", "main", ["kill", "-TERM", "1"]);
    };
    same('i=0; while true; do echo "n $i"; i=$((i+1)); sleep 2; done', [9, term, 0.5, term, 70, 30]);
  });

  it("does not run a loop ahead that reads files, writes them, or runs other programs", () => {
    for (const script of [
      "while true; do date >> /tmp/log; sleep 1; done",
      "while true; do cat /etc/hostname; sleep 1; done",
      "while true; do [ -f /tmp/stop ] && break; echo tick; sleep 1; done",
      "while true; do echo * ; sleep 1; done",
      "while true; do for g in /tmp/*; do echo $g; done; sleep 1; done",
      "while true; do echo tick | grep t; sleep 1; done",
      "while true; do echo tick; sleep 1 & wait; done",
    ]) {
      const { cluster, timers } = setup();
      cluster.api.create(pod("p", script));
      cluster.advance(30);
      expect(timers.get("default/p") ?? 0, script).toBeGreaterThan(20);
    }
  });

  it("runs a loop over files ahead once their names are known (the words are expanded first)", () => {
    const script = "touch /tmp/a /tmp/b; for f in /tmp/*; do echo $f; sleep 20; done; echo done";
    const { timers, looks } = same(script, [10, 30, 30]);
    expect((looks.at(-1) as { logs: string[] }).logs.map((l) => l.split(" ").at(-1))).toEqual([
      "/tmp/a",
      "/tmp/b",
      "done",
    ]);
    expect(timers).toBeLessThan(3);
  });

  it("sees a file another process creates at the second it checks (through a variable)", () => {
    const script =
      "f=-f; while true; do if [ $f /tmp/stop ]; then echo stopped; exit 0; fi; echo tick; sleep 1; done";
    const touch = (c: Cluster) => {
      c.hosts.get("node01")?.exec("default", "p", "main", ["touch", "/tmp/stop"]);
    };
    const { looks } = same(script, [10.5, touch, 0.2, 1, 5]);
    const last = looks.at(-1) as { logs: string[]; state: { terminated?: { exitCode: number } } };
    expect(last.logs.at(-1)).toMatch(/ stdout stopped$/);
    expect(last.state.terminated?.exitCode).toBe(0);
  });

  it("matches the unsealed run for generated loops, looked at at random times", () => {
    // A seeded generator of sealed loops: output to both streams, arithmetic, dates, case,
    // nested loops, sleeps of several lengths, breaks, and what follows the loop.
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = <T>(xs: T[]) => xs[rand(xs.length)] as T;
    const items = [
      () => 'echo "a $i"',
      () => 'echo "e $i" >&2',
      () => "printf '%s-%d\\n' x $i",
      () => "i=$((i+1))",
      () => `sleep ${pick(["0.5", "1", "2", "0.25"])}`,
      () => `[ $i -gt ${5 + rand(60)} ] && break`,
      () => "case $((i % 3)) in 0) echo zero;; *) :;; esac",
      () => 'echo "t $(date +%s)"',
      () => 'for j in 1 2; do echo "$i.$j"; done',
      () => "if [ $((i % 4)) -eq 0 ]; then sleep 1; fi",
    ];
    const wakeUps = { sealed: 0, plain: 0 };
    for (let k = 0; k < 12; k++) {
      const body = ["i=$((i+1))", ...Array.from({ length: 2 + rand(4) }, () => pick(items)()), "sleep 1"];
      const loop = pick([
        `while true; do ${body.join("; ")}; done`,
        `until [ $i -ge ${20 + rand(100)} ]; do ${body.join("; ")}; done`,
        `for x in $(seq 1 ${10 + rand(80)}); do ${body.join("; ")}; done`,
      ]);
      const script = `i=0; ${loop}; echo after $i; sleep 3; echo end`;
      const steps = Array.from({ length: 6 }, () => 1 + rand(40) + rand(10) / 10);
      const r = same(script, steps);
      wakeUps.sealed += r.timers;
      wakeUps.plain += r.plainTimers;
    }
    // The loops did run ahead (far fewer wake-ups), and the looks above were still the same.
    expect(wakeUps.sealed * 3).toBeLessThan(wakeUps.plain);
  });
});
