// A custom resource against its structural schema: kube-openapi validate's messages as
// kubeOpenAPIResultToFieldErrors converts them (apiextensions-apiserver pkg/apiserver/validation/
// validation.go), pruning (pkg/apiserver/schema/pruning) and defaulting (schema/defaulting).
import { describe, expect, it } from "vitest";
import { applySchemaDefaults, pruneUnknownFields, type SchemaProps, validateValue } from "./schema";

const text = (value: unknown, schema: SchemaProps, path = "spec") =>
  validateValue(value, schema, path).map((e) => `${e.field}: ${e.message}`);

describe("validateValue", () => {
  const rows: { name: string; value: unknown; schema: SchemaProps; want: string[] }[] = [
    {
      name: "type: a string where an integer goes",
      value: { replicas: "string" },
      schema: { type: "object", properties: { replicas: { type: "integer" } } },
      want: [
        'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      ],
    },
    {
      name: "type: a fraction is a number, not an integer",
      value: { replicas: 1.5 },
      schema: { type: "object", properties: { replicas: { type: "integer" } } },
      want: [
        'spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"',
      ],
    },
    {
      name: "type: an integer is a number",
      value: { ratio: 2 },
      schema: { type: "object", properties: { ratio: { type: "number" } } },
      want: [],
    },
    {
      name: "required, before the present fields",
      value: { image: 1 },
      schema: {
        type: "object",
        required: ["cronSpec"],
        properties: { image: { type: "string" }, cronSpec: { type: "string" } },
      },
      want: [
        "spec.cronSpec: Required value",
        'spec.image: Invalid value: "integer": spec.image in body must be of type string: "integer"',
      ],
    },
    {
      name: "enum",
      value: { size: "huge" },
      schema: { type: "object", properties: { size: { type: "string", enum: ["small", "large"] } } },
      want: ['spec.size: Unsupported value: "huge": supported values: "small", "large"'],
    },
    {
      name: "minimum and maximum, exclusive",
      value: { a: 0, b: 11, c: 5 },
      schema: {
        type: "object",
        properties: {
          a: { type: "integer", minimum: 1 },
          b: { type: "integer", maximum: 10 },
          c: { type: "integer", minimum: 5, exclusiveMinimum: true },
        },
      },
      want: [
        "spec.a: Invalid value: 0: spec.a in body should be greater than or equal to 1",
        "spec.b: Invalid value: 11: spec.b in body should be less than or equal to 10",
        "spec.c: Invalid value: 5: spec.c in body should be greater than 5",
      ],
    },
    {
      name: "pattern, minLength, maxLength",
      value: { cronSpec: "* * * *", name: "", short: "abcdef" },
      schema: {
        type: "object",
        properties: {
          cronSpec: { type: "string", pattern: "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$" },
          name: { type: "string", minLength: 1 },
          short: { type: "string", maxLength: 5 },
        },
      },
      want: [
        "spec.cronSpec: Invalid value: \"* * * *\": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'",
        'spec.name: Invalid value: "": spec.name in body should be at least 1 chars long',
        "spec.short: Too long: may not be more than 5 bytes",
      ],
    },
    {
      name: "minItems, maxItems and item paths",
      value: { a: [], b: ["x", "y", 3] },
      schema: {
        type: "object",
        properties: {
          a: { type: "array", minItems: 1, items: { type: "string" } },
          b: { type: "array", maxItems: 2, items: { type: "string" } },
        },
      },
      want: [
        "spec.a: Invalid value: 0: spec.a in body should have at least 1 items",
        "spec.b: Too many: 3: must have at most 2 items",
        'spec.b[2]: Invalid value: "integer": spec.b[2] in body must be of type string: "integer"',
      ],
    },
    {
      name: "x-kubernetes-int-or-string",
      value: { port: 80, name: "http", bad: true },
      schema: {
        type: "object",
        properties: {
          port: { "x-kubernetes-int-or-string": true },
          name: { "x-kubernetes-int-or-string": true },
          bad: { "x-kubernetes-int-or-string": true },
        },
      },
      want: [
        'spec.bad: Invalid value: "boolean": spec.bad in body must be of type integer,string: "boolean"',
      ],
    },
  ];
  for (const row of rows)
    it(row.name, () => {
      expect(text(row.value, row.schema)).toEqual(row.want);
    });
});

describe("pruneUnknownFields", () => {
  const schema: SchemaProps = {
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: {
          items: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
          free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
          labels: { type: "object", additionalProperties: { type: "string" } },
        },
      },
    },
  };

  it("drops what the schema does not specify and says where, keeping apiVersion, kind, metadata", () => {
    const obj = {
      apiVersion: "stable.example.com/v1",
      kind: "CronTab",
      metadata: { name: "x" },
      spec: { foo: 1, items: [{ name: "a", bar: 2 }], free: { any: { thing: 1 } }, labels: { a: "b" } },
      status: { replicas: 1 },
    };
    expect(pruneUnknownFields(obj, schema)).toEqual(["spec.foo", "spec.items[0].bar", "status"]);
    expect(obj).toEqual({
      apiVersion: "stable.example.com/v1",
      kind: "CronTab",
      metadata: { name: "x" },
      spec: { items: [{ name: "a" }], free: { any: { thing: 1 } }, labels: { a: "b" } },
    });
  });
});

describe("applySchemaDefaults", () => {
  it("sets defaults of missing fields in objects that are present, deepest too", () => {
    const schema: SchemaProps = {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            replicas: { type: "integer", default: 1 },
            image: { type: "string" },
            policy: {
              type: "object",
              default: {},
              properties: { mode: { type: "string", default: "Auto" } },
            },
          },
        },
      },
    };
    const obj: Record<string, unknown> = { spec: { image: "x" } };
    applySchemaDefaults(obj, schema);
    expect(obj).toEqual({ spec: { image: "x", replicas: 1, policy: { mode: "Auto" } } });
    const none: Record<string, unknown> = {};
    applySchemaDefaults(none, schema);
    expect(none).toEqual({});
  });
});
