/**
 * Untrusted scenarios (issue 11): decoded and validated object by object like API requests; what
 * fails is skipped and reported with its kind and name, a file of the wrong shape is refused.
 */
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { TestCluster } from "../testing/test-cluster";
import { loadCkaScenario } from "./scenarios/cka";
import {
  exportSnapshot,
  readScenarioFile,
  restoreSnapshot,
  SnapshotError,
  serializeSnapshot,
} from "./snapshot";
import { describeSkipped, typeError } from "./snapshot-decode";

const TIME = "2026-01-01T00:00:00Z";

function scenario(objects: unknown[], extra: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: "kubeglass.dev/v1alpha1",
    kind: "Scenario",
    time: TIME,
    seed: 1,
    files: {},
    objects,
    ...extra,
  });
}

function pod(name: unknown, spec: unknown = { containers: [{ name: "c", image: "nginx" }] }): unknown {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec };
}

describe("readScenarioFile", () => {
  it("keeps every object of an exported lab cluster", () => {
    const t = new TestCluster({ setup: loadCkaScenario, home: "controlplane" });
    t.kubectl("create deployment web --image=nginx --replicas=3");
    t.kubectl("expose deployment web --port=80");
    t.kubectl("create job j --image=busybox -- sh -c 'sleep 5'");
    t.kubectl("create configmap cm --from-literal=a=b");
    t.kubectl("taint node node01 k=v:NoSchedule");
    t.advance(60);
    const text = serializeSnapshot(exportSnapshot(t.cluster));
    const read = readScenarioFile(text);
    expect(read.skipped.map(describeSkipped)).toEqual([]);
    expect(read.snapshot.objects.length).toBe(exportSnapshot(t.cluster).objects.length);
  });

  const skippedCases: [string, unknown, RegExp][] = [
    [
      "a name that is an object",
      pod({ a: 1 }),
      /^Pod default\/<unnamed>: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name of type string$/,
    ],
    [
      "labels that are a list",
      { ...(pod("p") as object), metadata: { name: "p", labels: ["a", "b"] } },
      /cannot unmarshal array into Go struct field ObjectMeta\.metadata\.labels of type map\[string\]string/,
    ],
    [
      "replicas that are text",
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { replicas: "three" } },
      /^Deployment default\/d|^Deployment d: .*cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32$/,
    ],
    [
      "replicas that are not whole",
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { replicas: 2.5 } },
      /cannot unmarshal number 2\.5 into Go struct field DeploymentSpec\.spec\.replicas of type int32/,
    ],
    [
      "containers that are text",
      pod("p", { containers: "nginx" }),
      /cannot unmarshal string into Go struct field PodSpec\.spec\.containers of type \[\]v1\.Container/,
    ],
    [
      "a command word that is a number",
      pod("p", { containers: [{ name: "c", image: "busybox", command: ["sleep", 1200] }] }),
      /cannot unmarshal number into Go struct field Container\.spec\.containers\.command of type string/,
    ],
    [
      "an unknown field",
      pod("p", { containers: [{ name: "c", image: "nginx" }], foo: 1 }),
      /strict decoding error: unknown field "spec\.foo"/,
    ],
    [
      "an unknown kind",
      { apiVersion: "v1", kind: "Widget", metadata: { name: "w" } },
      /no matches for kind "Widget" in version "v1"/,
    ],
    [
      "a kind that is a number",
      { apiVersion: "v1", kind: 5, metadata: { name: "w" } },
      /Object 'Kind' is missing/,
    ],
    [
      "a name the API server refuses",
      pod("Not_Valid"),
      /invalid: metadata\.name: Invalid value: "Not_Valid"/,
    ],
    ["a pod without containers", pod("p", { containers: [] }), /invalid: spec\.containers: Required value/],
    [
      "metadata that is text",
      { apiVersion: "v1", kind: "Pod", metadata: "hello" },
      /metadata: Required value/,
    ],
    [
      "a missing namespace",
      { ...(pod("p") as object), metadata: { name: "p", namespace: "nowhere" } },
      /namespaces "nowhere" not found/,
    ],
  ];
  for (const [name, obj, want] of skippedCases)
    it(`skips ${name}, naming it`, () => {
      const read = readScenarioFile(scenario([pod("ok"), obj]));
      expect(read.snapshot.objects.map((o) => o.metadata.name)).toEqual(["ok"]);
      expect(read.skipped).toHaveLength(1);
      expect(describeSkipped(read.skipped[0] as never)).toMatch(want);
    });

  it("skips the second of two objects with the same kind and name", () => {
    const read = readScenarioFile(scenario([pod("p"), pod("p")]));
    expect(read.snapshot.objects).toHaveLength(1);
    expect(read.skipped.map(describeSkipped)).toEqual([
      "Pod default/p: a second object of the same kind and name",
    ]);
  });

  const refusedCases: [string, string, RegExp][] = [
    ["not YAML", "kind: [", /^not a scenario file/],
    ["another kind", stringify({ kind: "Pod" }), /expected kind: Scenario/],
    ["a bad time", scenario([], { time: "yesterday" }), /time must be an RFC 3339 UTC time/],
    ["a bad seed", scenario([], { seed: -1 }), /seed must be an integer/],
    [
      "files that are not text",
      scenario([], { files: { n1: { "/etc/x": { a: 1 } } } }),
      /\/etc\/x is not text/,
    ],
    ["a relative file path", scenario([], { files: { n1: { "../x": "" } } }), /is not an absolute path/],
    ["deeply nested JSON", `${"[".repeat(100_000)}${"]".repeat(100_000)}`, /^not a scenario file/],
  ];
  for (const [name, text, want] of refusedCases)
    it(`refuses ${name} as a whole`, () => {
      expect(() => readScenarioFile(text)).toThrow(SnapshotError);
      expect(() => readScenarioFile(text)).toThrow(want);
    });

  it("restores what it kept: the skipped pod is not there, the good one is", () => {
    const read = readScenarioFile(
      scenario([{ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } }, pod("good"), pod({ a: 1 })]),
    );
    const c = restoreSnapshot(read.snapshot);
    expect(c.api.list("Pod").map((p) => p.metadata.name)).toEqual(["good"]);
  });
});

describe("typeError", () => {
  it("accepts null (Go's zero value) and the int-or-string and quantity unions", () => {
    const read = readScenarioFile(
      scenario([
        pod("p", {
          containers: [
            {
              name: "c",
              image: "nginx",
              resources: { requests: { cpu: 0.5, memory: "64Mi" } },
              ports: [{ containerPort: 80 }],
              livenessProbe: { httpGet: { port: "http" } },
            },
          ],
          nodeName: null,
        }),
      ]),
    );
    expect(read.skipped.map(describeSkipped)).toEqual([]);
    expect(typeError(1, { type: "integer", format: "int32" })).toBeUndefined();
    expect(typeError(2 ** 31, { type: "integer", format: "int32" }, "S")).toBe(
      "json: cannot unmarshal number 2147483648 into Go struct field S of type int32",
    );
  });
});
