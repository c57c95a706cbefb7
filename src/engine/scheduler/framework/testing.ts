/** Helpers for plugin test tables: nodes, pods, node infos and a handle over them. */
import type { Node, Pod } from "../../api/kinds";
import { Cluster } from "../../cluster";
import { CycleState } from "./cycle-state";
import type {
  AntiAffinityGroup,
  Handle,
  NodeInfoLister,
  NodeScore,
  PreFilterPlugin,
  ScorePlugin,
} from "./interface";
import { isSuccess, type MaybeStatus } from "./status";
import { NodeInfo, newPodInfo, normalizedImageName, type PodInfo } from "./types";

/** A Node from parts (metadata.name, labels, taints, allocatable). */
export function makeNode(
  name: string,
  opts: {
    labels?: Record<string, string>;
    taints?: unknown[];
    allocatable?: Record<string, string>;
    images?: unknown[];
    unschedulable?: boolean;
  } = {},
): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: opts.labels ?? {} },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: {
      allocatable: opts.allocatable ?? { cpu: "4", memory: "8Gi", pods: "110" },
      images: opts.images as never,
    },
  } as Node;
}

/** A Pod from a spec fragment. */
export function makePod(
  name: string,
  spec: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: name, ...meta },
    spec: { containers: [], ...spec },
  } as Pod;
}

/** A pod requesting cpu/memory (as upstream's newResourcePod). */
export function resourcePod(name: string, ...containers: Record<string, string>[]): Pod {
  return makePod(name, {
    containers: containers.map((r, i) => ({ name: `c${i}`, image: "x", resources: { requests: r } })),
  });
}

/** A NodeInfo holding pods. */
export function makeNodeInfo(node: Node | undefined, ...pods: Pod[]): NodeInfo {
  const ni = new NodeInfo(node?.metadata.name ?? "", node);
  for (const p of pods) ni.addPod(newPodInfo({ ...p, spec: { ...p.spec, nodeName: ni.name } } as Pod));
  return ni;
}

/** A snapshot over node infos. */
export function makeLister(infos: NodeInfo[]): NodeInfoLister {
  const byName = new Map(infos.map((n) => [n.name, n]));
  return {
    list: () => infos,
    get: (n) => byName.get(n),
    havePodsWithRequiredAntiAffinity: () => infos.filter((n) => n.podsWithRequiredAntiAffinity.size > 0),
    havePodsWithAffinity: () => infos.filter((n) => n.podsWithScoringAffinity.size > 0),
    imageNodeCount: (img) => infos.filter((n) => n.imageSizes.has(normalizedImageName(img))).length,
    nodesWithPodLabel: (ns, key, value) => {
      const out = new Map<NodeInfo, number>();
      for (const ni of infos) {
        const n = ni.podsWithLabel(ns, key, value)?.size ?? 0;
        if (n > 0) out.set(ni, n);
      }
      return out;
    },
    topologyDomains: (keys) => {
      const out = keys.map(() => new Map<string, number>());
      for (const ni of infos) {
        const labels = ni.labels();
        if (!keys.every((k) => k in labels)) continue;
        keys.forEach((k, i) => {
          const m = out[i] as Map<string, number>;
          m.set(labels[k] as string, (m.get(labels[k] as string) ?? 0) + 1);
        });
      }
      return out;
    },
    spreadCounts: (ns, selector, topologyKey, required, includeTerminating) => {
      const out = new Map<string | undefined, number>();
      for (const ni of infos) {
        const labels = ni.labels();
        if (!ni.node || !required.every((k) => k in labels)) continue;
        const v = labels[topologyKey];
        out.set(v, (out.get(v) ?? 0) + ni.countMatching(ns, selector, includeTerminating));
      }
      return out;
    },
    antiAffinityGroups: () => {
      const out: AntiAffinityGroup[] = [];
      for (const ni of infos)
        for (const p of ni.podsWithRequiredAntiAffinity)
          for (const term of p.requiredAntiAffinityTerms) {
            const v = ni.labels()[term.topologyKey];
            if (v !== undefined) out.push({ term, counts: new Map([[v, 1]]) });
          }
      return out;
    },
  };
}

/** A handle over node infos, with namespace labels. */
export function makeHandle(infos: NodeInfo[], nsLabels: Record<string, Record<string, string>> = {}): Handle {
  const cluster = new Cluster();
  return {
    cluster,
    schedulerName: "default-scheduler",
    snapshot: makeLister(infos),
    namespaceLabels: (ns) => nsLabels[ns],
    nominatedPodsForNode: () => [],
    runFilterPlugins: () => undefined,
    runPreFilterExtensionAddPod: () => undefined,
    runPreFilterExtensionRemovePod: () => undefined,
    event: () => {},
  };
}

/** Runs PreFilter then returns a CycleState (and the PreFilter status). */
export function preFiltered(
  pl: PreFilterPlugin,
  p: PodInfo,
  infos: NodeInfo[],
): { state: CycleState; status: MaybeStatus } {
  const state = new CycleState();
  const { status } = pl.preFilter(state, p, infos);
  if (status && !isSuccess(status)) state.skipFilterPlugins.add(pl.name);
  return { state, status };
}

/** Scores then normalizes every node, as the framework does. */
export function scoreAll(pl: ScorePlugin, state: CycleState, p: PodInfo, infos: NodeInfo[]): NodeScore[] {
  const list = infos.map((n) => ({ name: n.name, score: pl.score(state, p, n) as number }));
  pl.normalizeScore?.(state, p, list);
  return list;
}
