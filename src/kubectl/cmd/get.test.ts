/** `kubectl get --sort-by` end to end (sorter.go through get's printers). */
import { expect, test } from "vitest";
import { TestCluster } from "../../testing/test-cluster";

test("--sort-by compares quantities as quantities and names naturally", () => {
  const t = new TestCluster();
  for (const [name, memory] of [
    ["big", "1Gi"],
    ["small", "40Mi"],
    ["mid", "512Mi"],
  ])
    t.kubectl(
      `run ${name} --image=nginx --overrides='{"spec":{"containers":[{"name":"c","image":"nginx","resources":{"requests":{"memory":"${memory}"}}}]}}'`,
    );
  t.kubectl("run pod-10 --image=nginx");
  t.kubectl("run pod-9 --image=nginx");
  expect(t.kubectl("get pods --sort-by=.spec.containers[0].resources.requests.memory -o name").stdout).toBe(
    "pod/pod-10\npod/pod-9\npod/small\npod/mid\npod/big\n",
  );
  expect(
    t
      .kubectl("get pods --sort-by={.metadata.name} --no-headers")
      .stdout.split("\n")
      .map((l) => l.split(" ")[0]),
  ).toEqual(["big", "mid", "pod-9", "pod-10", "small", ""]);
  expect(t.kubectl("get pods --sort-by=.foo")).toEqual({
    stdout: "",
    stderr: 'error: couldn\'t find any field with path "{.foo}" in the list of objects\n',
    exit: 1,
  });
});
