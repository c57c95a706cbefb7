/** The API store: object creation with 100k pods, and the cost of watch fan-out. */

import { MemoryStore } from "../src/engine/api/store";
import type { KubeObject } from "../src/engine/api/types";
import { Clock } from "../src/engine/clock/clock";
import { Rng } from "../src/engine/clock/random";
import { type Benchmark, timeMs } from "./harness";

function store(): MemoryStore {
  const s = new MemoryStore(new Clock(Date.parse("2026-01-01T00:00:00Z")), new Rng(1));
  s.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  return s;
}

const pod = (i: number): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: `p-${i}`, namespace: "default", labels: { app: `a${i % 100}` } },
  spec: {
    containers: [{ name: "app", image: "nginx", resources: { requests: { cpu: "100m", memory: "64Mi" } } }],
  },
});

export const benchmarks: Benchmark[] = [
  {
    name: "store/create-pods-100k",
    unit: "objects/s",
    run() {
      const s = store();
      const n = 100_000;
      const ms = timeMs(() => {
        for (let i = 0; i < n; i++) s.create(pod(i));
      });
      return n / (ms / 1000);
    },
  },
  {
    name: "store/watch-fanout-20-watchers",
    unit: "events/s",
    run() {
      const s = store();
      let seen = 0;
      for (let w = 0; w < 20; w++) s.watch("Pod", () => seen++);
      const n = 20_000;
      const ms = timeMs(() => {
        for (let i = 0; i < n; i++) s.create(pod(i));
      });
      if (seen !== n * 20) throw new Error("watch fan-out lost events");
      return seen / (ms / 1000);
    },
  },
  {
    name: "store/list-by-label-100k",
    unit: "ms",
    run() {
      const s = store();
      for (let i = 0; i < 100_000; i++) s.create(pod(i));
      return (
        timeMs(() => {
          for (let i = 0; i < 10; i++)
            s.list("Pod", { labelSelector: [{ key: "app", op: "=", values: ["a7"] }] });
        }) / 10
      );
    },
  },
];
