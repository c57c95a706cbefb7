/**
 * cmdutil.GetDryRunStrategy (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go): the deprecated
 * spellings warn through klog and still work. Texts and line numbers from the kubectl v1.32.4 binary.
 */
import { expect, test } from "vitest";
import { TestCluster } from "../testing/test-cluster";

test("a bare --dry-run warns and means client", () => {
  const t = new TestCluster();
  t.advance(3723.5);
  const r = t.kubectl("run x --image=nginx --dry-run");
  expect(r).toEqual({
    stdout: "pod/x created (dry run)\n",
    stderr:
      "W0101 01:02:03.500000    4400 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n",
    exit: 0,
    combined:
      "W0101 01:02:03.500000    4400 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\npod/x created (dry run)\n",
  });
  expect(t.pod("default/x")).toBeUndefined();
});

test("boolean values warn with their replacement; other values are refused", () => {
  const t = new TestCluster();
  expect(t.kubectl("create namespace a --dry-run=true").stderr).toBe(
    "W0101 00:00:00.000000    4400 helpers.go:716] --dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\n",
  );
  const r = t.kubectl("create namespace b --dry-run=false");
  expect(r.stdout).toBe("namespace/b created\n");
  expect(r.stderr).toBe(
    "W0101 00:00:00.000000    4400 helpers.go:719] --dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.\n",
  );
  expect(t.kubectl("create namespace c --dry-run=maybe")).toEqual({
    stdout: "",
    stderr: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
    exit: 1,
  });
});
