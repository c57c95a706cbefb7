import { describe, expect, it } from "vitest";
import { diagnose } from "./diagnostics";

const pod = [
  "apiVersion: v1",
  "kind: Pod",
  "metadata:",
  "  name: p",
  "spec:",
  "  containers:",
  "  - name: app",
  "    imagee: x",
  "",
];

describe("diagnose", () => {
  const table: { name: string; text: string; stderr: string; lines: number[] }[] = [
    {
      name: "a syntax error lands on the faulty line, not the blank one after it",
      text: ["a: 1", "b: [x", ""].join("\n"),
      stderr: "error: error parsing STDIN",
      lines: [2],
    },
    {
      name: "unknown field: on its key",
      text: pod.join("\n"),
      stderr:
        'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n',
      lines: [8],
    },
    {
      name: "invalid: on the deepest part of the path the document has",
      text: pod.join("\n"),
      stderr:
        'Error from server (Invalid): error when creating "STDIN": Pod "p" is invalid: spec.containers[0].image: Required value\n',
      lines: [7],
    },
    {
      name: "invalid: in the document with that kind and name",
      text: ["kind: ConfigMap", "metadata:", "  name: c", "---", ...pod].join("\n"),
      stderr:
        'Error from server (Invalid): error when creating "STDIN": Pod "p" is invalid: metadata.name: Invalid value\n',
      lines: [8],
    },
    {
      name: "no matches for kind: on the kind line",
      text: ["apiVersion: v9", "kind: Widget", "metadata:", "  name: w"].join("\n"),
      stderr:
        'error: resource mapping not found for name: "w": no matches for kind "Widget" in version "v9"\n',
      lines: [2],
    },
    {
      name: "invalid, kubectl's one-error form: on the path",
      text: pod.join("\n"),
      stderr: 'The Pod "p" is invalid: spec.containers[0].image: Required value\n',
      lines: [7],
    },
    {
      name: "invalid with several causes: one mark per bulleted cause",
      text: pod.join("\n"),
      stderr:
        'The Pod "p" is invalid: \n* metadata.name: Invalid value: "p": x\n* spec.containers[0].image: Required value\n',
      lines: [4, 7],
    },
    {
      name: "a value of the wrong type: on its field",
      text: [...pod.slice(0, 6), "  - name: app", "    command: [sleep, 1200]", ""].join("\n"),
      stderr:
        'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string\n',
      lines: [6],
    },
    { name: "success: nothing", text: pod.join("\n"), stderr: "", lines: [] },
  ];
  for (const c of table)
    it(c.name, () => {
      expect(diagnose(c.text, c.stderr).map((d) => d.line)).toEqual(c.lines);
    });
});
