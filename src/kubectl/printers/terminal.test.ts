/**
 * Terminal escaping (cli-runtime printers/terminal.go; tableprinter.go printTable's cell cut) and
 * its use by describe (PrefixWriter through WriteEscaped) and get's tables.
 */
import { expect, test } from "vitest";
import { TestCluster } from "../../testing/test-cluster";
import { escapeTerminal, tableCell } from "./terminal";

test("EscapeTerminal replaces ESC and CR only", () => {
  expect(escapeTerminal("\x1b[31mred\x1b[0m\r\n\t")).toBe("^[[31mred^[[0m\\r\n\t");
  expect(tableCell("one\ntwo")).toBe("one...");
  expect(tableCell("\x1b[2Jwiped\fx")).toBe("^[[2Jwiped...");
});

test("describe and get print an annotation's escape sequences harmlessly", () => {
  const t = new TestCluster();
  t.sh(`kubectl create -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: evil
  annotations:
    note: "\\e[2J\\e[31mowned\\rX"
EOF`);
  const described = t.kubectl("describe configmap evil").stdout;
  expect(described).not.toContain("\x1b");
  expect(described).toContain("Annotations:  note: ^[[2J^[[31mowned\\rX\n");
  t.sh(`kubectl create -f - <<EOF
apiVersion: v1
kind: Event
metadata: {name: evil.1}
involvedObject: {kind: ConfigMap, name: evil, namespace: default}
reason: Evil
type: Normal
message: "\\e[2J\\e[31mowned\\nsecond line"
EOF`);
  const row = t.kubectl("get events").stdout.split("\n")[1] ?? "";
  expect(row).toMatch(/Evil\s+configmap\/evil\s+\^\[\[2J\^\[\[31mowned\.\.\.$/);
});
