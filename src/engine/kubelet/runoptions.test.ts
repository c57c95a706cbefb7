import { describe, expect, it } from "vitest";
import type { Pod, Service } from "../api/kinds";
import { CATALOG } from "../images";
import { NodeFileSystem } from "../node/fs";
import type { ConfigMap, PodSources } from "./podsources";
import { generateRunContainerOptions, imageInput } from "./runoptions";
import { VolumeStorage } from "./volumes";

function setup() {
  const configMaps = new Map<string, ConfigMap>();
  const kubernetes: Service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "kubernetes", namespace: "default" },
    spec: { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, protocol: "TCP" }] },
  };
  const sources: PodSources = {
    configMap: (_ns, name) => configMaps.get(name),
    secret: () => undefined,
    services: (ns) => (ns === "default" ? [kubernetes] : []),
    node: () => undefined,
  };
  const now = () => 0;
  const opts = {
    sources,
    storage: new VolumeStorage(now),
    nodeFs: new NodeFileSystem(),
    now,
    imageFiles: { "/usr/share/nginx/html/index.html": "hi" },
    image: {
      env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.27.3"],
    },
  };
  const setCm = (name: string, data: Record<string, string>) =>
    configMaps.set(name, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace: "default" },
      data,
    });
  return { opts, setCm };
}

const pod: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default", uid: "u1" },
  spec: {
    enableServiceLinks: false,
    containers: [
      {
        name: "nginx",
        image: "nginx",
        envFrom: [{ configMapRef: { name: "env" } }],
        env: [{ name: "GREETING", value: "hello $(WHO)" }],
        volumeMounts: [{ name: "conf", mountPath: "/etc/nginx/conf.d" }],
      },
    ],
    volumes: [{ name: "conf", configMap: { name: "conf" } }],
  },
};

describe("generateRunContainerOptions", () => {
  it("builds the environment as `env` in a real nginx pod prints it, and the file system", () => {
    const { opts, setCm } = setup();
    setCm("env", { WHO: "world" });
    setCm("conf", { "default.conf": "server {}" });
    const r = generateRunContainerOptions(pod, "nginx", { ...opts, podIPs: ["10.244.1.7"] });
    if ("error" in r) throw new Error(r.error.message);
    expect(r.hostname).toBe("web");
    expect(r.env.map((e) => `${e.name}=${e.value}`)).toEqual([
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "HOSTNAME=web",
      "NGINX_VERSION=1.27.3",
      "WHO=world",
      "GREETING=hello world",
      "KUBERNETES_SERVICE_HOST=10.96.0.1",
      "KUBERNETES_SERVICE_PORT=443",
      "KUBERNETES_SERVICE_PORT_HTTPS=443",
      "KUBERNETES_PORT=tcp://10.96.0.1:443",
      "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
      "KUBERNETES_PORT_443_TCP_PROTO=tcp",
      "KUBERNETES_PORT_443_TCP_PORT=443",
      "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
      "HOME=/root",
    ]);
    expect(r.fs.read("/etc/nginx/conf.d/default.conf")).toBe("server {}");
    expect(r.fs.read("/etc/hosts")).toContain("10.244.1.7\tweb\n");
  });

  it("reports a volume first (FailedMount), then the environment (CreateContainerConfigError)", () => {
    const { opts, setCm } = setup();
    expect(generateRunContainerOptions(pod, "nginx", opts)).toMatchObject({
      error: {
        reason: "FailedMount",
        message: 'MountVolume.SetUp failed for volume "conf" : configmap "conf" not found',
      },
    });
    setCm("conf", {});
    expect(generateRunContainerOptions(pod, "nginx", opts)).toEqual({
      error: { reason: "CreateContainerConfigError", message: 'configmap "env" not found' },
    });
  });

  it("takes an image config from the catalog: its files, executables and Env", () => {
    const { opts, setCm } = setup();
    setCm("env", { WHO: "world" });
    setCm("conf", {});
    const nginx = CATALOG.get("docker.io/library/nginx")?.config("latest");
    if (!nginx) throw new Error("no nginx in the catalog");
    const r = generateRunContainerOptions(pod, "nginx", { ...opts, ...imageInput(nginx) });
    if ("error" in r) throw new Error(r.error.message);
    expect(r.env.slice(0, 3).map((e) => e.name)).toEqual(["PATH", "HOSTNAME", nginx.env[1]?.split("=")[0]]);
    expect(r.fs.read("/usr/share/nginx/html/index.html")).toContain("Welcome to nginx!");
    const entry = Object.keys(nginx.programs)[0] as string;
    expect(r.fs.stat(entry)?.mode).toBe(0o755);
    expect(r.fs.read("/etc/os-release")).toContain("Debian");
  });
});
