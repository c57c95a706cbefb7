/**
 * `kubectl diff` (staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go; diff_test.go's TestMasker,
 * TestPrinter, TestDiffProgram and TestShowManagedFields rows that apply), run through the node's
 * own GNU diff on a real cluster.
 */
import { describe, expect, test } from "vitest";
import type { KubeObject } from "../../engine/api/types";
import { TestCluster } from "../../testing/test-cluster";
import { printYaml } from "../output";
import { diffCommand, diffFileName, maskSecrets } from "./diff";

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
`;

/** A cluster with web.yaml in root's home. */
function withManifest(): TestCluster {
  const t = new TestCluster();
  t.sh(`cat > web.yaml <<'EOF'\n${WEB}EOF`);
  return t;
}

describe("kubectl diff -f FILE", () => {
  test("an object not there yet: every line added, exit 1, no temporary directories left", () => {
    const t = withManifest();
    const r = t.kubectl("diff -f web.yaml");
    expect(r.exit).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web$/,
    );
    expect(lines[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t/);
    expect(lines[2]).toMatch(/^\+\+\+ \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\t/);
    expect(lines[3]).toMatch(/^@@ -0,0 \+1,\d+ @@$/);
    expect(lines[4]).toBe("+apiVersion: apps/v1");
    // The server's dry run defaulted it, and stored nothing.
    expect(r.stdout).toContain("+  progressDeadlineSeconds: 600\n");
    expect(t.cluster.api.get("Deployment", "default", "web")).toBeUndefined();
    expect(t.sh("ls /tmp").stdout).toBe("");
  });

  test("applied and unchanged: nothing printed, exit 0", () => {
    const t = withManifest();
    t.kubectl("apply -f web.yaml");
    expect(t.kubectl("diff -f web.yaml")).toEqual({ stdout: "", stderr: "", exit: 0 });
  });

  test("a change: the hunks of the live object against the dry run's, generation bumped, managedFields left out", () => {
    const t = withManifest();
    t.kubectl("apply -f web.yaml");
    t.advance(5);
    t.sh("sed -i 's/replicas: 2/replicas: 3/' web.yaml");
    const r = t.kubectl("diff -f web.yaml");
    expect(r.exit).toBe(1);
    expect(r.stdout).toContain("\n-  generation: 1\n+  generation: 2\n");
    expect(r.stdout).toContain("\n-  replicas: 2\n+  replicas: 3\n");
    expect(r.stdout).not.toContain("managedFields");
    expect(r.stdout.match(/^[-+] {4}kubectl\.kubernetes\.io\/last-applied-configuration/gm)).toBeNull();
    expect(r.stdout.match(/^[-+] {6}\{"apiVersion":"apps\/v1"/gm)).toHaveLength(2);
    // Nothing was changed.
    expect(t.cluster.api.get("Deployment", "default", "web")?.spec).toMatchObject({ replicas: 2 });
  });

  test("--show-managed-fields keeps them (TestShowManagedFields)", () => {
    const t = withManifest();
    t.kubectl("apply -f web.yaml");
    const live = t.cluster.api.get("Deployment", "default", "web");
    t.sh("sed -i 's/replicas: 2/replicas: 3/' web.yaml");
    const r = t.kubectl("diff -f web.yaml --show-managed-fields");
    expect(r.exit).toBe(1);
    if (live?.metadata.managedFields) expect(r.stdout).toContain("managedFields:");
  });

  test("a Secret's values are masked, a changed one marked before and after", () => {
    const t = new TestCluster();
    t.sh(
      "kubectl create secret generic s --from-literal=a=1 --from-literal=b=2 --dry-run=client -o yaml > s.yaml",
    );
    t.kubectl("apply -f s.yaml");
    t.sh(
      "kubectl create secret generic s --from-literal=a=1 --from-literal=b=3 --from-literal=c=4 --dry-run=client -o yaml > s.yaml",
    );
    const r = t.kubectl("diff -f s.yaml");
    expect(r.exit).toBe(1);
    expect(r.stdout).toContain(
      " data:\n   a: '***'\n-  b: '*** (before)'\n+  b: '*** (after)'\n+  c: '***'\n",
    );
    expect(r.stdout).not.toMatch(/^[-+ ] {2}[abc]: (MQ|Mg|Mw|NA)==/m);
  });

  test("KUBECTL_EXTERNAL_DIFF chooses the program and its words (TestDiffProgram)", () => {
    const t = withManifest();
    t.kubectl("apply -f web.yaml");
    const same = t.sh("KUBECTL_EXTERNAL_DIFF='diff --report-identical-files' kubectl diff -f web.yaml");
    expect(same.stdout).toMatch(
      /^Files \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web and \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web are identical\n$/,
    );
    expect(same.exit).toBe(0);
    t.sh("sed -i 's/replicas: 2/replicas: 3/' web.yaml");
    const brief = t.sh("KUBECTL_EXTERNAL_DIFF='diff -q' kubectl diff -f web.yaml; echo rc=$?");
    expect(brief.stdout).toMatch(/^Files \/tmp\/LIVE-\d+\/\S+ and \/tmp\/MERGED-\d+\/\S+ differ\nrc=1\n$/);
  });

  test.each([
    ["diff", "error: must specify one of -f and -k\n"],
    [
      "diff -f web.yaml extra",
      "error: Unexpected args: [extra]\nSee 'kubectl diff -h' for help and examples\n",
    ],
    ["diff -f nope.yaml", 'error: the path "nope.yaml" does not exist\n'],
    ["diff -f web.yaml --force-conflicts", "error: --force-conflicts only works with --server-side\n"],
    ["diff -f web.yaml --nope", "error: unknown flag: --nope\nSee 'kubectl diff -h' for help and examples\n"],
  ])("kubectl %s fails with status 2 (CheckDiffErr)", (line, stderr) => {
    const t = withManifest();
    expect(t.kubectl(line)).toEqual({ stdout: "", stderr, exit: 2 });
  });

  test("a diff program that is not there, or that fails, is status 2", () => {
    const t = withManifest();
    expect(t.sh("KUBECTL_EXTERNAL_DIFF=colordiff kubectl diff -f web.yaml")).toEqual({
      stdout: "",
      stderr: 'error: failed to run "colordiff": exec: "colordiff": executable file not found in $PATH\n',
      exit: 2,
    });
    const r = t.sh("KUBECTL_EXTERNAL_DIFF='diff --nope' kubectl diff -f web.yaml");
    expect(r.exit).toBe(2);
    expect(r.stderr).toMatch(
      /^diff: unrecognized option '--nope'\n[\s\S]*error: failed to run "diff": exit status 2\n$/,
    );
  });

  test("a dry run the server refuses is its error, status 2, no diff", () => {
    const t = new TestCluster();
    t.sh(
      `cat > p.yaml <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: nope\nspec:\n  containers:\n  - name: c\n    image: nginx\nEOF`,
    );
    expect(t.kubectl("diff -f p.yaml")).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): namespaces "nope" not found\n',
      exit: 2,
    });
  });
});

// diff_test.go TestMasker.
describe("maskSecrets (TestMasker)", () => {
  const secret = (data?: Record<string, string>, key = "data") =>
    ({ apiVersion: "v1", kind: "Secret", metadata: {}, ...(data ? { [key]: data } : {}) }) as KubeObject;
  test.each([
    [
      "no_changes",
      secret({ username: "abc", password: "123" }),
      secret({ username: "abc", password: "123" }),
      secret({ username: "***", password: "***" }),
      secret({ username: "***", password: "***" }),
    ],
    [
      "object_created",
      undefined,
      secret({ username: "abc", password: "123" }),
      undefined,
      secret({ username: "***", password: "***" }),
    ],
    [
      "object_removed",
      secret({ username: "abc", password: "123" }),
      undefined,
      secret({ username: "***", password: "***" }),
      undefined,
    ],
    [
      "data_key_added",
      secret({ username: "abc" }),
      secret({ username: "abc", password: "123" }),
      secret({ username: "***" }),
      secret({ username: "***", password: "***" }),
    ],
    [
      "data_key_changed",
      secret({ username: "abc", password: "123" }),
      secret({ username: "abc", password: "456" }),
      secret({ username: "***", password: "*** (before)" }),
      secret({ username: "***", password: "*** (after)" }),
    ],
    [
      "data_key_removed",
      secret({ username: "abc", password: "123" }),
      secret({ username: "abc" }),
      secret({ username: "***", password: "***" }),
      secret({ username: "***" }),
    ],
    [
      "empty_secret_from",
      secret(),
      secret({ username: "abc", password: "123" }),
      secret(),
      secret({ username: "***", password: "***" }),
    ],
    [
      "empty_secret_to",
      secret({ username: "abc", password: "123" }),
      secret(),
      secret({ username: "***", password: "***" }),
      secret(),
    ],
    [
      "invalid_data_key",
      secret({ username: "abc" }, "some_other_key"),
      secret({ username: "abc" }, "some_other_key"),
      secret({ username: "abc" }, "some_other_key"),
      secret({ username: "abc" }, "some_other_key"),
    ],
  ])("%s", (_name, from, to, wantFrom, wantTo) => {
    expect(maskSecrets(from, to)).toEqual([wantFrom, wantTo]);
  });
});

test("the printer is sigs.k8s.io/yaml's (TestPrinter)", () => {
  expect(printYaml({ string: "string", list: [1, 2, 3], int: 12 })).toBe(
    "int: 12\nlist:\n- 1\n- 2\n- 3\nstring: string\n",
  );
});

test("file names and the diff command line", () => {
  expect(
    diffFileName({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
    }),
  ).toBe("apps.v1.Deployment.default.web");
  expect(diffFileName({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } })).toBe(
    "v1.Namespace..dev",
  );
  expect(diffCommand({}, "/a", "/b")).toEqual(["diff", "-u", "-N", "/a", "/b"]);
  // getCommand: words outside [a-zA-Z0-9-=] are dropped.
  expect(diffCommand({ KUBECTL_EXTERNAL_DIFF: "diff -ruN --x=1 $(rm) a/b" }, "/a", "/b")).toEqual([
    "diff",
    "/a",
    "/b",
    "-ruN",
    "--x=1",
  ]);
});
