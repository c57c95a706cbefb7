/** kubectl's manifest reader: splitting and decoding a large multi-document stream. */

import { decodeStream, type ManifestResult } from "../src/kubectl/manifest";
import { type Benchmark, timeMs } from "./harness";

/** n ConfigMap documents separated by "---", as `kubectl get -o yaml` splits would write them. */
function stream(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++)
    docs.push(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  labels: {app: a${i % 10}}\ndata:\n  key: value-${i}\n`,
    );
  return docs.join("---\n");
}

export const benchmarks: Benchmark[] = [
  {
    name: "kubectl/parse-12k-docs",
    unit: "ms",
    run() {
      const text = stream(12_000);
      const result: ManifestResult = { objects: [], errors: [] };
      const ms = timeMs(() => decodeStream(text, "STDIN", result));
      if (result.objects.length !== 12_000 || result.errors.length) throw new Error("parse lost documents");
      return ms;
    },
  },
];
