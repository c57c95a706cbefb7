/**
 * PodTopologySpread's quick test over the cache's columns (passingNodes, quickRejection) against its Filter,
 * node by node, under random nodes (some without the topology label), pods and constraints.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cache } from "../../cache/cache";
import { CycleState } from "../../framework/cycle-state";
import { makeHandle, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { PodTopologySpreadPlugin } from "./pod-topology-spread";
import { LABEL_HOSTNAME, LABEL_ZONE, labelSelector, node, pod, spread } from "./testing";

describe("PodTopologySpread passingNodes", () => {
  it("leaves ok set exactly where Filter returns Success, for any start and count", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            zone: fc.option(fc.constantFrom("z1", "z2", "z3", "z4"), { nil: undefined }),
            pods: fc.array(fc.constantFrom("a", "b"), { maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.subarray([LABEL_ZONE, LABEL_HOSTNAME], { minLength: 1 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom("a", "b"),
        fc.nat(),
        fc.nat(),
        (nodes, keys, maxSkew, color, startSeed, countSeed) => {
          const cache = new Cache();
          let seq = 0;
          nodes.forEach(({ zone, pods }, i) => {
            const labels: Record<string, string> = { [LABEL_HOSTNAME]: `n${i}` };
            if (zone) labels[LABEL_ZONE] = zone;
            cache.upsertNode(node(`n${i}`, labels));
            for (const c of pods) cache.addPod(pod(`p${seq++}`, `n${i}`, { color: c }));
          });
          const list = cache.list();
          const handle = { ...makeHandle(list), snapshot: cache };
          const pl = new PodTopologySpreadPlugin(handle);
          const incoming = newPodInfo(
            makePod(
              "incoming",
              {
                topologySpreadConstraints: keys.map((k) =>
                  spread(maxSkew, k, "DoNotSchedule", labelSelector({ color: "a" })),
                ),
              },
              { labels: { color } },
            ),
          );
          const state = new CycleState();
          pl.preFilter(state, incoming);
          const start = startSeed % list.length;
          const count = 1 + (countSeed % list.length);
          const ok = new Uint8Array(count).fill(1);
          pl.passingNodes(state, incoming, cache.columns, start, count, ok);
          for (let i = 0; i < count; i++) {
            const ni = list[(start + i) % list.length];
            const verdict = ni && pl.filter(state, incoming, ni);
            expect(ok[i] === 1).toBe(ni !== undefined && verdict === undefined);
            // Where it cleared a node, the status it knows is the filter's.
            if (ok[i] === 0) {
              const known = pl.quickRejection(state, incoming, cache.columns, (start + i) % list.length);
              expect(known && { code: known.code, reasons: known.reasons }).toEqual(
                verdict && { code: verdict.code, reasons: verdict.reasons },
              );
            }
          }
        },
      ),
    );
  });
});
