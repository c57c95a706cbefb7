import { defineConfig } from "vitest/config";

// vitest 5 on Node 20: its reporter uses Map.groupBy (Node 21+); without this a failing test
// crashes the reporter and the failure text is lost.
if (!("groupBy" in Map)) {
  Object.defineProperty(Map, "groupBy", {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const out = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = out.get(k);
        if (list) list.push(item);
        else out.set(k, [item]);
      }
      return out;
    },
  });
}

export default defineConfig({
  test: { include: ["src/**/*.test.ts", "scripts/**/*.test.ts"], testTimeout: 60000 },
});
