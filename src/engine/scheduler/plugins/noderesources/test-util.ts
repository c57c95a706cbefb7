/**
 * Builders for the noderesources test tables, shaped like upstream's st.MakePod().Req(...),
 * st.MakeNode().Capacity(...) and makeNode (noderesources/test_util.go).
 */
import type { Node, Pod } from "../../../api/kinds";
import { CycleState } from "../../framework/cycle-state";
import type { PreScorePlugin, ScorePlugin } from "../../framework/interface";
import type { Status } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";

let seq = 0;

/** A uniquely named pod (upstream's tables leave names empty; the NodeInfo keys pods by name). */
export function pod(spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Pod {
  seq++;
  return makePod(`pod-${seq}`, spec, meta);
}

/** st.MakePod().Node(node).Req(r1).Req(r2)...: one container per request list. */
export function reqPod(node: string | undefined, ...reqs: Record<string, string>[]): Pod {
  return pod({
    ...(node ? { nodeName: node } : {}),
    containers: reqs.map((r, i) => ({ name: `c${i}`, image: "pause", resources: { requests: r } })),
  });
}

/** Adds a sidecar (restartPolicy: Always init container) requesting r (st's SidecarReq). */
export function withSidecar(p: Pod, r: Record<string, string>): Pod {
  const spec = p.spec as Record<string, unknown>;
  const init = (spec.initContainers as unknown[] | undefined) ?? [];
  spec.initContainers = [
    ...init,
    { name: `sidecar${init.length}`, image: "pause", restartPolicy: "Always", resources: { requests: r } },
  ];
  return p;
}

/** st.MakeNode().Name(name).Capacity(allocatable): only the resources given. */
export function capNode(name: string, allocatable: Record<string, string> = {}): Node {
  return makeNode(name, { allocatable });
}

/** makeNode(node, milliCPU, memory, extendedResource) of the upstream tests. */
export function resNode(
  name: string,
  milliCPU: number,
  memory: number,
  extended: Record<string, number> = {},
): Node {
  const allocatable: Record<string, string> = { cpu: `${milliCPU}m`, memory: String(memory) };
  for (const [k, v] of Object.entries(extended)) allocatable[k] = String(v);
  return capNode(name, allocatable);
}

/**
 * Scores the pod on every node, as the upstream tables do: a snapshot of nodes and existing pods
 * (each on its spec.nodeName), PreScore once if asked, then Score per node (no normalization).
 */
export function scoreNodes(
  pl: ScorePlugin & Partial<PreScorePlugin>,
  p: Pod,
  nodes: Node[],
  existing: Pod[] = [],
  runPreScore = true,
): (number | Status)[] {
  const infos = nodes.map((n) =>
    makeNodeInfo(n, ...existing.filter((e) => e.spec?.nodeName === n.metadata.name)),
  );
  const state = new CycleState();
  const pi = newPodInfo(p);
  if (runPreScore) pl.preScore?.(state, pi, infos);
  return infos.map((ni) => pl.score(state, pi, ni));
}
