/** Pod builders for the InterPodAffinity tables (a small st.MakePod for affinity terms). */
import type { Node, Pod } from "../../../api/kinds";

/** A pod affinity term selecting key op values within topologyKey. */
export interface Term {
  labelSelector?: { matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  topologyKey: string;
  namespaces?: string[];
  namespaceSelector?: unknown;
}

/** A term with one requirement (PodAffinityIn / NotIn / Exists). */
export const term = (key: string, operator: string, topologyKey: string, values?: string[]): Term => ({
  labelSelector: { matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] },
  topologyKey,
});
export const inTerm = (key: string, topologyKey: string, values: string[]) =>
  term(key, "In", topologyKey, values);
export const notInTerm = (key: string, topologyKey: string, values: string[]) =>
  term(key, "NotIn", topologyKey, values);
export const existsTerm = (key: string, topologyKey: string) => term(key, "Exists", topologyKey);

let seq = 0;

/** A pod (namespace "" unless given, as upstream's st.MakePod). */
export function pod(o: {
  name?: string;
  ns?: string;
  labels?: Record<string, string>;
  node?: string;
  affinity?: Record<string, unknown>;
  aff?: Term[];
  anti?: Term[];
}): Pod {
  seq++;
  const affinity: Record<string, unknown> = { ...(o.affinity ?? {}) };
  if (o.aff) affinity.podAffinity = { requiredDuringSchedulingIgnoredDuringExecution: o.aff };
  if (o.anti) affinity.podAntiAffinity = { requiredDuringSchedulingIgnoredDuringExecution: o.anti };
  const name = o.name ?? `pod-${seq}`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: o.ns ?? "", uid: `${name}-${seq}`, labels: o.labels ?? {} },
    spec: {
      containers: [],
      ...(o.node ? { nodeName: o.node } : {}),
      ...(Object.keys(affinity).length ? { affinity } : {}),
    },
  } as Pod;
}

/** A node with labels only. */
export function node(name: string, labels: Record<string, string> = {}): Node {
  return { apiVersion: "v1", kind: "Node", metadata: { name, labels }, spec: {}, status: {} } as Node;
}

/** The namespaces of upstream's tests and their labels. */
export const NAMESPACES: Record<string, Record<string, string>> = {
  "subteam1.team1": { team: "team1" },
  "subteam2.team1": { team: "team1" },
  "subteam1.team2": { team: "team2" },
  "subteam2.team2": { team: "team2" },
};
