import { describe, expect, it } from "vitest";
import { ERR_FORMAT_WRONG } from "../quantity";
import { fromUnstructuredError, goValue } from "./convert";
import {
  base64Error,
  decodeMetadataOnly,
  decodeTyped,
  ERR_NUMERIC,
  ERR_SUFFIX,
  quantityParseError,
} from "./decode";
import { kubernetesSchema } from "./strict";

const defs = kubernetesSchema.definitions;
const POD = "io.k8s.api.core.v1.Pod";

function decodePod(spec: unknown, metadata: unknown = { name: "p" }) {
  const obj = { apiVersion: "v1", kind: "Pod", metadata, spec } as Record<string, unknown>;
  return { result: decodeTyped(obj, POD, defs), obj };
}

describe("decodeTyped: encoding/json's UnmarshalTypeError, as the API server decodes", () => {
  it.each([
    [{ containers: "nginx" }, "string into Go struct field PodSpec.spec.containers of type []v1.Container"],
    [
      { containers: [{ name: 5 }] },
      "number into Go struct field Container.spec.containers.name of type string",
    ],
    [
      { containers: [{ name: "c", ports: [{ containerPort: "80" }] }] },
      "string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
    ],
    [
      { containers: [{ name: "c", ports: [{ containerPort: 80, protocol: 6 }] }] },
      "number into Go struct field ContainerPort.spec.containers.ports.protocol of type v1.Protocol",
    ],
    [
      { containers: [], terminationGracePeriodSeconds: 1.5 },
      "number 1.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64",
    ],
    [{ containers: [], hostNetwork: 1 }, "number into Go struct field PodSpec.spec.hostNetwork of type bool"],
    [
      { containers: [], nodeSelector: { a: 1 } },
      "number into Go struct field PodSpec.spec.nodeSelector of type string",
    ],
    [
      { containers: [], securityContext: "x" },
      "string into Go struct field PodSpec.spec.securityContext of type v1.PodSecurityContext",
    ],
    [
      { containers: [], tolerations: [{ tolerationSeconds: "5" }] },
      "string into Go struct field Toleration.spec.tolerations.tolerationSeconds of type int64",
    ],
    [
      { containers: [{ name: "c", resources: { limits: [] } }] },
      "array into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList",
    ],
    [
      { containers: [{ name: "c", securityContext: { capabilities: { add: [5] } } }] },
      "number into Go struct field Capabilities.spec.containers.securityContext.capabilities.add of type v1.Capability",
    ],
    [
      { containers: [{ name: "c", securityContext: { capabilities: { add: "NET_ADMIN" } } }] },
      "string into Go struct field Capabilities.spec.containers.securityContext.capabilities.add of type []v1.Capability",
    ],
  ])("%j", (spec, want) => {
    expect(decodePod(spec).result).toEqual({ ok: false, message: `json: cannot unmarshal ${want}` });
  });

  it("reports the first error in sorted key order, as kubectl marshals the body", () => {
    const { result } = decodePod({ tolerations: "all", containers: "nginx" });
    expect(result).toEqual({
      ok: false,
      message:
        "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container",
    });
  });

  it("lets an UnmarshalJSON error win over an earlier type error (it stops decoding)", () => {
    const { result } = decodePod({ containers: [{ name: 5, resources: { requests: { cpu: true } } }] });
    expect(result).toEqual({ ok: false, message: ERR_FORMAT_WRONG });
  });

  it("adds the field to IntOrString's own error", () => {
    const obj = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s" },
      spec: { ports: [{ port: 80, targetPort: 99999999999 }] },
    };
    expect(decodeTyped(obj, "io.k8s.api.core.v1.Service", defs)).toEqual({
      ok: false,
      message:
        "json: cannot unmarshal number 99999999999 into Go struct field ServicePort.spec.ports.targetPort of type int32",
    });
  });

  it("accepts null anywhere and whole numbers written as floats", () => {
    expect(decodePod({ containers: null, nodeSelector: null, priority: 2.0 }).result).toEqual({ ok: true });
  });

  it("writes quantities back in canonical form", () => {
    const { result, obj } = decodePod({
      containers: [
        { name: "c", resources: { requests: { cpu: 0.1, memory: "1024Mi" }, limits: { cpu: "2000m" } } },
      ],
      overhead: { cpu: "1e3" },
    });
    expect(result).toEqual({ ok: true });
    const spec = obj.spec as { containers: { resources: unknown }[]; overhead: unknown };
    expect(spec.containers[0]?.resources).toEqual({
      requests: { cpu: "100m", memory: "1Gi" },
      limits: { cpu: "2" },
    });
    expect(spec.overhead).toEqual({ cpu: "1e3" });
  });

  it("decodes metadata as kubectl's metadataOnlyObject", () => {
    expect(decodeMetadataOnly("hello", defs)).toBe(
      "json: cannot unmarshal string into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta",
    );
    expect(decodeMetadataOnly({ name: "x", creationTimestamp: 5 }, defs)).toBe(
      "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string",
    );
    expect(decodeMetadataOnly({ name: "x", labels: { a: "b" } }, defs)).toBeUndefined();
  });
});

describe("ParseQuantity's errors", () => {
  it.each([
    ["1Gb", ERR_FORMAT_WRONG],
    ["abc", ERR_FORMAT_WRONG],
    ["1.2.3", ERR_FORMAT_WRONG],
    ["", ERR_FORMAT_WRONG],
    ["1KK", ERR_SUFFIX],
    ["1i", ERR_SUFFIX],
    ["1e", ERR_SUFFIX],
    ["-", ERR_NUMERIC],
  ])("%j: %s", (text, want) => {
    expect(quantityParseError(text)).toBe(want);
  });
});

describe("base64.StdEncoding's CorruptInputError", () => {
  it.each([
    ["aGVsbG8=", undefined],
    ["aGVsbA==", undefined],
    ["aGVs\nbG8=", undefined],
    ["", undefined],
    ["hello", "illegal base64 data at input byte 4"],
    ["abc", "illegal base64 data at input byte 0"],
    ["ab!d", "illegal base64 data at input byte 2"],
    ["a===", "illegal base64 data at input byte 1"],
    ["ab=", "illegal base64 data at input byte 3"],
    ["ab=x", "illegal base64 data at input byte 2"],
    ["abc=x", "illegal base64 data at input byte 4"],
    ["aGVsbG8=\n", undefined],
  ])("%j", (text, want) => {
    expect(base64Error(text)).toBe(want);
  });
});

describe("fromUnstructuredError: the converter's errors on the patch path", () => {
  const pod = { $ref: `#/definitions/${POD}` };
  it.each([
    [{ spec: { priority: "x" } }, "unrecognized type: int32"],
    [{ spec: { priority: 2.5 } }, "cannot convert float64 to int32"],
    [{ spec: { priority: 2 } }, undefined],
    [{ spec: { nodeName: 5 } }, "cannot convert int64 to string"],
    [{ spec: { nodeName: true } }, "unrecognized type: string"],
    [{ spec: { containers: "x" } }, "cannot restore slice from string"],
    [{ spec: { nodeSelector: ["a"] } }, "cannot restore map from slice"],
    [{ spec: { securityContext: "x" } }, "cannot restore struct from: string"],
    [{ spec: { containers: [{ resources: { limits: { cpu: { a: 1 } } } }] } }, ERR_FORMAT_WRONG],
  ])("%j", (obj, want) => {
    expect(fromUnstructuredError(obj, pod, defs)).toBe(want);
  });
});

describe("goValue: Go's %+v of a decoded JSON map", () => {
  it("sorts keys, prints strings bare and lists with spaces", () => {
    expect(goValue({ spec: { replicas: "three", b: [1, 2.5, true, null] } })).toBe(
      "map[spec:map[b:[1 2.5 true <nil>] replicas:three]]",
    );
    expect(goValue({ a: 0.00001 })).toBe("map[a:1e-05]");
  });
});
