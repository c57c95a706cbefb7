import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../engine/api/types";
import {
  asList,
  parseCustomColumns,
  parseCustomColumnsFile,
  printCustomColumns,
  printJson,
  printName,
  printOutput,
  printYaml,
} from "./index";
import { yamlKeyLess, yamlStringStyle } from "./yaml";

const pod: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "web",
    namespace: "default",
    labels: { app: "web" },
    annotations: { note: "true" },
    creationTimestamp: "2026-01-01T00:00:00Z",
    resourceVersion: "12",
  },
  spec: {
    containers: [
      {
        name: "nginx",
        image: "nginx",
        command: ["sh", "-c", "echo hello; sleep 3600"],
        ports: [{ containerPort: 80, protocol: "TCP" }],
        resources: {},
      },
    ],
    tolerations: [
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ],
  },
  status: { phase: "Pending", qosClass: "BestEffort" },
};

describe("printYaml (sigs.k8s.io/yaml over go-yaml v2)", () => {
  it("a pod as kubectl get -o yaml prints it", () => {
    expect(printYaml(pod)).toBe(
      `apiVersion: v1
kind: Pod
metadata:
  annotations:
    note: "true"
  creationTimestamp: "2026-01-01T00:00:00Z"
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "12"
spec:
  containers:
  - command:
    - sh
    - -c
    - 'echo hello; sleep 3600'
    image: nginx
    name: nginx
    ports:
    - containerPort: 80
      protocol: TCP
    resources: {}
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
status:
  phase: Pending
  qosClass: BestEffort
`.replace("'echo hello; sleep 3600'", "echo hello; sleep 3600"),
    );
  });
  it("a List", () => {
    expect(printYaml(asList([]))).toBe(
      'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
  });
  it.each([
    ["*", "single"],
    ["", "double"],
    ["a: b", "single"],
    ["0", "double"],
    ["1.5", "double"],
    ["yes", "double"],
    ["y", "double"],
    ["null", "double"],
    ["25%", "plain"],
    ["10.244.0.0/16", "plain"],
    ["- x", "single"],
    ["-c", "plain"],
    ["#x", "single"],
    ["a #b", "single"],
    ["a#b", "plain"],
    [" lead", "single"],
    ["tab\there", "double"],
    ["it's", "plain"],
    ["line1\nline2\n", "literal"],
    ["a \nb", "double"],
    ["2026-01-01T00:00:00Z", "double"],
    ["1:20", "double"],
    ["0x1F", "double"],
    ["08", "double"],
    ["1e3", "double"],
    [".5", "double"],
    ["~", "double"],
    ["1.2.3", "plain"],
    ["v1.32.0", "plain"],
  ])("%j is %s", (s, style) => expect(yamlStringStyle(s, false)).toBe(style));
  it("block scalars and escapes", () => {
    expect(
      printYaml({ a: ["line1\nline2\n", "line1\nline2", " indented\n", "tab\there", "it's", "'q", "😀"] }),
    ).toBe(
      "a:\n- |\n  line1\n  line2\n- |-\n  line1\n  line2\n- |2\n   indented\n- \"tab\\there\"\n- it's\n- '''q'\n- \"\\U0001F600\"\n",
    );
  });
  it("folds long scalars after column 80 as go-yaml does", () => {
    const message =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    expect(
      printYaml({ status: { conditions: [{ lastProbeTime: null, message, type: "PodScheduled" }] } }),
    ).toBe(
      `status:
  conditions:
  - lastProbeTime: null
    message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:
      }, 2 node(s) didn''t match Pod''s node affinity/selector. preemption: 0/3 nodes
      are available: 3 Preemption is not helpful for scheduling.'
    type: PodScheduled
`,
    );
  });
  it("nested sequences and empty collections", () => {
    expect(printYaml({ a: [[1, [2, 3]], {}, [], { k: { x: 1 } }] })).toBe(
      "a:\n- - 1\n  - - 2\n    - 3\n- {}\n- []\n- k:\n    x: 1\n",
    );
  });
  it("go-yaml key order", () => {
    const keys = ["b10", "b9", "B", "a", "_x", "-y", "1"].sort((x, y) =>
      yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0,
    );
    expect(keys).toEqual(["-y", "_x", "1", "B", "a", "b9", "b10"]);
  });
});

describe("printJson", () => {
  it("4-space indent, sorted keys, HTML escaping, trailing newline", () => {
    expect(printJson({ kind: "X", a: { z: [], y: {}, x: "<&>" }, n: [1, 2] })).toBe(
      '{\n    "a": {\n        "x": "\\u003c\\u0026\\u003e",\n        "y": {},\n        "z": []\n    },\n    "kind": "X",\n    "n": [\n        1,\n        2\n    ]\n}\n',
    );
  });
});

describe("printName", () => {
  it("kind.group/name", () => {
    expect(printName(pod)).toBe("pod/web\n");
    expect(printName({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } })).toBe(
      "deployment.apps/web\n",
    );
  });
});

// cli-runtime pkg/printers/customcolumn_test.go (TestNewColumnPrinterFromSpec, TestColumnPrint)
describe("custom-columns", () => {
  it("parses specs with relaxed paths", () => {
    expect(parseCustomColumns("NAME:metadata.name,API_VERSION:{.apiVersion},NODE:.spec.nodeName")).toEqual([
      { header: "NAME", fieldSpec: "{.metadata.name}" },
      { header: "API_VERSION", fieldSpec: "{.apiVersion}" },
      { header: "NODE", fieldSpec: "{.spec.nodeName}" },
    ]);
    expect(() => parseCustomColumns("")).toThrow(
      "custom-columns format specified but no custom columns given",
    );
    expect(() => parseCustomColumns("NAME")).toThrow(
      "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>",
    );
  });
  it("parses a template file", () => {
    expect(
      parseCustomColumnsFile("NAME               API_VERSION\n{metadata.name}    {apiVersion}\n"),
    ).toEqual([
      { header: "NAME", fieldSpec: "{.metadata.name}" },
      { header: "API_VERSION", fieldSpec: "{.apiVersion}" },
    ]);
    expect(() => parseCustomColumnsFile("NAME\n{metadata.name} {apiVersion}\n")).toThrow(
      "number of headers (1) and field specifications (2) don't match",
    );
  });
  it("prints <none>, comma-joined values and Go %v maps", () => {
    const cols = parseCustomColumns(
      "NAME:.metadata.name,NODE:.spec.nodeName,PORTS:.spec.containers[*].ports[*].containerPort,TOL:.spec.tolerations",
    );
    expect(printCustomColumns([pod], cols)).toBe(
      "NAME   NODE     PORTS   TOL\nweb    <none>   80      [map[effect:NoExecute key:node.kubernetes.io/not-ready operator:Exists tolerationSeconds:300]]\n",
    );
    expect(printCustomColumns([pod], cols.slice(0, 1), { noHeaders: true })).toBe("web\n");
  });
});

describe("printOutput", () => {
  const now = Date.parse("2026-01-01T00:00:05Z");
  it("dispatches on -o", () => {
    expect(printOutput([pod], { now, output: "name" })).toBe("pod/web\n");
    expect(printOutput([pod], { now, output: "jsonpath={.metadata.name}" })).toBe("web");
    expect(printOutput([pod, pod], { now, output: "jsonpath={.items[*].metadata.name}" })).toBe("web web");
    expect(printOutput([pod], { now, output: "jsonpath={.items[0].metadata.name}", asList: true })).toBe(
      "web",
    );
    expect(printOutput([], { now, output: "yaml", asList: true })).toBe(
      'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
    expect(printOutput([pod], { now, output: "custom-columns=NAME:.metadata.name" })).toBe("NAME\nweb\n");
    expect(
      printOutput([pod], {
        now,
        output: "custom-columns-file=cols.txt",
        readFile: () => "NAME\n.metadata.name\n",
      }),
    ).toBe("NAME\nweb\n");
  });
  it("refuses unknown formats with kubectl's message", () => {
    expect(() => printOutput([pod], { now, output: "xml" })).toThrow(
      'unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
    );
    expect(() => printOutput([pod], { now, output: "jsonpath=" })).toThrow(
      "template format specified but no template given",
    );
  });
});

describe("jsonpath-as-json", () => {
  it("prints each result group as an indented JSON array", () => {
    expect(printOutput([pod], { now: 0, output: "jsonpath-as-json={.metadata.name}" })).toBe(
      '[\n    "web"\n]\n',
    );
  });
});
