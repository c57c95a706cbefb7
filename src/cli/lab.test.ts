// `kubeglass lab list` and `lab check`: verdicts printed, exit 0 only when every task passes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { labCommand } from "./lab";

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = labCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

function script(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lab-")), "s.sh");
  fs.writeFileSync(file, text);
  return file;
}

describe("kubeglass lab", () => {
  it("lists the labs with their topics", () => {
    const r = run(["list"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^LAB\s+TOPIC\s+TASKS\s+TITLE$/);
    expect(r.stdout).toMatch(
      /\ntaints-tolerations\s+taints-tolerations\s+6 tasks\s+Taints and tolerations\n/,
    );
    expect(r.stdout).toMatch(/\nmock-exam-1\s+exam\s+6 tasks, 20 min exam\s+/);
  });

  it("passes a script that does the lab another way than its solution, and exits 0", () => {
    const r = run([
      "check",
      "cordon-drain",
      "--script",
      script(`answer blue-nodes node02 node01
kubectl cordon node01
kubectl delete pods -l app=blue --field-selector spec.nodeName=node01
kubectl delete pods -n kube-system -l k8s-app=kube-dns --field-selector spec.nodeName=node01
sleep 10
kubectl uncordon node01
kubectl cordon node02
kubectl delete pod hr-app
kubectl delete pods -l app=blue --field-selector spec.nodeName=node02
kubectl delete pods -n kube-system -l k8s-app=kube-dns --field-selector spec.nodeName=node02
sleep 10
`),
    ]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      "PASS  blue-nodes\nPASS  drain-node01\nPASS  uncordon-node01\nPASS  drain-node02\ncordon-drain: 4/4 tasks passed\n",
    );
    expect(r.code).toBe(0);
  });

  it("prints why a task fails and exits 1", () => {
    const r = run(["check", "taints-tolerations", "--script", script("answer node01-taints 1\n")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  node01-taints: "1" is not right\n');
    expect(r.stdout).toContain("FAIL  taint-node01: node node01 has no taint spray=mortein:NoSchedule\n");
    expect(r.stdout).toMatch(/taints-tolerations: 0\/6 tasks passed\n$/);
  });

  it("refuses bad usage with exit 2", () => {
    expect(run(["check", "nope", "--script", "x"]).stderr).toMatch(/^kubeglass: no lab "nope"/);
    expect(run(["check", "daemonsets"]).code).toBe(2);
    expect(run(["check", "daemonsets", "--script", "/nonexistent"]).stderr).toMatch(
      /^kubeglass: cannot read \/nonexistent: ENOENT/,
    );
  });
});
