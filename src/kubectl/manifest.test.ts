import { describe, expect, it } from "vitest";
import { decodeStream, type ManifestResult } from "./manifest";

function read(text: string): ManifestResult {
  const result: ManifestResult = { objects: [], errors: [] };
  decodeStream(text, "STDIN", result);
  return result;
}

const names = (r: ManifestResult) => r.objects.map((o) => o.obj.metadata.name);

describe("decodeStream", () => {
  it("reads JSON objects written one after another, braces in strings included", () => {
    const a = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"}{\\"x"}}';
    const b = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}';
    const r = read(`  ${a}${b}\n\n${a.replace('"a"', '"c"')}\n`);
    expect(r.errors).toEqual([]);
    expect(names(r)).toEqual(["a", "b", "c"]);
    expect(r.objects[0]?.obj.data).toEqual({ k: '}{"x' });
  });

  it("counts the depth offset in bytes, as Go's scanner does", () => {
    const r = read(`{"a":"é","c":${"[".repeat(10_001)}`);
    // '{' is depth 1; the 10,000th '[' is depth 10,001. "é" is two bytes.
    expect(r.errors).toEqual([
      `error: error parsing STDIN: json: offset ${'{"a":"é","c":'.length + 1 + 10_000}: invalid character '[' exceeded max depth`,
    ]);
  });

  it("refuses nesting within kubectl's limit but beyond Kubeglass's with its own message, never a stack overflow", () => {
    const json = read(`{"apiVersion":"v1","kind":"ConfigMap","data":${"[".repeat(5000)}${"]".repeat(5000)}}`);
    expect(json.errors).toEqual([
      "error: error parsing STDIN: json: exceeded max depth of 1000 (Kubeglass's limit; kubectl's is 10000)",
    ]);
    const flow = read(`apiVersion: v1\nkind: ConfigMap\ndata: ${"{a: ".repeat(5000)}1${"}".repeat(5000)}\n`);
    expect(flow.errors).toEqual([
      "error: error parsing STDIN: error converting YAML to JSON: yaml: exceeded max depth of 1000 (Kubeglass's limit; kubectl's is 10000)",
    ]);
    const block = Array.from({ length: 1200 }, (_, i) => `${" ".repeat(i + 2)}k${i}:`).join("\n");
    expect(read(`apiVersion: v1\nkind: ConfigMap\ndata:\n${block} x\n`).errors).toEqual([
      "error: error parsing STDIN: error converting YAML to JSON: yaml: exceeded max depth of 1000 (Kubeglass's limit; kubectl's is 10000)",
    ]);
  });

  it("takes the last value of a duplicate key, as sigs.k8s.io/yaml does", () => {
    const r = read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
    expect(r.errors).toEqual([]);
    expect(names(r)).toEqual(["b"]);
  });

  it("stops the stream at a kind of the wrong type, keeping what came before", () => {
    const r = read(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [x]\nmetadata: {name: b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
    );
    expect(names(r)).toEqual(["a"]);
    expect(r.errors).toEqual([
      'error: error validating "STDIN": error validating data: kind isn\'t string type; if you choose to ignore these errors, turn validation off with --validate=false',
    ]);
  });

  it("goes on after a metadata decoding error, as the builder passes it to the visitor", () => {
    const r = read(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 5}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
    );
    expect(names(r)).toEqual(["c"]);
    expect(r.errors).toEqual([
      'error: unable to decode "STDIN": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
    ]);
  });

  it("reads thousands of documents (bench/kubectl.bench.ts times 12,000)", () => {
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`;
    const docs = Array.from({ length: 2_000 }, (_, i) => doc(i)).join("---\n");
    const r = read(docs);
    expect(r.objects).toHaveLength(2_000);
    expect(r.objects[1_999]?.obj.metadata.name).toBe("cm-1999");
  });
});
