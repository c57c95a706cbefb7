/** `kubectl set resources`: messages as kubectl v1.32 prints them (checked with the real client's --local). */
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../testing/test-cluster";

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: nginx, resources: {requests: {cpu: "1"}, limits: {cpu: "2"}}}
      - {name: side, image: busybox}
`;

function container(t: TestCluster, name: string) {
  const d = t.cluster.api.get("Deployment", "default", "web");
  return d?.spec.template.spec.containers.find((c: { name: string }) => c.name === name);
}

describe("kubectl set resources", () => {
  it("sets the chosen container's requests and keeps its limits", () => {
    const t = new TestCluster();
    t.apply(WEB);
    const r = t.kubectl("set resources deployment/web -c=web --requests=cpu=200m");
    expect(r.stdout).toBe("deployment.apps/web resource requirements updated\n");
    expect(container(t, "web").resources).toEqual({ requests: { cpu: "200m" }, limits: { cpu: "2" } });
    expect(container(t, "side").resources ?? {}).toEqual({});
  });

  it("changes every container by default, and prints nothing when nothing changes", () => {
    const t = new TestCluster();
    t.apply(WEB);
    expect(t.kubectl("set resources deployment web --limits=memory=256Mi").stdout).toBe(
      "deployment.apps/web resource requirements updated\n",
    );
    // The API server defaults a request from its limit.
    expect(container(t, "side").resources).toEqual({
      limits: { memory: "256Mi" },
      requests: { memory: "256Mi" },
    });
    const again = t.kubectl("set resources deployment web --limits=memory=256Mi");
    expect([again.stdout, again.stderr, again.exit]).toEqual(["", "", 0]);
  });

  it("refuses bad input and changes nothing", () => {
    const t = new TestCluster();
    t.apply(WEB);
    const before = JSON.stringify(t.cluster.api.get("Deployment", "default", "web"));
    expect(t.kubectl("set resources deployment/web").stderr).toBe(
      "error: you must specify an update to requests or limits (in the form of --requests/--limits)\n",
    );
    expect(t.kubectl("set resources deployment/web --requests=cpu=abc").stderr).toBe(
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    );
    const missing = t.kubectl("set resources deployment/web -c=nope --requests=cpu=1");
    expect([missing.stdout, missing.stderr, missing.exit]).toEqual([
      "",
      "error: unable to find container named nope\n",
      1,
    ]);
    expect(JSON.stringify(t.cluster.api.get("Deployment", "default", "web"))).toBe(before);
  });
});
