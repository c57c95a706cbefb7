/** The heap against a sorted list, under seeded random pushes, updates, deletes and pops. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Heap } from "./heap";

interface Item {
  key: string;
  prio: number;
  seq: number;
}

describe("Heap", () => {
  it("pops in order and finds, replaces and deletes by key like a sorted list", () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("push" as const),
        key: fc.integer({ min: 0, max: 15 }),
        prio: fc.integer({ min: 0, max: 5 }),
      }),
      fc.record({ kind: fc.constant("delete" as const), key: fc.integer({ min: 0, max: 15 }) }),
      fc.record({ kind: fc.constant("pop" as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const less = (a: Item, b: Item) => a.prio > b.prio || (a.prio === b.prio && a.seq < b.seq);
        const heap = new Heap<Item>((i) => i.key, less);
        let ref: Item[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === "push") {
            const item = { key: `k${o.key}`, prio: o.prio, seq: seq++ };
            heap.push(item);
            ref = [...ref.filter((r) => r.key !== item.key), item];
          } else if (o.kind === "delete") {
            const key = `k${o.key}`;
            expect(heap.delete(key)).toBe(ref.find((r) => r.key === key));
            ref = ref.filter((r) => r.key !== key);
          } else {
            ref.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
            expect(heap.pop()).toBe(ref.shift());
          }
          expect(heap.size).toBe(ref.length);
          for (const r of ref) expect(heap.get(r.key)).toBe(r);
        }
      }),
    );
  });
});
