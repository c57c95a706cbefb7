import { describe, expect, it } from "vitest";
import { RESOURCES } from "../../api/resources";
import { kubernetesSchema, schemaForKind, unknownFields } from "./strict";

describe("generated schema", () => {
  it("has a schema for every served kind and resolves every $ref", () => {
    for (const res of RESOURCES) {
      const apiVersion = res.group ? `${res.group}/${res.version}` : res.version;
      expect(schemaForKind(apiVersion, res.kind), `${apiVersion} ${res.kind}`).toBeDefined();
    }
    const refs = JSON.stringify(kubernetesSchema).match(/"#\/definitions\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(kubernetesSchema.definitions[ref.slice(15, -1)], ref).toBeDefined();
  });

  it("finds unknown fields by path, and allows map keys", () => {
    const pod = kubernetesSchema.definitions["io.k8s.api.core.v1.Pod"];
    expect(
      unknownFields(
        {
          metadata: { labels: { anything: "x" } },
          spec: {
            containers: [{ name: "a", resources: { limits: { "example.com/gpu": 1 } }, colour: "red" }],
          },
          extra: true,
        },
        pod,
      ),
    ).toEqual(["spec.containers[0].colour", "extra"]);
  });
});
