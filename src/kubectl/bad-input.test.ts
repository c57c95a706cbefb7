/**
 * Bad input, class by class: what kubectl v1.32 prints against a v1.32 API server, the exit code,
 * and that nothing was written (the store's resourceVersion did not move). Client-side texts
 * (kind/apiVersion types, metadata decoding, the parse errors) were checked with kubectl.1.32
 * itself; server texts follow the API server's decoder (sigs.k8s.io/json's UnmarshalTypeError,
 * transformDecodeError in apiserver's handlers, patch.go's applyPatchToObject) and kubectl's
 * checkErr (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go).
 */
import { describe, expect, it } from "vitest";
import { TestCluster } from "../testing/test-cluster";

const deployment = (replicas: string, containers = "[{name: c, image: nginx}]") =>
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: ${containers}`;

const pod = (meta: string, spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: ${meta}\nspec: ${spec}`;
const nginx = "{containers: [{name: c, image: nginx}]}";
const decode = (kind: string, message: string, verb = "creating") =>
  `Error from server (BadRequest): error when ${verb} "STDIN": ${kind} in version "v1" cannot be handled as a ${kind}: ${message}\n`;
const validating = (what: string) =>
  `error: error validating "STDIN": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false\n`;

interface Case {
  name: string;
  /** The kubectl arguments; the input goes to stdin. */
  args: string;
  input: string;
  stderr: string;
  /** Objects applied before (for the update and patch paths). */
  setup?: string;
}

const cases: Case[] = [
  // Typed decoding on the server (create path, sorted-key order as kubectl sends the body).
  {
    name: "a string where an int32 goes",
    args: "apply -f -",
    input: deployment("three"),
    stderr: decode(
      "Deployment",
      "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
    ),
  },
  {
    name: "a fraction where an int32 goes",
    args: "create -f -",
    input: deployment("2.5"),
    stderr: decode(
      "Deployment",
      "json: cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32",
    ),
  },
  {
    name: "an int32 out of range",
    args: "apply -f -",
    input: deployment("99999999999"),
    stderr: decode(
      "Deployment",
      "json: cannot unmarshal number 99999999999 into Go struct field DeploymentSpec.spec.replicas of type int32",
    ),
  },
  {
    name: "a string where a list of objects goes",
    args: "create -f -",
    input: pod("{name: p}", "{containers: nginx}"),
    stderr: decode(
      "Pod",
      "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container",
    ),
  },
  {
    name: "the same in a pod template",
    args: "apply -f -",
    input: deployment("2", "nginx"),
    stderr: decode(
      "Deployment",
      "json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container",
    ),
  },
  {
    name: "a string where tolerations go",
    args: "create -f -",
    input: pod("{name: p}", "{tolerations: all, containers: [{name: c, image: nginx}]}"),
    stderr: decode(
      "Pod",
      "json: cannot unmarshal string into Go struct field PodSpec.spec.tolerations of type []v1.Toleration",
    ),
  },
  {
    name: "a list where a map goes",
    args: "create -f -",
    input: pod("{name: p}", "{nodeSelector: [a], containers: [{name: c, image: nginx}]}"),
    stderr: decode(
      "Pod",
      "json: cannot unmarshal array into Go struct field PodSpec.spec.nodeSelector of type map[string]string",
    ),
  },
  {
    name: "a number in a []string",
    args: "create -f -",
    input: pod("{name: p}", "{containers: [{name: c, image: busybox, command: [sleep, 1200]}]}"),
    stderr: decode(
      "Pod",
      "json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string",
    ),
  },
  {
    name: "a quoted string where a bool goes",
    args: "create -f -",
    input: pod("{name: p}", `{hostNetwork: "yes", containers: [{name: c, image: nginx}]}`),
    stderr: decode(
      "Pod",
      "json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool",
    ),
  },
  {
    name: "an object where a quantity goes",
    args: "create -f -",
    input: pod("{name: p}", "{containers: [{name: c, image: nginx, resources: {requests: {cpu: {a: 1}}}}]}"),
    stderr: decode(
      "Pod",
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ),
  },
  {
    name: "a quantity with a bad suffix",
    args: "create -f -",
    input: pod("{name: p}", "{containers: [{name: c, image: nginx, resources: {limits: {memory: 1Gb}}}]}"),
    stderr: decode(
      "Pod",
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ),
  },
  {
    name: "a bool where an IntOrString goes",
    args: "create -f -",
    input:
      "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: true}]}",
    stderr: decode(
      "Service",
      "json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32",
    ),
  },
  {
    name: "Secret data that is not base64",
    args: "create -f -",
    input: "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: hello}",
    stderr: decode("Secret", "illegal base64 data at input byte 4"),
  },
  // kubectl's own checks, before anything is sent (kubectl.1.32's texts).
  {
    name: "kind of the wrong type",
    args: "apply -f -",
    input: "apiVersion: v1\nkind: 5\nmetadata: {name: x}",
    stderr: validating("kind isn't string type"),
  },
  {
    name: "apiVersion and kind of the wrong type",
    args: "create -f -",
    input: "apiVersion: 5\nkind: 5\nmetadata: {name: x}",
    stderr: validating("[apiVersion isn't string type, kind isn't string type]"),
  },
  {
    name: "kind of the wrong type without the schema check",
    args: "create --validate=false -f -",
    input: "apiVersion: v1\nkind: 5\nmetadata: {name: x}",
    stderr:
      'error: unable to decode "STDIN": Object \'Kind\' is missing in \'{"apiVersion":"v1","kind":5,"metadata":{"name":"x"}}\'\n',
  },
  {
    name: "apiVersion of the wrong type without the schema check",
    args: "apply --validate=false -f -",
    input: "apiVersion: 5\nkind: Pod\nmetadata: {name: x}",
    stderr:
      'error: unable to decode "STDIN": json: cannot unmarshal number into Go struct field metadataOnlyObject.apiVersion of type string\n',
  },
  {
    name: "a number as the name",
    args: "create -f -",
    input: pod("{name: 5}", nginx),
    stderr:
      'error: unable to decode "STDIN": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string\n',
  },
  {
    name: "a list as labels",
    args: "apply -f -",
    input: pod("{name: p, labels: [a, b]}", nginx),
    stderr:
      'error: unable to decode "STDIN": json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string\n',
  },
  {
    name: "a string as metadata",
    args: "create -f -",
    input: pod('"hello"', nginx),
    stderr:
      'error: unable to decode "STDIN": json: cannot unmarshal string into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta\n',
  },
  // Validation: checkErr prints a single Invalid status in its own form.
  {
    name: "one Invalid error",
    args: "create -f -",
    input: pod("{name: p}", "{}"),
    stderr: 'The Pod "p" is invalid: spec.containers: Required value\n',
  },
  {
    name: "two Invalid errors (an aggregate)",
    args: "apply -f -",
    input: `${pod("{name: p}", "{}")}\n---\n${pod("{name: q}", "{}")}`,
    stderr:
      'Error from server (Invalid): error when creating "STDIN": Pod "p" is invalid: spec.containers: Required value\nError from server (Invalid): error when creating "STDIN": Pod "q" is invalid: spec.containers: Required value\n',
  },
  {
    name: "a control character in a name",
    args: "create -f -",
    input: pod('{name: "a\\x07b"}', nginx),
    stderr: `The Pod "a\\ab" is invalid: metadata.name: Invalid value: "a\\ab": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
  },
  {
    name: "a control character in an environment variable name",
    args: "create -f -",
    input: pod("{name: p}", '{containers: [{name: c, image: nginx, env: [{name: "A\\x1bB", value: x}]}]}'),
    stderr: `The Pod "p" is invalid: spec.containers[0].env[0].name: Invalid value: "A\\x1bB": a valid environment variable name must consist only of printable ASCII characters other than '='\n`,
  },
  {
    name: "whitespace around an image",
    args: "create -f -",
    input: pod("{name: p}", '{containers: [{name: c, image: " nginx"}]}'),
    stderr:
      'The Pod "p" is invalid: spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace\n',
  },
  {
    name: "a ConfigMap key with a space",
    args: "create -f -",
    input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {"a b": x}',
    stderr: `The ConfigMap "c" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
  },
  {
    name: "a name that is not a path segment (apply GETs it first)",
    args: "apply -f -",
    input: pod('{name: "a/b"}', nginx),
    stderr:
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "a/b", Namespace: "default"\nfrom server for: "STDIN": invalid resource name "a/b": [may not contain \'/\']\n',
  },
  {
    name: "replace with a wrong type (the update handler decodes as create does)",
    setup: deployment("2"),
    args: "replace -f -",
    input: deployment("three"),
    stderr: decode(
      "Deployment",
      "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
      "replacing",
    ),
  },
  // The patch path: the patched map goes through the unstructured converter.
  {
    name: "apply of a wrong type to an existing object",
    setup: deployment("2"),
    args: 'patch deployment web -p \'{"spec":{"replicas":"three"}}\'',
    input: "",
    stderr:
      'The request is invalid: patch: Invalid value: "map[spec:map[replicas:three]]": unrecognized type: int32\n',
  },
  {
    name: "a strategic merge patch with a fraction",
    setup: deployment("2"),
    args: 'patch deployment web -p \'{"spec":{"replicas":2.5}}\'',
    input: "",
    stderr:
      'The request is invalid: patch: Invalid value: "map[spec:map[replicas:2.5]]": cannot convert float64 to int32\n',
  },
  {
    name: "a strategic merge patch with a string for a list",
    setup: deployment("2"),
    args: 'patch deployment web -p \'{"spec":{"template":{"spec":{"tolerations":"all"}}}}\'',
    input: "",
    stderr:
      'The request is invalid: patch: Invalid value: "map[spec:map[template:map[spec:map[tolerations:all]]]]": cannot restore slice from string\n',
  },
  {
    // Campaign seed 10365: the patched kind went on to the registry as "[object Object]".
    name: "a strategic merge patch with a map for the kind (decoded as the type the URL names)",
    setup: deployment("2"),
    args: `patch deployment web -p '{"kind":{"a":1}}'`,
    input: "",
    stderr: 'The request is invalid: patch: Invalid value: "map[kind:map[a:1]]": unrecognized type: string\n',
  },
  {
    // Campaign seed 10271: a JSON patch at the document's root (json-patch's findObject finds no parent).
    name: "a JSON patch at the root",
    setup: deployment("2"),
    args: `patch deployment web --type=json -p '[{"op":"add","path":"","value":null}]'`,
    input: "",
    stderr: 'error: jsonpatch add operation does not apply: doc is missing path: ""\n',
  },
];

function run(c: Case): { stdout: string; stderr: string; exit: number; before: string; after: string } {
  const t = new TestCluster();
  if (c.setup) t.apply(c.setup);
  const before = t.cluster.api.resourceVersion();
  const r = c.input ? t.sh(`kubectl ${c.args} <<EOF\n${c.input}\nEOF`) : t.sh(`kubectl ${c.args}`);
  return { ...r, before, after: t.cluster.api.resourceVersion() };
}

describe("bad input is refused with kubectl's message and changes nothing", () => {
  it.each(cases)("$name", (c) => {
    const r = run(c);
    expect(r.stderr).toBe(c.stderr);
    expect(r.stdout).toBe("");
    expect(r.exit).toBe(1);
    expect(r.after).toBe(r.before);
  });
});

describe("apply to an existing object", () => {
  it("refuses a wrong type with the patch handler's Invalid status, the patch as Go prints it", () => {
    const t = new TestCluster();
    t.apply(deployment("2"));
    const before = t.cluster.api.resourceVersion();
    const r = t.sh(`kubectl apply -f - <<EOF\n${deployment("three")}\nEOF`);
    expect(r.exit).toBe(1);
    expect(r.stderr).toMatch(
      /^The request is invalid: patch: Invalid value: "map\[metadata:map\[annotations:map\[kubectl\.kubernetes\.io\/last-applied-configuration:\{\\"apiVersion\\":\\"apps\/v1\\",.*\\"replicas\\":\\"three\\",.*\}\\n\]\] spec:map\[replicas:three\]\]": unrecognized type: int32\n$/,
    );
    expect(t.cluster.api.resourceVersion()).toBe(before);
    expect(t.list("Deployment")[0]?.spec?.replicas).toBe(2);
  });
});

describe("what decodes is stored as the API server stores it", () => {
  it("writes quantities back in canonical form", () => {
    const t = new TestCluster();
    t.apply(
      pod(
        "{name: p}",
        `{containers: [{name: c, image: nginx, resources: {requests: {cpu: "0.5", memory: 1024Mi}, limits: {cpu: 1.5, memory: 1.5Gi, ephemeral-storage: 1e3}}}]}`,
      ),
    );
    expect(t.pod("default/p")?.spec?.containers[0]?.resources).toEqual({
      requests: { cpu: "500m", memory: "1Gi", "ephemeral-storage": "1k" },
      limits: { cpu: "1500m", memory: "1536Mi", "ephemeral-storage": "1k" },
    });
  });

  it("stores a null list element or map value as its type's zero value, as json.Unmarshal leaves it (campaign seed 30598)", () => {
    const t = new TestCluster();
    t.apply(
      pod(
        "{name: p, labels: {a: null}}",
        "{containers: [{name: c, image: busybox, args: [sleep, null], resources: {requests: {cpu: null}}}]}",
      ),
    );
    const stored = t.pod("default/p");
    expect(stored?.metadata.labels).toEqual({ a: "" });
    expect(stored?.spec?.containers[0]?.args).toEqual(["sleep", ""]);
    expect(stored?.spec?.containers[0]?.resources).toEqual({ requests: { cpu: "0" } });
  });

  it("takes the last of duplicate keys, as sigs.k8s.io/yaml does", () => {
    const t = new TestCluster();
    t.apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata:\n  k: one\n  k: two");
    expect(t.list("ConfigMap", "default").map((c) => [c.metadata.name, c.data])).toContainEqual([
      "b",
      { k: "two" },
    ]);
  });

  it("reads a stream of JSON objects", () => {
    const t = new TestCluster();
    const cm = (n: string) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: n } });
    const r = t.sh(`kubectl apply -f - <<'EOF'\n${cm("a")}${cm("b")}\n${cm("c")}\nEOF`);
    expect(r.stdout).toBe("configmap/a created\nconfigmap/b created\nconfigmap/c created\n");
    expect(r.exit).toBe(0);
  });
});

describe("deep input", () => {
  it("refuses 100,000-deep JSON with the JSON scanner's depth error", () => {
    const t = new TestCluster();
    const n = 100_000;
    const head = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":';
    const r = t.sh(`kubectl create -f - <<'EOF'\n${head}${"[".repeat(n)}${"]".repeat(n)}}\nEOF`);
    // kubectl.1.32 on this input: the 10,000th "[" (depth 10,001) at byte offset 10069.
    expect(r.stderr).toBe(
      "error: error parsing STDIN: json: offset 10069: invalid character '[' exceeded max depth\n",
    );
    expect(r.exit).toBe(1);
  });

  it("refuses 100,000-deep YAML with go-yaml's depth error", () => {
    const t = new TestCluster();
    const n = 100_000;
    const r = t.sh(
      `kubectl create -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: ${"[".repeat(n)}${"]".repeat(n)}\nEOF`,
    );
    // kubectl.1.32: "yaml: line 4: exceeded max depth of 10000".
    expect(r.stderr).toBe(
      "error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: exceeded max depth of 10000\n",
    );
    expect(r.exit).toBe(1);
  });
});

describe("a request body that does not come from kubectl", () => {
  it("is decoded before the registry reads it (no JavaScript errors, no namespace lookup)", () => {
    const t = new TestCluster();
    const before = t.cluster.api.resourceVersion();
    const attempt = (obj: unknown) => {
      try {
        t.cluster.api.create(obj as never);
        return "created";
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    };
    expect(attempt({ apiVersion: "v1", kind: "Pod", metadata: "hello" })).toBe(
      'ApiError: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta',
    );
    expect(attempt({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: 5 } })).toBe(
      'ApiError: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.namespace of type string',
    );
    expect(t.cluster.api.resourceVersion()).toBe(before);
  });
});
