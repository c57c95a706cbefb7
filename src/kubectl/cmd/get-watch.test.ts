/**
 * `kubectl get --watch` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go watch(); expected texts
 * from get_test.go TestWatchResourceWatchEvents and TestWatchOnly*; cli-runtime
 * printers/tableprinter.go; liggitt/tabwriter RememberWidths): the list, then a row per change as
 * the clock moves, at a terminal that streams until Ctrl+C.
 */
import { describe, expect, test } from "vitest";
import { bootScenario, homeNodeOf } from "../../engine/boot";
import { Shell } from "../../shell";
import { TABLE_TABWRITER, tabwrite } from "../printers/tabwriter";
import { filteredEvent, SINGLE_RESOURCE_TYPE } from "./get-watch";

/** A terminal that streams (the app's), a second shell for the other window, and a script's shell. */
function terminals() {
  const cluster = bootScenario("cka");
  if (!cluster) throw new Error("no cka scenario");
  const home = homeNodeOf(cluster);
  return {
    cluster,
    term: new Shell(cluster, { follow: true, home }),
    other: new Shell(cluster, { home }),
  };
}

/** Two labelled ConfigMaps in namespace test: objects nothing else changes. */
function withConfigMaps(other: Shell): void {
  other.run("kubectl create namespace test");
  for (const name of ["bar", "foo"]) {
    other.run(`kubectl -n test create configmap ${name}`);
    other.run(`kubectl -n test label configmap ${name} app=w`);
  }
}

describe("at a terminal that streams", () => {
  test("a pod created in another window arrives row by row as it starts; its deletion too", () => {
    const { cluster, term, other } = terminals();
    expect(term.run("kubectl get pods -w")).toEqual({ stdout: "", stderr: "", exit: 0 });
    expect(term.following()).toBe(true);
    other.run("kubectl run web --image=nginx");
    cluster.advance(5);
    // The header once, before the first row; the widths of earlier rows are kept (RememberWidths).
    expect(term.readFollow()).toEqual({
      text:
        "NAME   READY   STATUS    RESTARTS   AGE\n" +
        "web    0/1     Pending   0          0s\n" +
        "web    0/1     Pending   0          0s\n" +
        "web    0/1     ContainerCreating   0          0s\n" +
        "web    1/1     Running             0          1s\n",
      ended: false,
    });
    other.run("kubectl delete pod web --wait=false");
    cluster.advance(40);
    const rows = term.readFollow().text.split("\n").filter(Boolean);
    expect(rows[0]).toBe("web    1/1     Terminating         0          5s");
    expect(rows.length).toBeGreaterThan(1);
    expect(cluster.api.get("Pod", "default", "web")).toBeUndefined();
    // Ctrl+C: the prompt is back, $? is 130, and changes no longer print.
    term.interrupt();
    expect(term.following()).toBe(false);
    expect(term.run("echo $?").stdout).toBe("130\n");
    other.run("kubectl run again --image=nginx");
    cluster.advance(5);
    expect(term.readFollow()).toEqual({ text: "", ended: true });
  });

  test("the existing list first, then the changes only", () => {
    const { cluster, term, other } = terminals();
    other.run("kubectl run web --image=nginx");
    cluster.advance(5);
    const first = term.run("kubectl get pods -w -o wide");
    expect(first.stdout).toMatch(
      /^NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE {3}IP .*\nweb {4}1\/1 {5}Running {3}0 {10}5s /,
    );
    expect(first.stdout.split("\n")).toHaveLength(3);
    cluster.advance(30);
    expect(term.readFollow().text).toBe("");
    other.run("kubectl label pod web tier=front");
    expect(term.readFollow().text).toMatch(
      /^web {4}1\/1 {5}Running {3}0 {10}35s {3}10\.244\.\d+\.\d+ {3}node0\d/,
    );
    term.interrupt();
  });

  test("--request-timeout ends the watch after that much virtual time, silently, with status 0", () => {
    const { cluster, term, other } = terminals();
    expect(term.run("kubectl get pods -w --request-timeout=5s").stdout).toBe("");
    other.run("kubectl run web --image=nginx");
    cluster.advance(4);
    const before = term.readFollow();
    expect(before.ended).toBe(false);
    expect(before.text).toContain("web    1/1     Running");
    cluster.advance(1);
    expect(term.readFollow()).toEqual({ text: "", ended: true });
    expect(term.following()).toBe(false);
    expect(term.run("echo $?").stdout).toBe("0\n");
  });

  test("--watch-only prints no list: the header comes with the first change", () => {
    const { cluster, term, other } = terminals();
    withConfigMaps(other);
    expect(term.run("kubectl -n test get cm -l app=w --watch-only").stdout).toBe("");
    other.run("kubectl -n test label configmap foo x=y");
    cluster.advance(1);
    expect(term.readFollow().text).toBe("NAME   DATA   AGE\nfoo    0      0s\n");
    term.interrupt();
  });

  test("a pipe streams too: `kubectl get pods -w | grep Running`", () => {
    const { cluster, term, other } = terminals();
    term.run("kubectl get pods -w | grep Running");
    expect(term.following()).toBe(true);
    other.run("kubectl run web --image=nginx");
    let text = "";
    for (let i = 0; i < 5; i++) {
      cluster.advance(1);
      text += term.readFollow().text;
    }
    expect(text).toBe("web    1/1     Running             0          1s\n");
    term.interrupt();
    expect(term.following()).toBe(false);
  });
});

// get_test.go TestWatchResourceWatchEvents, its rows made by a real cluster: bar and foo listed
// (ADDED), foo changed (MODIFIED) and deleted (DELETED), with -A --show-kind --output-watch-events.
describe("--output-watch-events (TestWatchResourceWatchEvents)", () => {
  function run(format: string): string {
    const { cluster, term, other } = terminals();
    withConfigMaps(other);
    let text = term.run(
      `kubectl get configmaps -l app=w -A --show-kind --output-watch-events -w${format ? ` -o '${format}'` : ""}`,
    ).stdout;
    other.run("kubectl -n test label configmap foo x=y");
    other.run("kubectl -n test delete configmap foo");
    cluster.advance(1);
    text += term.readFollow().text;
    term.interrupt();
    return text;
  }

  test("table", () => {
    expect(run("")).toBe(
      "EVENT      NAMESPACE   NAME            DATA   AGE\n" +
        "ADDED      test        configmap/bar   0      0s\n" +
        "ADDED      test        configmap/foo   0      0s\n" +
        "MODIFIED   test        configmap/foo   0      0s\n" +
        "DELETED    test        configmap/foo   0      0s\n",
    );
  });

  test("jsonpath and go-template read the event", () => {
    const expected = "ADDED,bar\nADDED,foo\nMODIFIED,foo\nDELETED,foo\n";
    expect(run(`jsonpath={.type},{.object.metadata.name}{"\\n"}`)).toBe(expected);
    expect(run(`go-template={{.type}},{{.object.metadata.name}}{{"\\n"}}`)).toBe(expected);
  });

  test("custom-columns: the header once, widths remembered (MODIFIED widens TYPE for good)", () => {
    expect(run("custom-columns=TYPE:.type,NAME:.object.metadata.name")).toBe(
      "TYPE    NAME\nADDED   bar\nADDED   foo\nMODIFIED   foo\nDELETED    foo\n",
    );
  });

  test("name", () => {
    expect(run("name")).toBe("configmap/bar\nconfigmap/foo\nconfigmap/foo\nconfigmap/foo\n");
  });

  test("yaml: each event an object and a type, separated by ---", () => {
    const docs = run("yaml").split(/^---\n/m);
    expect(docs).toHaveLength(4);
    expect(docs.map((d) => /\ntype: (\w+)\n$/.exec(d)?.[1])).toEqual([
      "ADDED",
      "ADDED",
      "MODIFIED",
      "DELETED",
    ]);
    expect(docs[0]).toMatch(/^object:\n {2}apiVersion: v1\n {2}kind: ConfigMap\n/);
  });

  test("json: one event per line", () => {
    const lines = run("json").split("\n").filter(Boolean);
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(["ADDED", "ADDED", "MODIFIED", "DELETED"]);
    expect(lines[0]).toMatch(/^\{"type":"ADDED","object":\{"apiVersion":"v1","kind":"ConfigMap",/);
  });
});

describe("without a terminal that streams", () => {
  test("a script's line prints the list and returns, as kubectl logs -f does", () => {
    const { cluster } = terminals();
    const script = new Shell(cluster, { home: homeNodeOf(cluster) });
    script.run("kubectl run web --image=nginx");
    const r = script.run("kubectl get pods -w");
    expect(r.stdout).toMatch(/^NAME .*\nweb /);
    expect(script.following()).toBe(false);
  });

  test("with --request-timeout a script's line runs to its end, printing the changes", () => {
    const { cluster } = terminals();
    const script = new Shell(cluster, { home: homeNodeOf(cluster) });
    const start = cluster.clock.now();
    const r = script.run(
      "kubectl get pods -w --request-timeout=10s & sleep 1; kubectl run web --image=nginx; wait",
    );
    expect(cluster.clock.now() - start).toBeGreaterThanOrEqual(10_000);
    expect(r.stdout).toContain("web    0/1     Pending   0          0s\n");
    expect(r.stdout).toContain("web    1/1     Running             0          ");
  });

  test("-o yaml separates the listed objects with ---", () => {
    const { cluster } = terminals();
    const script = new Shell(cluster, { home: homeNodeOf(cluster) });
    script.run("kubectl create configmap a");
    const docs = script.run("kubectl get cm -w -o yaml").stdout.split(/^---\n/m);
    expect(docs.map((d) => /\n {2}name: (\S+)\n/.exec(d)?.[1])).toEqual(["a", "kube-root-ca.crt"]);
  });
});

describe("what a watch refuses", () => {
  test.each([
    ["get deploy,rs -w", `error: ${SINGLE_RESOURCE_TYPE}\n`],
    ["get all -w", `error: ${SINGLE_RESOURCE_TYPE}\n`],
    [
      "get pods --output-watch-events",
      "error: --output-watch-events option can only be used with --watch or --watch-only\nSee 'kubectl get -h' for help and examples\n",
    ],
    ["get pod nope -w", 'Error from server (NotFound): pods "nope" not found\n'],
    [
      "get pods -w --request-timeout=soon",
      "error: invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n",
    ],
  ])("kubectl %s", (line, stderr) => {
    const { term } = terminals();
    expect(term.run(`kubectl ${line}`)).toEqual({ stdout: "", stderr, exit: 1 });
    expect(term.following()).toBe(false);
  });
});

describe("filteredEvent (the watch cache's convertToWatchEvent)", () => {
  const cm = (labels: Record<string, string>) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "a", namespace: "default", labels },
  });
  const filter = {
    kind: "ConfigMap",
    namespace: "default",
    labels: [{ key: "app", op: "=" as const, values: ["w"] }],
  };

  test("an object that stops matching is DELETED with its old content; one that starts, ADDED", () => {
    const inScope = cm({ app: "w" });
    const out = cm({ app: "x" });
    expect(filteredEvent(filter as never, { type: "MODIFIED", object: out, old: inScope })).toEqual({
      type: "DELETED",
      object: inScope,
    });
    expect(filteredEvent(filter as never, { type: "MODIFIED", object: inScope, old: out })).toEqual({
      type: "ADDED",
      object: inScope,
    });
    expect(filteredEvent(filter as never, { type: "MODIFIED", object: out, old: out })).toBeUndefined();
  });
});

test("tabwrite with remembered widths: a later flush is at least as wide (liggitt/tabwriter)", () => {
  const remembered: number[] = [];
  const first = tabwrite("TYPE\tNAME\nADDED\tbar\nADDED\tfoo\n", TABLE_TABWRITER, remembered);
  expect(first).toBe("TYPE    NAME\nADDED   bar\nADDED   foo\n");
  expect(tabwrite("MODIFIED\tfoo\n", TABLE_TABWRITER, remembered)).toBe("MODIFIED   foo\n");
  expect(tabwrite("DELETED\tfoo\n", TABLE_TABWRITER, remembered)).toBe("DELETED    foo\n");
  // Without remembering, each flush stands alone.
  expect(tabwrite("DELETED\tfoo\n", TABLE_TABWRITER)).toBe("DELETED   foo\n");
});
