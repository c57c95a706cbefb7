import { describe, expect, it } from "vitest";
import type { Container, Pod } from "../api/kinds";
import {
  containerResourceRuntimeValue,
  extractFieldPathAsString,
  formatMap,
  goQuote,
  splitMaybeSubscriptedPath,
} from "./fieldpath";

const pod = (metadata: Pod["metadata"]): Pod => ({ apiVersion: "v1", kind: "Pod", metadata });

// Ported from kubernetes pkg/fieldpath/fieldpath_test.go (TestExtractFieldPathAsString).
describe("extractFieldPathAsString: TestExtractFieldPathAsString", () => {
  const cases: [string, string, Pod, string | undefined, string | undefined][] = [
    [
      "ok - namespace",
      "metadata.namespace",
      pod({ namespace: "object-namespace" }),
      "object-namespace",
      undefined,
    ],
    ["ok - name", "metadata.name", pod({ name: "object-name" }), "object-name", undefined],
    ["ok - labels", "metadata.labels", pod({ labels: { key: "value" } }), 'key="value"', undefined],
    [
      "ok - labels bslash n",
      "metadata.labels",
      pod({ labels: { key: "value\n" } }),
      'key="value\\n"',
      undefined,
    ],
    [
      "ok - annotations",
      "metadata.annotations",
      pod({ annotations: { builder: "john-doe" } }),
      'builder="john-doe"',
      undefined,
    ],
    [
      "ok - annotation",
      "metadata.annotations['spec.pod.beta.kubernetes.io/statefulset-index']",
      pod({ annotations: { "spec.pod.beta.kubernetes.io/statefulset-index": "1" } }),
      "1",
      undefined,
    ],
    [
      "ok - annotation",
      "metadata.annotations['Www.k8s.io/test']",
      pod({ annotations: { "Www.k8s.io/test": "1" } }),
      "1",
      undefined,
    ],
    [
      "ok - uid",
      "metadata.uid",
      pod({ uid: "b70b3269-858e-12a8-9cf2-1232a194038a" }),
      "b70b3269-858e-12a8-9cf2-1232a194038a",
      undefined,
    ],
    [
      "ok - label",
      "metadata.labels['something']",
      pod({ labels: { something: "label value" } }),
      "label value",
      undefined,
    ],
    [
      "invalid expression",
      "metadata.whoops",
      pod({ namespace: "object-namespace" }),
      undefined,
      "unsupported fieldPath",
    ],
    [
      "invalid annotation key",
      "metadata.annotations['invalid~key']",
      pod({ annotations: { foo: "bar" } }),
      undefined,
      "invalid key subscript in metadata.annotations",
    ],
    [
      "invalid label key",
      "metadata.labels['Www.k8s.io/test']",
      pod({ annotations: { foo: "bar" } }),
      undefined,
      "invalid key subscript in metadata.labels",
    ],
    [
      "invalid subscript",
      "metadata.notexisting['something']",
      pod({}),
      undefined,
      "fieldPath \"metadata.notexisting['something']\" does not support subscript",
    ],
  ];
  it.each(cases)("%s", (_name, fieldPath, obj, value, fragment) => {
    const r = extractFieldPathAsString(obj, fieldPath);
    if (fragment) expect("error" in r && r.error).toContain(fragment);
    else expect(r).toEqual({ value });
  });
});

// Ported from pkg/fieldpath/fieldpath_test.go (TestSplitMaybeSubscriptedPath).
describe("splitMaybeSubscriptedPath: TestSplitMaybeSubscriptedPath", () => {
  const cases: [string, string?, string?][] = [
    ["metadata.annotations['key']", "metadata.annotations", "key"],
    ["metadata.annotations['a[b']c']", "metadata.annotations", "a[b']c"],
    ["metadata.labels['['key']", "metadata.labels", "['key"],
    ["metadata.labels['key']']", "metadata.labels", "key']"],
    ["metadata.labels['']", "metadata.labels", ""],
    ["metadata.labels[' ']", "metadata.labels", " "],
    ["metadata.labels[ 'key' ]"],
    ["metadata.labels[]"],
    ["metadata.labels[']"],
    ["metadata.labels['key']foo"],
    ["['key']"],
    ["metadata.labels"],
  ];
  it.each(cases)("%s", (fieldPath, path, subscript) => {
    const r = splitMaybeSubscriptedPath(fieldPath);
    expect(r).toEqual(path === undefined ? undefined : { path, subscript });
  });
});

// Ported from pkg/fieldpath/fieldpath_test.go (TestFormatMap).
describe("formatMap: TestFormatMap", () => {
  it("nil", () => expect(formatMap(undefined)).toBe(""));
  it("label", () => {
    expect(
      formatMap({
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": "master01",
        "kubernetes.io/os": "linux",
        "node-role.kubernetes.io/control-plane": "true",
        "node-role.kubernetes.io/master": "true",
      }),
    ).toBe(`beta.kubernetes.io/os="linux"
kubernetes.io/arch="amd64"
kubernetes.io/hostname="master01"
kubernetes.io/os="linux"
node-role.kubernetes.io/control-plane="true"
node-role.kubernetes.io/master="true"`);
  });
  it("annotation", () => {
    expect(
      formatMap({
        "flannel.alpha.coreos.com/backend-data": `{"VNI":1,"VtepMAC":"ce:f9:c7:a4:de:64"}`,
        "flannel.alpha.coreos.com/backend-type": "vxlan",
        "flannel.alpha.coreos.com/kube-subnet-manager": "true",
        "flannel.alpha.coreos.com/public-ip": "192.168.19.160",
        "management.cattle.io/pod-limits": `{"cpu":"11400m","memory":"7965Mi"}`,
        "management.cattle.io/pod-requests": `{"cpu":"2482m","memory":"7984Mi","pods":"26"}`,
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      }),
    ).toBe(`flannel.alpha.coreos.com/backend-data="{\\"VNI\\":1,\\"VtepMAC\\":\\"ce:f9:c7:a4:de:64\\"}"
flannel.alpha.coreos.com/backend-type="vxlan"
flannel.alpha.coreos.com/kube-subnet-manager="true"
flannel.alpha.coreos.com/public-ip="192.168.19.160"
management.cattle.io/pod-limits="{\\"cpu\\":\\"11400m\\",\\"memory\\":\\"7965Mi\\"}"
management.cattle.io/pod-requests="{\\"cpu\\":\\"2482m\\",\\"memory\\":\\"7984Mi\\",\\"pods\\":\\"26\\"}"
node.alpha.kubernetes.io/ttl="0"
volumes.kubernetes.io/controller-managed-attach-detach="true"`);
  });
  it("quotes as Go's %q does", () => {
    expect(goQuote('tab\there "q" back\\slash é \x01\x7f')).toBe(
      '"tab\\there \\"q\\" back\\\\slash é \\x01\\x7f"',
    );
  });
});

// Ported from kubernetes pkg/api/v1/resource/helpers_test.go (TestExtractResourceValue).
describe("containerResourceRuntimeValue: TestExtractResourceValue", () => {
  interface Res {
    cpuRequest?: string;
    cpuLimit?: string;
    memoryRequest?: string;
    memoryLimit?: string;
  }
  const getPod = (cname: string, r: Res): Pod => {
    const resources = {
      limits: {
        ...(r.cpuLimit ? { cpu: r.cpuLimit } : {}),
        ...(r.memoryLimit ? { memory: r.memoryLimit } : {}),
      },
      requests: {
        ...(r.cpuRequest ? { cpu: r.cpuRequest } : {}),
        ...(r.memoryRequest ? { memory: r.memoryRequest } : {}),
      },
    };
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {},
      spec: {
        containers: [{ name: cname, resources }],
        initContainers: [{ name: `init-${cname}`, resources }],
      },
    };
  };
  const cases: [string, string | undefined, string, Res, string][] = [
    ["limits.cpu", undefined, "foo", { cpuLimit: "9" }, "9"],
    ["requests.cpu", undefined, "foo", {}, "0"],
    ["requests.cpu", undefined, "foo", { cpuRequest: "8" }, "8"],
    ["requests.cpu", undefined, "foo", { cpuRequest: "100m" }, "1"],
    ["requests.cpu", "100m", "foo", { cpuRequest: "1200m" }, "12"],
    ["requests.memory", undefined, "foo", { memoryRequest: "100Mi" }, "104857600"],
    ["requests.memory", "1Mi", "foo", { memoryRequest: "100Mi", memoryLimit: "1Gi" }, "100"],
    ["limits.memory", undefined, "foo", { memoryRequest: "10Mi", memoryLimit: "100Mi" }, "104857600"],
    ["limits.cpu", undefined, "init-foo", { cpuLimit: "9" }, "9"],
    ["requests.cpu", undefined, "init-foo", {}, "0"],
    ["requests.cpu", undefined, "init-foo", { cpuRequest: "8" }, "8"],
    ["requests.cpu", undefined, "init-foo", { cpuRequest: "100m" }, "1"],
    ["requests.cpu", "100m", "init-foo", { cpuRequest: "1200m" }, "12"],
    ["requests.memory", undefined, "init-foo", { memoryRequest: "100Mi" }, "104857600"],
    ["requests.memory", "1Mi", "init-foo", { memoryRequest: "100Mi", memoryLimit: "1Gi" }, "100"],
    ["limits.memory", undefined, "init-foo", { memoryRequest: "10Mi", memoryLimit: "100Mi" }, "104857600"],
  ];
  it.each(cases)("%s / %s of %s", (resource, divisor, cName, res, expected) => {
    const p = getPod("foo", res);
    const any = p.spec?.containers[0] as Container;
    expect(
      containerResourceRuntimeValue({ resource, divisor, containerName: cName }, p, any, undefined),
    ).toEqual({
      value: expected,
    });
  });
  it("names an unknown container and an unsupported resource", () => {
    const p = getPod("foo", {});
    const c = p.spec?.containers[0] as Container;
    expect(
      containerResourceRuntimeValue({ resource: "limits.cpu", containerName: "x" }, p, c, undefined),
    ).toEqual({
      error: "container x not found",
    });
    expect(containerResourceRuntimeValue({ resource: "limits.gpu" }, p, c, undefined)).toEqual({
      error: "unsupported container resource : limits.gpu",
    });
  });
});
