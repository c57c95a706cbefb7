/**
 * A headless cluster for tests, driven as a person drives the real one: apply YAML, type kubectl
 * and shell lines, let time pass, then look at objects.
 *
 * @example
 * const t = new TestCluster();
 * t.apply("kind: Node\nmetadata: {name: n1}");
 * t.sh("kubectl run p --image=nginx");
 * t.advance(10);
 * expect(t.pod("default/p")?.spec.nodeName).toBe("n1");
 */
import { createCluster } from "../engine";
import type { Pod } from "../engine/api/kinds";
import type { KubeObject } from "../engine/api/types";
import type { Cluster, ClusterOptions } from "../engine/cluster";
import type { CommandResult } from "../kubectl/interface";
import { Shell } from "../shell";

/** A cluster plus a shell session on it. */
export class TestCluster {
  readonly cluster: Cluster;
  readonly shell: Shell;

  constructor(options: ClusterOptions & { setup?: (cluster: Cluster) => void; home?: string } = {}) {
    this.cluster = createCluster(options);
    options.setup?.(this.cluster);
    this.cluster.settle();
    this.shell = new Shell(this.cluster, { home: options.home });
  }

  /** Runs one shell line (with heredoc body if any); returns what it printed. */
  sh(line: string): CommandResult {
    return this.shell.run(line);
  }

  /** `kubectl ARGS`. */
  kubectl(args: string): CommandResult {
    return this.shell.run(`kubectl ${args}`);
  }

  /** `kubectl apply -f -` with the given YAML; throws when kubectl fails. */
  apply(yaml: string): string {
    const r = this.shell.run(`kubectl apply -f - <<'EOF'\n${yaml.replace(/\n$/, "")}\nEOF`);
    if (r.exit !== 0) throw new Error(`apply failed: ${r.stderr}`);
    return r.stdout;
  }

  /** Lets simulated time pass. */
  advance(seconds: number): void {
    this.cluster.advance(seconds);
  }

  /** A pod by "namespace/name". */
  pod(key: string): Pod | undefined {
    const [ns, name] = key.split("/");
    return this.cluster.api.get("Pod", ns, name as string) as Pod | undefined;
  }

  /** Objects of a kind, optionally in one namespace. */
  list(kind: string, namespace?: string): KubeObject[] {
    return this.cluster.api.list(kind, namespace ? { namespace } : {});
  }

  /** Messages of the events about an object. */
  eventsFor(kind: string, namespace: string, name: string): string[] {
    return this.cluster.api
      .list("Event")
      .filter(
        (e) =>
          e.involvedObject?.kind === kind &&
          e.involvedObject?.name === name &&
          (e.involvedObject?.namespace ?? e.metadata.namespace) === namespace,
      )
      .map((e) => e.message as string);
  }
}
