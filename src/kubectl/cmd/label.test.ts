/**
 * `label --list` / `annotate --list` and the overwrite checks, after label.go and annotate.go
 * (RunLabel / RunAnnotate); outputs checked against the kubectl v1.32.4 binary with --local.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { TestCluster } from "../../testing/test-cluster";

let t: TestCluster;
const create = (yaml: string) => expect(t.sh(`kubectl create -f - <<EOF\n${yaml}\nEOF`).exit).toBe(0);
beforeEach(() => {
  t = new TestCluster();
  create(`apiVersion: v1
kind: Pod
metadata:
  name: x
  labels: {run: x, app: web}
  annotations: {b: "2", a: "1"}
spec:
  containers: [{name: a, image: nginx}]`);
  create(`apiVersion: v1
kind: Pod
metadata: {name: w, labels: {app: db}}
spec:
  containers: [{name: a, image: nginx}]`);
});

describe("--list", () => {
  test("one object: its keys, no header, nothing sent to the server", () => {
    expect(t.kubectl("annotate pod x --list")).toEqual({ stdout: "a=1\nb=2\n", stderr: "", exit: 0 });
    expect(t.kubectl("label pod/x --list")).toEqual({ stdout: "app=web\nrun=x\n", stderr: "", exit: 0 });
    // Updates given with --list are shown, not applied.
    expect(t.kubectl("label pod x c=3 --list").stdout).toBe("app=web\nc=3\nrun=x\n");
    expect(t.pod("default/x")?.metadata.labels).toEqual({ run: "x", app: "web" });
  });
  test("several objects: a header per object, keys indented", () => {
    expect(t.kubectl("label pods --all --list").stdout).toBe(
      "Listing labels for Pod./w:\n app=db\nListing labels for Pod./x:\n app=web\n run=x\n",
    );
    expect(t.kubectl("annotate pods w x --list").stdout).toBe(
      "Listing annotations for Pod./w:\nListing annotations for Pod./x:\n a=1\n b=2\n",
    );
  });
  test("--list with -o is refused", () => {
    expect(t.kubectl("label pod x --list -o yaml")).toEqual({
      stdout: "",
      stderr: "error: --list and --output may not be specified together\n",
      exit: 1,
    });
  });
});

describe("overwrite checks", () => {
  test("label: the same value needs no --overwrite", () => {
    expect(t.kubectl("label pod x app=web")).toEqual({ stdout: "pod/x not labeled\n", stderr: "", exit: 0 });
  });
  // annotate.go validateNoAnnotationOverwrites (release-1.32) skips `currValue == value`; the
  // v1.32.4 binary: `kubectl annotate --local -f pod.yaml description='my description'` exits 0.
  test("annotate: the same value needs no --overwrite", () => {
    expect(t.kubectl("annotate pod x a=1")).toEqual({ stdout: "pod/x annotated\n", stderr: "", exit: 0 });
  });
  test("annotate: kubernetes.io/change-cause is always overwritten", () => {
    t.kubectl("annotate pod x kubernetes.io/change-cause=one");
    expect(t.kubectl("annotate pod x kubernetes.io/change-cause=two").exit).toBe(0);
  });
  test("annotate: another value needs --overwrite, with annotate's own message", () => {
    expect(t.kubectl("annotate pod x a=2")).toEqual({
      stdout: "",
      stderr:
        "error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (1)\n",
      exit: 1,
    });
  });
});
