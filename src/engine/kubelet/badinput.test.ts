/**
 * Containers given hostile or runaway commands: the engine stays responsive, the virtual clock is
 * not flooded, logs stay bounded, and no shell text reaches JavaScript evaluation.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Pod } from "../api/kinds";
import { createCluster } from "../index";
import { THROTTLE_MS } from "../sh/interface";
import { MAX_FORKS_PER_INSTANT } from "../sh/interp";
import { CONTAINER_LOG_MAX_BYTES, criLineOverhead } from "./logbuffer";
import { testNode as node } from "./testing";

/** A cluster of one node, counting the timers each pod's processes set. */
function setup() {
  const cluster = createCluster();
  cluster.api.create(node("node01"));
  cluster.advance(2);
  const timers = new Map<string, number>();
  const at = cluster.clock.at.bind(cluster.clock);
  cluster.clock.at = (ms, fn, label = "") => {
    // A process's timers are labelled `NODE NAMESPACE/POD/CONTAINER pid N`.
    const m = / (\S+\/\S+)\/\S+ pid \d+$/.exec(label);
    if (m) timers.set(m[1] as string, (timers.get(m[1] as string) ?? 0) + 1);
    return at(ms, fn, label);
  };
  return { cluster, timers };
}

function run(
  cluster: ReturnType<typeof createCluster>,
  name: string,
  script: string,
  image = "busybox:1.36",
) {
  const shell = image.startsWith("busybox") ? "sh" : "bash";
  cluster.api.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { restartPolicy: "Never", containers: [{ name: "main", image, command: [shell, "-c", script] }] },
  } as Pod);
}

const pod = (c: ReturnType<typeof createCluster>, name: string) => c.api.get("Pod", "default", name) as Pod;
const logs = (c: ReturnType<typeof createCluster>, name: string) =>
  c.hosts.get("node01")?.containerLogs("default", name, "main", false) ?? [];
const terminated = (c: ReturnType<typeof createCluster>, name: string) =>
  pod(c, name).status?.containerStatuses?.[0]?.state?.terminated;

describe("bad input in containers", () => {
  it("a loop that never sleeps is throttled: the cluster goes on, the clock gets ~1 timer per throttle", () => {
    const { cluster, timers } = setup();
    run(cluster, "spin", "while true; do :; done");
    run(cluster, "ticker", "while true; do echo tick; sleep 1; done");
    cluster.advance(5);
    const before = new Map(timers);
    const seconds = 20;
    cluster.advance(seconds);
    expect(pod(cluster, "spin").status?.phase).toBe("Running");
    // The spinning shell waits THROTTLE_MS after each step budget: about 10 timers a second.
    const spun = (timers.get("default/spin") ?? 0) - (before.get("default/spin") ?? 0);
    expect(spun).toBeGreaterThanOrEqual((seconds * 1000) / THROTTLE_MS - 2);
    expect(spun).toBeLessThanOrEqual((seconds * 1000) / THROTTLE_MS + 2);
    // The other pod's loop kept its pace beside it.
    const ticks = logs(cluster, "ticker").filter((l) => l.text === "tick").length;
    expect(ticks).toBeGreaterThanOrEqual(24);
    expect(ticks).toBeLessThanOrEqual(26);
  });

  it("10 MB of short lines is bounded by the log rotation size", () => {
    const { cluster } = setup();
    run(cluster, "flood", "seq 1 1000000; seq 1000001 2000000");
    cluster.advance(5);
    expect(terminated(cluster, "flood")?.exitCode).toBe(0);
    const kept = logs(cluster, "flood");
    const bytes = kept.reduce((n, l) => n + l.text.length + criLineOverhead(l.t, l.stream), 0);
    expect(bytes).toBeLessThanOrEqual(CONTAINER_LOG_MAX_BYTES);
    expect(kept.length).toBeLessThan(2_000_000);
    expect(kept.at(-1)?.text).toBe("2000000");
  });

  it("a 10 MB line is kept whole under the limit, not multiplied", () => {
    const { cluster } = setup();
    run(cluster, "wide", "printf '%10000000s\\n' x");
    cluster.advance(5);
    expect(terminated(cluster, "wide")?.exitCode).toBe(0);
    const kept = logs(cluster, "wide");
    expect(kept).toHaveLength(1);
    expect(kept[0]?.text.length).toBe(10_000_000);
  });

  it("a fork bomb ends: fork fails past the bound and the container exits", () => {
    const { cluster } = setup();
    run(cluster, "bomb", "b(){ b | b & }; b");
    cluster.advance(5);
    expect(terminated(cluster, "bomb")).toBeDefined();
    const text = logs(cluster, "bomb").map((l) => l.text);
    expect(text).toContain("sh: can't fork: Resource temporarily unavailable");
    expect(text.length).toBeLessThanOrEqual(2 * MAX_FORKS_PER_INSTANT + 10);
  });

  it("deep recursion ends with the shell's message, not a JavaScript stack overflow", () => {
    const { cluster } = setup();
    run(cluster, "deep", "f(){ f; }; f");
    run(cluster, "deepbash", "f(){ f; }; f", "debian:12");
    cluster.advance(5);
    expect(terminated(cluster, "deep")?.exitCode).toBe(2);
    expect(logs(cluster, "deep").map((l) => l.text)).toEqual(["sh: f: function nesting too deep"]);
    expect(terminated(cluster, "deepbash")?.exitCode).not.toBe(0);
    expect(logs(cluster, "deepbash")[0]?.text).toMatch(
      /^bash: line 1: f: maximum function nesting level exceeded/,
    );
  });

  it("shell words never reach JavaScript objects: names like constructor and __proto__ are plain variables", () => {
    const { cluster } = setup();
    run(
      cluster,
      "proto",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, not a template
      'echo "[${constructor}][${__proto__}][${toString}][$hasOwnProperty]"; export __proto__=x constructor=y; printenv constructor; printenv __proto__; echo $((constructor))',
    );
    cluster.advance(5);
    expect(terminated(cluster, "proto")?.exitCode).toBe(0);
    expect(logs(cluster, "proto").map((l) => l.text)).toEqual(["[][][][]", "y", "x", "0"]);
  });

  it("the engine has no eval of JavaScript (no eval(, new Function( or Function( in src/engine)", () => {
    const root = path.resolve(__dirname, "..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) {
          const text = fs.readFileSync(p, "utf8");
          // A method named eval (awk's interpreter: `eval(e: Expr): Value {`, `this.eval(e)`) is
          // not JavaScript's eval.
          for (const line of text.split("\n")) {
            if (/^\s*(?:private |public )?eval\s*\([^)]*\)\s*:/.test(line)) continue;
            if (/(?<![.\w$])eval\s*\(|(?<![.\w$])Function\s*\(/.test(line))
              offenders.push(path.relative(root, p));
          }
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
