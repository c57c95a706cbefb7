import { describe, expect, it } from "vitest";
import { TestCluster } from "../testing/test-cluster";
import { splitScript } from "./script";
import { parseCommand } from "./tokenize";

describe("splitScript", () => {
  it("keeps heredoc bodies with their command and drops comments", () => {
    const script =
      "# setup\nkubectl apply -f - <<EOF\nkind: Pod\nmetadata: {name: a}\nEOF\nsleep 5\n\nssh node01\n";
    expect(splitScript(script)).toEqual([
      "kubectl apply -f - <<EOF\nkind: Pod\nmetadata: {name: a}\nEOF",
      "sleep 5",
      "ssh node01",
    ]);
  });

  it("joins backslash continuations", () => {
    expect(splitScript("kubectl run p \\\n  --image=nginx")).toEqual(["kubectl run p   --image=nginx"]);
  });
});

describe("parseCommand", () => {
  it("handles quotes, escapes and jsonpath braces", () => {
    const [entry] = parseCommand(
      `kubectl get pod x -o jsonpath='{.metadata.annotations.kubernetes\\.io/config\\.source}{"|"}'`,
    );
    expect(entry?.pipeline[0]?.argv).toEqual([
      "kubectl",
      "get",
      "pod",
      "x",
      "-o",
      'jsonpath={.metadata.annotations.kubernetes\\.io/config\\.source}{"|"}',
    ]);
  });

  it("attaches heredoc bodies and output redirections", () => {
    const [entry] = parseCommand("cat <<EOF > /etc/kubernetes/manifests/web.yaml\nkind: Pod\nEOF");
    expect(entry?.pipeline[0]).toEqual({
      argv: ["cat"],
      redirects: [
        { fd: 0, op: "<<", target: "kind: Pod\n" },
        { fd: 1, op: ">", target: "/etc/kubernetes/manifests/web.yaml" },
      ],
    });
  });

  it("splits pipes and lists", () => {
    const list = parseCommand("kubectl get pods | grep web && echo yes || echo no; true 2>/dev/null");
    expect(list.map((l) => [l.op, l.pipeline.map((c) => c.argv[0])])).toEqual([
      ["", ["kubectl", "grep"]],
      ["&&", ["echo"]],
      ["||", ["echo"]],
      [";", ["true"]],
    ]);
    expect(list[3]?.pipeline[0]?.redirects).toEqual([{ fd: 2, op: ">", target: "/dev/null" }]);
  });

  it("expands variables outside single quotes", () => {
    const [entry] = parseCommand(`echo $A "$A" '$A' \${A}x`, { A: "v" });
    expect(entry?.pipeline[0]?.argv).toEqual(["echo", "v", "v", "$A", "vx"]);
  });
});

describe("heredoc expansion and $?", () => {
  it("expands an unquoted heredoc body as bash does and leaves a quoted one alone", () => {
    const env = { IMAGE: "nginx" };
    const body = (text: string) => parseCommand(text, env)[0]?.pipeline[0]?.redirects[0]?.target;
    expect(body("cat <<EOF\nimage: $IMAGE\nx: \\$(y) \\\\ $(z)\nEOF")).toBe(
      "image: nginx\nx: $(y) \\ $(z)\n",
    );
    expect(body("cat <<'EOF'\nimage: $IMAGE \\$\nEOF")).toBe("image: $IMAGE \\$\n");
  });
});

describe("ssh with a command", () => {
  it("hands its heredoc to the remote command", () => {
    const t = new TestCluster();
    t.apply("apiVersion: v1\nkind: Node\nmetadata: {name: node01}");
    t.advance(2);
    const r = t.sh('ssh node01 "cat > /etc/kubernetes/manifests/web.yaml" <<EOF\nkind: Pod\nEOF');
    expect(r.exit).toBe(0);
    expect(t.cluster.hosts.get("node01")?.fs.read("/etc/kubernetes/manifests/web.yaml")).toBe("kind: Pod\n");
  });
});
