/** ImageLocality: prefers nodes that already have the pod's images, weighted by their spread. */
import type { CycleState } from "../../framework/cycle-state";
import type { Handle, ScorePlugin } from "../../framework/interface";
import type { MaybeStatus } from "../../framework/status";
import { MAX_NODE_SCORE, type NodeInfo, normalizedImageName, type PodInfo } from "../../framework/types";
import { ImageLocality as NAME } from "../names";

const mb = 1024 * 1024;
/** Below this the score is 0. */
export const minThreshold = 23 * mb;
/** Per container, above this the score is max. */
export const maxContainerThreshold = 1000 * mb;

/** Maps the summed image score of numContainers onto [0, MaxNodeScore]. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  let s = sumScores;
  if (s < minThreshold) s = minThreshold;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - minThreshold)) / (maxThreshold - minThreshold));
}

/** Scores by present image sizes (imagelocality/image_locality.go). */
export class ImageLocalityPlugin implements ScorePlugin {
  readonly name = NAME;
  constructor(private readonly handle: Handle) {}
  private lastPod: PodInfo | undefined;
  private images: string[] = [];

  /** score() over nodes[0..n) in one loop (see ScorePlugin.scoreNodes). */
  scoreNodes(
    state: CycleState,
    p: PodInfo,
    nodes: readonly NodeInfo[],
    n: number,
    out: number[],
  ): MaybeStatus {
    for (let i = 0; i < n; i++) out[i] = this.score(state, p, nodes[i] as NodeInfo);
    return undefined;
  }

  /** The pod's images, normalized (init containers first), computed once per pod. */
  private imagesOf(p: PodInfo): string[] {
    if (this.lastPod !== p) {
      this.lastPod = p;
      this.images = [...(p.pod.spec?.initContainers ?? []), ...(p.pod.spec?.containers ?? [])].map((c) =>
        normalizedImageName(c.image ?? ""),
      );
    }
    return this.images;
  }

  /** No node has any of the pod's images: every node gets the lowest score. */
  scoreEveryNode(_s: CycleState, p: PodInfo): number | undefined {
    const images = this.imagesOf(p);
    for (const name of images) if (this.handle.snapshot.imageNodeCount(name) > 0) return undefined;
    return calculatePriority(0, images.length);
  }

  score(_s: CycleState, p: PodInfo, nodeInfo: NodeInfo) {
    this.imagesOf(p);
    let sum = 0;
    if (nodeInfo.numImages > 0) {
      const total = this.handle.snapshot.list().length;
      for (const name of this.images) {
        const size = nodeInfo.imageSizes.get(name);
        if (size === undefined) continue;
        const spread = this.handle.snapshot.imageNodeCount(name) / total;
        sum += Math.trunc(size * spread);
      }
    }
    return calculatePriority(sum, this.images.length);
  }
}
