import { describe, expect, it } from "vitest";
import { complete } from "./completion";
import { heredocDelimiters, PendingCommand } from "./continuation";
import { LineEditor } from "./lineEditor";

const source = {
  keys: (kind: string) =>
    ({
      Node: ["controlplane", "node01", "node02"],
      Pod: ["default/web-1", "default/web-2", "kube-system/kube-proxy-abc"],
      Namespace: ["default", "kube-system"],
      Deployment: ["default/web"],
      CustomResourceDefinition: ["crontabs.stable.example.com"],
    })[kind] ?? [],
};

describe("heredocs and continuations", () => {
  it.each([
    ["kubectl apply -f - <<EOF", ["EOF"]],
    ["cat <<'YAML' > f", ["YAML"]],
    ['cat <<"X"', ["X"]],
    ["cat <<-END", ["END"]],
    ["echo '<<EOF'", []],
    ["echo a << b", ["b"]],
    ["cat <<< word", []],
  ])("%s opens %j", (line, words) => {
    expect(heredocDelimiters(line).map((d) => d.word)).toEqual(words);
  });

  it("collects lines until the delimiter, and joins backslash continuations", () => {
    const p = new PendingCommand();
    expect(p.add("kubectl apply -f - <<EOF")).toBeUndefined();
    expect(p.add("kind: Pod")).toBeUndefined();
    expect(p.open).toBe(true);
    expect(p.add("EOF")).toBe("kubectl apply -f - <<EOF\nkind: Pod\nEOF");
    expect(p.add("kubectl get \\")).toBeUndefined();
    expect(p.add("nodes")).toBe("kubectl get nodes");
  });
});

describe("completion", () => {
  it.each([
    ["kub", ["kubectl"]],
    ["kubectl dr", ["drain"]],
    ["kubectl get no", ["nodes"]],
    ["kubectl get nodes node0", ["node01", "node02"]],
    ["kubectl get pods w", ["web-1", "web-2"]],
    ["kubectl get pods -n kube-system k", ["kube-proxy-abc"]],
    ["kubectl get deploy/w", ["deploy/web"]],
    ["kubectl cordon n", ["node01", "node02"]],
    ["kubectl taint n", ["no", "node", "nodes"]],
    ["kubectl get pods -n kube-", ["kube-system"]],
    ["ssh node", ["node01", "node02"]],
    ["kubectl get pods -o y", ["yaml"]],
    ["kubectl get cront", ["crontabs"]],
  ])("%s → %j", (line, expected) => {
    expect(complete(line, source).candidates).toEqual(expected);
  });
});

function editor(run: (text: string) => string = (t) => `ran ${t}\n`) {
  let screen = "";
  const ran: string[] = [];
  const e = new LineEditor({
    screen: { write: (d) => (screen += d), cols: () => 80, clear: () => (screen = "") },
    prompt: () => "root@controlplane:~# ",
    run: async (t) => {
      ran.push(t);
      return run(t);
    },
    complete: (before) => complete(before, source),
  });
  e.start();
  return { e, ran, screen: () => screen };
}

describe("line editor", () => {
  it("edits, runs, recalls history with Up", async () => {
    const { e, ran } = editor();
    e.feed("kubectl get nod\x7fdes\x1b[D\x1b[D\x7f\x1b[F\r");
    await Promise.resolve();
    await new Promise((r) => setTimeout(r));
    expect(ran).toEqual(["kubectl get noes"]);
    e.feed("\x1b[A\r");
    await new Promise((r) => setTimeout(r));
    expect(ran).toEqual(["kubectl get noes", "kubectl get noes"]);
    expect(e.getHistory()).toEqual(["kubectl get noes"]);
  });

  it("runs a pasted heredoc as one command, then the next line", async () => {
    const { e, ran } = editor();
    e.feed("kubectl apply -f - <<EOF\rkind: Pod\rEOF\rkubectl get pods\r");
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual(["kubectl apply -f - <<EOF\nkind: Pod\nEOF", "kubectl get pods"]);
  });

  it("Ctrl+C drops the line and pending heredoc; Tab completes", async () => {
    const { e, ran, screen } = editor();
    e.feed("cat <<EOF\rabc\x03");
    e.feed("kubectl cor\t");
    expect(screen()).toContain("^C");
    e.feed("node0\t2\r");
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual(["kubectl cordon node02"]);
  });
});

describe("a command that streams", () => {
  it("Ctrl+C while it runs goes to the host's interrupt; the lines after it run once it ends", async () => {
    let finish: (out: string) => void = () => {};
    const ran: string[] = [];
    let interrupts = 0;
    const e = new LineEditor({
      screen: { write: () => {}, cols: () => 80, clear: () => {} },
      prompt: () => "root@controlplane:~# ",
      run: (t) => {
        ran.push(t);
        return t === "kubectl logs -f web" ? new Promise((r) => (finish = r)) : Promise.resolve("");
      },
      complete: (before) => complete(before, source),
      interrupt: () => {
        interrupts++;
        finish("");
      },
    });
    e.start();
    e.feed("kubectl logs -f web\r");
    e.feed("typed while streaming\x03");
    expect(interrupts).toBe(1);
    e.feed("kubectl get pods\r");
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual(["kubectl logs -f web", "kubectl get pods"]);
  });
});

describe("a compound command typed over several lines", () => {
  it("waits for done, then runs the whole loop", async () => {
    const { e, ran } = editor();
    e.feed("for i in 1 2; do\r  echo $i\r");
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([]);
    e.feed("done\r");
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual(["for i in 1 2; do\n  echo $i\ndone"]);
  });
});
