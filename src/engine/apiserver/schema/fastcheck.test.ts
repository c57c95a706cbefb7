/**
 * The fast check must agree with the exact decoders: whatever it lets through, they would let
 * through, so no value of the wrong type reaches the store. A seeded fuzz: random values put at
 * random places of well-formed objects (print the seed to replay a failure).
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../clock/random";
import { decodeTyped } from "./decode";
import { Checker } from "./fastcheck";
import { kubernetesSchema, unknownFields } from "./strict";

const defs = kubernetesSchema.definitions;

const deployment = () => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web" }, annotations: { a: "b" } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: {
        containers: [
          {
            name: "c",
            image: "nginx",
            command: ["sleep", "10"],
            env: [{ name: "A", value: "1" }],
            ports: [{ containerPort: 80, protocol: "TCP" }],
            resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "1" } },
          },
        ],
        nodeSelector: { disk: "ssd" },
        tolerations: [{ key: "k", operator: "Exists", effect: "NoExecute", tolerationSeconds: 30 }],
        hostNetwork: false,
        terminationGracePeriodSeconds: 30,
      },
    },
  },
});

const VALUES: unknown[] = [
  "x",
  "3",
  "",
  5,
  2.5,
  -1,
  99999999999,
  true,
  null,
  [],
  ["a"],
  [1],
  {},
  { a: 1 },
  "1Gi",
];

/** Every path (as keys) to a value inside obj. */
function paths(obj: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (obj && typeof obj === "object")
    for (const [k, v] of Object.entries(obj)) {
      const key = Array.isArray(obj) ? Number(k) : k;
      out.push([...prefix, key], ...paths(v, [...prefix, key]));
    }
  return out;
}

function setAt(obj: unknown, path: (string | number)[], value: unknown): void {
  let cur = obj as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1] as string | number] = value;
}

describe("the fast check agrees with the exact decoders", () => {
  const def = "io.k8s.api.apps.v1.Deployment";
  const root = defs[def];
  if (!root) throw new Error("no Deployment schema");

  it("on a well-formed object: nothing found", () => {
    expect(new Checker(defs).check(deployment(), root)).toEqual({ typeError: false, unknownField: false });
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`on 300 mutations (seed ${seed})`, () => {
      const rng = new Rng(seed);
      const checker = new Checker(defs);
      const all = paths(deployment());
      for (let i = 0; i < 300; i++) {
        const obj = deployment();
        const path = all[rng.int(all.length)] as (string | number)[];
        const value = structuredClone(VALUES[rng.int(VALUES.length)]);
        // Sometimes a new field beside an existing one.
        if (rng.int(4) === 0) setAt(obj, [...path.slice(0, -1), "extraField"], value);
        else setAt(obj, path, value);
        const fast = checker.check(structuredClone(obj), root);
        const exact = decodeTyped(structuredClone(obj), def, defs);
        const where = `seed ${seed} #${i}: ${path.join(".")} = ${JSON.stringify(value)}`;
        expect(fast.typeError, where).toBe(!exact.ok);
        if (exact.ok) expect(fast.unknownField, where).toBe(unknownFields(obj, root).length > 0);
      }
    });
  }
});
