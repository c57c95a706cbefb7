/**
 * yq v4 (mikefarah/yq): scalars unwrapped, collections as YAML with indented sequences
 * (pkg/yqlib/encoder_yaml.go with go-yaml v3), `-o json` with two-space indent, `-i` writing the
 * file back, documents separated by `---`; errors start with `Error: ` and exit 1.
 */
import { describe, expect, it } from "vitest";
import { run } from "../testing";
import { yq } from "./yq";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx
    ports:
    - containerPort: 80
`;
const files = { "/root/pod.yaml": POD, "/root/two.yaml": "a: 1\n---\na: 2\n" };

describe("yq", () => {
  it("prints a scalar unwrapped", () => {
    const r = run(yq, ["yq", ".spec.containers[0].image", "pod.yaml"], { files });
    expect(r.stdout).toBe("nginx\n");
    expect(r.exit).toBe(0);
  });
  it("prints a collection as YAML with sequences indented", () => {
    expect(run(yq, ["yq", ".spec", "pod.yaml"], { files }).stdout).toBe(
      "containers:\n  - name: web\n    image: nginx\n    ports:\n      - containerPort: 80\n",
    );
  });
  it("eval/e subcommands and stdin", () => {
    expect(run(yq, ["yq", "e", ".metadata.labels.app", "-"], { stdin: POD }).stdout).toBe("web\n");
    expect(run(yq, ["yq", "eval", ".kind"], { stdin: POD }).stdout).toBe("Pod\n");
  });
  it("-o json", () => {
    expect(run(yq, ["yq", "-o", "json", ".metadata.labels", "pod.yaml"], { files }).stdout).toBe(
      '{\n  "app": "web"\n}\n',
    );
    expect(run(yq, ["yq", "-o=json", ".kind", "pod.yaml"], { files }).stdout).toBe('"Pod"\n');
  });
  it("-i updates the file in place", () => {
    const r = run(yq, ["yq", "-i", '.spec.containers[0].image = "nginx:1.27"', "pod.yaml"], { files });
    expect(r.stdout).toBe("");
    expect(r.fs.read("/root/pod.yaml")).toContain("image: nginx:1.27\n");
  });
  it("evaluates each document of a stream", () => {
    expect(run(yq, ["yq", ".a", "two.yaml"], { files }).stdout).toBe("1\n---\n2\n");
  });
  it("errors", () => {
    const r = run(yq, ["yq", ".a", "nope.yaml"], { files });
    expect(r.stderr).toBe("Error: open nope.yaml: no such file or directory\n");
    expect(r.exit).toBe(1);
    expect(run(yq, ["yq", ".a |", "pod.yaml"], { files }).exit).toBe(1);
  });
});
