/**
 * NodeAffinity's quick test over the cache's columns (passingNodes), whose verdicts it keeps per
 * requirement, against its Filter, while nodes are relabelled, added and removed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cache } from "../../cache/cache";
import { CycleState } from "../../framework/cycle-state";
import { makeNode, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { NodeAffinityPlugin } from "./node-affinity";

const ZONES = ["z1", "z2", "z3"];
/** A few requirements, so that pods share them and the kept verdicts are reused. */
const REQUIREMENTS: Record<string, unknown>[] = [
  { nodeSelector: { zone: "z1" } },
  {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["z1", "z2"] }] }],
        },
      },
    },
  },
  {
    nodeSelector: { disk: "ssd" },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["z3"] }] }],
        },
      },
    },
  },
];

const step = fc.record({
  op: fc.constantFrom("relabel", "add", "remove", "none"),
  node: fc.nat(),
  zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  ssd: fc.boolean(),
  requirement: fc.nat({ max: REQUIREMENTS.length - 1 }),
  start: fc.nat(),
  count: fc.nat(),
});

describe("NodeAffinity passingNodes", () => {
  it.each([
    ["", false],
    [" with a scheduler-enforced affinity", true],
  ])("leaves ok set exactly where Filter returns Success, through node changes%s", (_name, enforced) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(step, { minLength: 1, maxLength: 30 }),
        (initial, steps) => {
          const cache = new Cache();
          const nodeOf = (i: number, zone: string | undefined, ssd: boolean) => {
            const labels: Record<string, string> = {};
            if (zone) labels.zone = zone;
            if (ssd) labels.disk = "ssd";
            return makeNode(`n${i}`, { labels });
          };
          let names = 0;
          for (; names < initial; names++) cache.upsertNode(nodeOf(names, ZONES[names % 3], names % 2 === 0));
          const pl = new NodeAffinityPlugin(
            enforced
              ? {
                  addedAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "Exists" }] }],
                    },
                  },
                }
              : {},
          );
          for (const s of steps) {
            const listed = cache.list();
            const target = listed[s.node % listed.length];
            if (s.op === "relabel" && target)
              cache.upsertNode(nodeOf(Number(target.name.slice(1)), s.zone, s.ssd));
            else if (s.op === "add") cache.upsertNode(nodeOf(names++, s.zone, s.ssd));
            else if (s.op === "remove" && target && listed.length > 1) cache.removeNode(target.name);
            const list = cache.list();
            const p = newPodInfo(makePod(`p${s.requirement}`, REQUIREMENTS[s.requirement]));
            const state = new CycleState();
            pl.preFilter(state, p);
            const start = s.start % list.length;
            const count = 1 + (s.count % list.length);
            const ok = new Uint8Array(count).fill(1);
            pl.passingNodes(state, p, cache.columns, start, count, ok);
            for (let i = 0; i < count; i++) {
              const ni = list[(start + i) % list.length];
              const verdict = ni && pl.filter(state, p, ni);
              expect(ok[i] === 1).toBe(ni !== undefined && verdict === undefined);
              // Where it cleared a node, the status it knows is the filter's.
              if (ok[i] === 0) {
                const known = pl.quickRejection(state, p, cache.columns, (start + i) % list.length);
                expect(known && { code: known.code, reasons: known.reasons }).toEqual(
                  verdict && { code: verdict.code, reasons: verdict.reasons },
                );
              }
            }
          }
        },
      ),
    );
  });
});
