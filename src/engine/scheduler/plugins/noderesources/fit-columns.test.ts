/**
 * Fit's quick test over the cache's columns (passingNodes, quickRejection) against its Filter, node by node,
 * under random nodes, pods and chunks.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cache } from "../../cache/cache";
import { CycleState } from "../../framework/cycle-state";
import { newPodInfo } from "../../framework/types";
import { FitPlugin } from "./fit";
import { capNode, reqPod } from "./test-util";

const quantity = (unit: string, max: number) => fc.integer({ min: 0, max }).map((v) => `${v}${unit}`);
const requests = fc.record(
  { cpu: quantity("m", 3000), memory: quantity("Mi", 3000), "ephemeral-storage": quantity("Mi", 3000) },
  { requiredKeys: [] },
);
const allocatable = fc.record({
  cpu: quantity("m", 4000),
  memory: quantity("Mi", 4000),
  "ephemeral-storage": quantity("Mi", 4000),
  pods: fc.integer({ min: 0, max: 4 }).map(String),
});

describe("NodeResourcesFit passingNodes", () => {
  it("leaves ok set exactly where Filter returns Success, for any start and count", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(allocatable, fc.array(requests, { maxLength: 4 })), {
          minLength: 1,
          maxLength: 12,
        }),
        requests,
        fc.nat(),
        fc.nat(),
        (nodes, incoming, startSeed, countSeed) => {
          const cache = new Cache();
          nodes.forEach(([alloc, pods], i) => {
            cache.upsertNode(capNode(`n${i}`, alloc));
            for (const r of pods) cache.addPod(reqPod(`n${i}`, r));
          });
          const list = cache.list();
          const p = newPodInfo(reqPod(undefined, incoming));
          const fit = new FitPlugin();
          const state = new CycleState();
          fit.preFilter(state, p);
          const start = startSeed % list.length;
          const count = 1 + (countSeed % list.length);
          const ok = new Uint8Array(count).fill(1);
          fit.passingNodes(state, p, cache.columns, start, count, ok);
          for (let i = 0; i < count; i++) {
            const ni = list[(start + i) % list.length];
            const verdict = ni && fit.filter(state, p, ni);
            expect(ok[i] === 1).toBe(ni !== undefined && verdict === undefined);
            // Where it cleared a node, the status it knows is the filter's.
            if (ok[i] === 0) {
              const known = fit.quickRejection(state, p, cache.columns, (start + i) % list.length);
              expect(known && { code: known.code, reasons: known.reasons }).toEqual(
                verdict && { code: verdict.code, reasons: verdict.reasons },
              );
            }
          }
        },
      ),
    );
  });

  it("clears every node for a pod with an extended resource (Filter decides)", () => {
    const cache = new Cache();
    cache.upsertNode(capNode("n0", { cpu: "4", memory: "4Gi", pods: "10", "example.com/gpu": "2" }));
    const p = newPodInfo(reqPod(undefined, { cpu: "1", "example.com/gpu": "1" }));
    const fit = new FitPlugin();
    const state = new CycleState();
    fit.preFilter(state, p);
    const ok = new Uint8Array(1).fill(1);
    fit.passingNodes(state, p, cache.columns, 0, 1, ok);
    expect(ok[0]).toBe(0);
    expect(fit.quickRejection(state, p, cache.columns, 0)).toBeUndefined();
    expect(fit.filter(state, p, cache.list()[0] as never)).toBeUndefined();
  });
});
