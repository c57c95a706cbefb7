// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go.
import { describe, expect, it } from "vitest";
import { CycleState } from "../../framework/cycle-state";
import { makeHandle, makeNode, makeNodeInfo, makePod, scoreAll } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { ImageLocalityPlugin } from "./image-locality";

const mb = 1024 * 1024;
const node403002000 = makeNode("node1", {
  images: [
    { names: ["gcr.io/40:latest", "gcr.io/40:v1"], sizeBytes: 40 * mb },
    { names: ["gcr.io/300:latest", "gcr.io/300:v1"], sizeBytes: 300 * mb },
    { names: ["gcr.io/2000:latest"], sizeBytes: 2000 * mb },
  ],
});
const node25010 = makeNode("node2", {
  images: [
    { names: ["gcr.io/250:latest"], sizeBytes: 250 * mb },
    { names: ["gcr.io/10:latest", "gcr.io/10:v1"], sizeBytes: 10 * mb },
  ],
});
const containers = (...images: string[]) => ({
  containers: images.map((image, i) => ({ name: `c${i}`, image })),
});

function run(spec: Record<string, unknown>, nodes = [node403002000, node25010]): number[] {
  const infos = nodes.map((n) => makeNodeInfo(n));
  const pl = new ImageLocalityPlugin(makeHandle(infos));
  return scoreAll(pl, new CycleState(), newPodInfo(makePod("p", spec)), infos).map((s) => s.score);
}

describe("ImageLocality Score", () => {
  it("two images spread on two nodes, prefer the larger image one", () => {
    // node1: 40 MB * 1/2 = 20 MB < 23 MB → 0; node2: 250 * 1/2 = 125 → 100*(125-23)/(2000-23) = 5
    expect(run(containers("gcr.io/40", "gcr.io/250"))).toEqual([0, 5]);
  });
  it("two images on one node, prefer this node", () => {
    // node1: (40+300)/2 = 170 → 100*(170-23)/(2000-23) = 7
    expect(run(containers("gcr.io/40", "gcr.io/300"))).toEqual([7, 0]);
  });
  it("if exceed limit, use limit", () => {
    // node1: 2000/2 = 1000 → 100*(1000-23)/(3000-23) = 32; node2: 10/2 → 0
    expect(run(containers("gcr.io/2000", "gcr.io/10", "gcr.io/10:v1"))).toEqual([32, 0]);
  });
  it("if exceed limit, use limit (with init containers)", () => {
    expect(
      run({
        initContainers: [{ name: "i", image: "gcr.io/2000" }],
        ...containers("gcr.io/10"),
      }),
    ).toEqual([49, 0]); // 1000 MB of 2 containers: 100*(1000-23)/(2000-23)
  });
});
