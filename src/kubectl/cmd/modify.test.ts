/** replace with nothing to replace, as the kubectl v1.32.4 binary does it. */
import { expect, test } from "vitest";
import { TestCluster } from "../../testing/test-cluster";

test("replace -f - with empty input prints nothing and succeeds (unlike apply and create)", () => {
  const t = new TestCluster();
  // replace.go visits what the builder found and has no "no objects passed" check.
  expect(t.sh("echo -n | kubectl replace -f -")).toEqual({ stdout: "", stderr: "", exit: 0 });
  expect(t.sh("echo -n | kubectl apply -f -")).toEqual({
    stdout: "",
    stderr: "error: no objects passed to apply\n",
    exit: 1,
  });
  expect(t.sh("echo -n | kubectl create -f -")).toEqual({
    stdout: "",
    stderr: "error: no objects passed to create\n",
    exit: 1,
  });
});

test("replace --force with empty input: delete finds nothing, then forceReplace's count check fails", () => {
  const t = new TestCluster();
  expect(t.sh("echo -n | kubectl replace --force -f -")).toEqual({
    stdout: "No resources found\n",
    stderr: "error: no objects passed to replace\n",
    exit: 1,
  });
});
