/**
 * Rows ported from pkg/apis/core/validation/validation_test.go (TestValidatePodSpec,
 * TestValidateContainers, TestValidateTolerations, TestValidateAffinity, TestValidatePodUpdate,
 * TestValidateNodeTaints) and pkg/apis/apps/validation/validation_test.go (selector/template,
 * replicas, selector immutability), checked through the API store.
 */
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import { createCluster } from "../index";
import { POD_UPDATE_FORBIDDEN } from "./validate-kinds";

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are open JSON
type Json = any;

function pod(spec: Json, name = "p"): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name }, spec };
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

const c0 = { name: "app", image: "nginx:1.27" };

describe("pod spec validation", () => {
  const cases: [string, Json, string][] = [
    ["no containers", { containers: [] }, "spec.containers: Required value"],
    ["container name required", { containers: [{ image: "x" }] }, "spec.containers[0].name: Required value"],
    [
      "container name not a label",
      { containers: [{ name: "Web", image: "x" }] },
      `spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
    ["duplicate names", { containers: [c0, c0] }, 'spec.containers[1].name: Duplicate value: "app"'],
    ["image required", { containers: [{ name: "app" }] }, "spec.containers[0].image: Required value"],
    [
      "bad restart policy",
      { containers: [c0], restartPolicy: "Sometimes" },
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      "bad dns policy",
      { containers: [c0], dnsPolicy: "Foo" },
      'spec.dnsPolicy: Unsupported value: "Foo": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ],
    [
      "bad pull policy",
      { containers: [{ ...c0, imagePullPolicy: "Sometimes" }] },
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ],
    [
      "port out of range",
      { containers: [{ ...c0, ports: [{ containerPort: 70000 }] }] },
      "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
    ],
    [
      "bad protocol",
      { containers: [{ ...c0, ports: [{ containerPort: 80, protocol: "tcp" }] }] },
      'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      "requests above limits",
      { containers: [{ ...c0, resources: { requests: { cpu: "2" }, limits: { cpu: "1" } } }] },
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ],
    [
      "negative quantity",
      { containers: [{ ...c0, resources: { requests: { memory: "-1" } } }] },
      'spec.containers[0].resources.requests[memory]: Invalid value: "-1": must be greater than or equal to 0',
    ],
    [
      "toleration Exists with value",
      { containers: [c0], tolerations: [{ key: "foo", operator: "Exists", value: "bar" }] },
      "spec.tolerations[0].operator: Invalid value: \"bar\": value must be empty when `operator` is 'Exists'",
    ],
    [
      "toleration empty key with Equal",
      { containers: [c0], tolerations: [{ operator: "Equal", value: "bar" }] },
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ],
    [
      "toleration seconds without NoExecute",
      {
        containers: [c0],
        tolerations: [{ key: "foo", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 20 }],
      },
      "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    ],
    [
      "toleration bad operator",
      { containers: [c0], tolerations: [{ key: "foo", operator: "In" }] },
      'spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
    ],
    [
      "node affinity without terms",
      {
        containers: [c0],
        affinity: {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
        },
      },
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term",
    ],
    [
      "node affinity bad operator",
      {
        containers: [c0],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "Foo", values: ["a"] }] }],
            },
          },
        },
      },
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator',
    ],
    [
      "In without values",
      {
        containers: [c0],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In" }] }],
            },
          },
        },
      },
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ],
    [
      "pod anti-affinity without topologyKey",
      {
        containers: [c0],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: "a" } } },
            ],
          },
        },
      },
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty",
    ],
    [
      "preferred weight out of range",
      {
        containers: [c0],
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 101, preference: { matchExpressions: [{ key: "a", operator: "Exists" }] } },
            ],
          },
        },
      },
      "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100",
    ],
    [
      "bad nodeSelector key",
      { containers: [c0], nodeSelector: { "-bad": "x" } },
      `spec.nodeSelector: Invalid value: "-bad": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
  ];
  it.each(cases)("%s", (_name, spec, message) => {
    const cluster = createCluster();
    const err = errorOf(() => cluster.api.create(pod(spec)));
    expect(err.reason).toBe("Invalid");
    expect(err.message).toContain(message);
    expect(cluster.api.get("Pod", "default", "p")).toBeUndefined();
  });

  it("joins several causes as upstream", () => {
    const cluster = createCluster();
    const err = errorOf(() => cluster.api.create(pod({ containers: [{}] })));
    expect(err.message).toBe(
      'Pod "p" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]',
    );
  });

  it("requires the path or name of a volume's source (validateVolumeSource; campaign seed 1075)", () => {
    const cluster = createCluster();
    const err = errorOf(() =>
      cluster.api.create(
        pod({
          containers: [c0],
          volumes: [
            { name: "h", hostPath: {} },
            { name: "c", configMap: {} },
            { name: "s", secret: {} },
            { name: "v", persistentVolumeClaim: {} },
          ],
        }),
      ),
    );
    expect(err.message).toBe(
      'Pod "p" is invalid: [spec.volumes[0].hostPath.path: Required value, spec.volumes[1].configMap.name: Required value, spec.volumes[2].secret.secretName: Required value, spec.volumes[3].persistentVolumeClaim.claimName: Required value]',
    );
    expect(cluster.api.get("Pod", "default", "p")).toBeUndefined();
  });

  it("requires the fields of an environment variable's source (validateEnvVarValueFrom; campaign seed 20060)", () => {
    const cluster = createCluster();
    const env = [
      { name: "A", valueFrom: { fieldRef: {} } },
      { name: "B", valueFrom: { configMapKeyRef: { name: "c" } } },
      { name: "C", valueFrom: { secretKeyRef: { key: "k" } } },
    ];
    const err = errorOf(() => cluster.api.create(pod({ containers: [{ ...c0, env }] })));
    expect(err.message).toBe(
      'Pod "p" is invalid: [spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Required value, spec.containers[0].env[1].valueFrom.configMapKeyRef.key: Required value, spec.containers[0].env[2].valueFrom.secretKeyRef.name: Required value]',
    );
  });

  it("rejects an invalid pod name with the RFC 1123 text", () => {
    const cluster = createCluster();
    const err = errorOf(() => cluster.api.create(pod({ containers: [c0] }, "Web_01")));
    expect(err.message).toBe(
      `Pod "Web_01" is invalid: metadata.name: Invalid value: "Web_01": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });

  it("checks labels", () => {
    const cluster = createCluster();
    const err = errorOf(() =>
      cluster.api.create({
        ...pod({ containers: [c0] }),
        metadata: { name: "p", labels: { app: "bad value" } },
      }),
    );
    expect(err.message).toContain(
      `metadata.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  });
});

describe("pod update validation", () => {
  it("allows an image change", () => {
    const cluster = createCluster();
    const p = cluster.api.create(pod({ containers: [c0] }));
    const next = structuredClone(p);
    next.spec.containers[0].image = "nginx:1.28";
    expect(cluster.api.update(next).spec.containers[0].image).toBe("nginx:1.28");
  });

  it("forbids other spec changes with the v1.32 text", () => {
    const cluster = createCluster();
    const p = cluster.api.create(pod({ containers: [{ ...c0, ports: [{ containerPort: 80 }] }] }));
    const next = structuredClone(p);
    next.spec.containers[0].ports[0].containerPort = 8080;
    const err = errorOf(() => cluster.api.update(next));
    expect(err.reason).toBe("Invalid");
    expect(err.message).toContain(
      `Pod "p" is invalid: spec: Forbidden: ${POD_UPDATE_FORBIDDEN}\n  core.PodSpec{`,
    );
  });

  it("allows added tolerations, not removed ones", () => {
    const cluster = createCluster();
    const p = cluster.api.create(pod({ containers: [c0] }));
    const added = structuredClone(p);
    added.spec.tolerations.push({ key: "a", operator: "Exists", effect: "NoSchedule" });
    const stored = cluster.api.update(added);
    const removed = structuredClone(stored);
    removed.spec.tolerations = removed.spec.tolerations.slice(0, 2);
    expect(errorOf(() => cluster.api.update(removed)).message).toContain("pod updates may not change fields");
  });
});

describe("apps validation", () => {
  const template = (labels: Json) => ({ metadata: { labels }, spec: { containers: [c0] } });

  it("requires the selector to match the template labels", () => {
    const cluster = createCluster();
    const err = errorOf(() =>
      cluster.api.create({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web" },
        spec: { selector: { matchLabels: { app: "web" } }, template: template({ app: "other" }) },
      }),
    );
    expect(err.message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
  });

  it("rejects negative replicas", () => {
    const cluster = createCluster();
    const err = errorOf(() =>
      cluster.api.create({
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: "web" },
        spec: { replicas: -1, selector: { matchLabels: { app: "web" } }, template: template({ app: "web" }) },
      }),
    );
    expect(err.message).toBe(
      'ReplicaSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  // ValidateConfigMapUpdate / ValidateSecretUpdate (pkg/apis/core/validation/validation.go).
  it("keeps an immutable ConfigMap's data and flag, and a Secret's type", () => {
    const cluster = createCluster();
    const cm = cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "immutable-configmap" },
      data: { company_name: "ACME, Inc." },
      immutable: true,
    });
    const next = structuredClone(cm);
    next.data = { company_name: "x" };
    delete next.immutable;
    expect(errorOf(() => cluster.api.update(next)).message).toBe(
      'ConfigMap "immutable-configmap" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, data: Forbidden: field is immutable when `immutable` is set]',
    );
    const s = cluster.api.create({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s" },
      type: "Opaque",
    });
    const retyped = structuredClone(s);
    retyped.type = "kubernetes.io/tls";
    expect(errorOf(() => cluster.api.update(retyped)).message).toBe(
      'Secret "s" is invalid: type: Invalid value: "kubernetes.io/tls": field is immutable',
    );
  });

  it("keeps the selector immutable", () => {
    const cluster = createCluster();
    const d = cluster.api.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template: template({ app: "web", v: "2" }) },
    });
    const next = structuredClone(d);
    next.spec.selector = { matchLabels: { app: "web", v: "2" } };
    expect(errorOf(() => cluster.api.update(next)).message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it("requires Never or OnFailure for Jobs", () => {
    const cluster = createCluster();
    const err = errorOf(() =>
      cluster.api.create({
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: "j" },
        spec: { template: { spec: { containers: [c0] } } },
      }),
    );
    expect(err.message).toBe(
      'Job.batch "j" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });
});

describe("node validation", () => {
  it("checks taint effects and duplicates", () => {
    const cluster = createCluster();
    const err = errorOf(() =>
      cluster.api.create({
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: "n1" },
        spec: { taints: [{ key: "a", effect: "Sometimes" }] },
      }),
    );
    expect(err.message).toBe(
      'Node "n1" is invalid: spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    const dup = errorOf(() =>
      cluster.api.create({
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: "n1" },
        spec: {
          taints: [
            { key: "a", effect: "NoSchedule" },
            { key: "a", value: "b", effect: "NoSchedule" },
          ],
        },
      }),
    );
    expect(dup.message).toContain("spec.taints[1]: Duplicate value:");
    expect(dup.message).toContain("taints must be unique by key and effect pair");
  });
});

describe("service validation", () => {
  it("requires ports and DNS-1035 names", () => {
    const cluster = createCluster();
    expect(
      errorOf(() =>
        cluster.api.create({
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: "1web" },
          spec: { ports: [{ port: 80 }] },
        }),
      ).message,
    ).toContain(
      `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
    expect(
      errorOf(() =>
        cluster.api.create({ apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: {} }),
      ).message,
    ).toBe('Service "web" is invalid: spec.ports: Required value');
  });
});
