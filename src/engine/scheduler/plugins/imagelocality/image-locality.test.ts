// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go
// (release-1.32): TestImageLocalityPriority, TestNormalizedImageName.
import { describe, expect, it } from "vitest";
import type { Node } from "../../../api/kinds";
import { CycleState } from "../../framework/cycle-state";
import { makeHandle, makeNode, makeNodeInfo, makePod, scoreAll } from "../../framework/testing";
import { MAX_NODE_SCORE, newPodInfo, normalizedImageName } from "../../framework/types";
import { ImageLocalityPlugin } from "./image-locality";

const mb = 1024 * 1024;
const containers = (...images: string[]) => images.map((image, i) => ({ name: `c${i}`, image }));

const test40250 = { containers: containers("gcr.io/40", "gcr.io/250") };
const test40300 = { containers: containers("gcr.io/40", "gcr.io/300") };
const testMinMax = { containers: containers("gcr.io/10", "gcr.io/4000") };
const test300600900 = { containers: containers("gcr.io/300", "gcr.io/600", "gcr.io/900") };
const test3040 = { containers: containers("gcr.io/30", "gcr.io/40") };
const test30Init300 = {
  containers: containers("gcr.io/30"),
  initContainers: [{ name: "i", image: "gcr.io/300" }],
};

type Images = { names: string[]; sizeBytes: number }[];
const node403002000: Images = [
  { names: ["gcr.io/40:latest", "gcr.io/40:v1", "gcr.io/40:v1"], sizeBytes: 40 * mb },
  { names: ["gcr.io/300:latest", "gcr.io/300:v1"], sizeBytes: 300 * mb },
  { names: ["gcr.io/2000:latest"], sizeBytes: 2000 * mb },
];
const node25010: Images = [
  { names: ["gcr.io/250:latest"], sizeBytes: 250 * mb },
  { names: ["gcr.io/10:latest", "gcr.io/10:v1"], sizeBytes: 10 * mb },
];
const node60040900: Images = [
  { names: ["gcr.io/600:latest"], sizeBytes: 600 * mb },
  { names: ["gcr.io/40:latest"], sizeBytes: 40 * mb },
  { names: ["gcr.io/900:latest"], sizeBytes: 900 * mb },
];
const node300600900: Images = [
  { names: ["gcr.io/300:latest"], sizeBytes: 300 * mb },
  { names: ["gcr.io/600:latest"], sizeBytes: 600 * mb },
  { names: ["gcr.io/900:latest"], sizeBytes: 900 * mb },
];
const node400030: Images = [
  { names: ["gcr.io/4000:latest"], sizeBytes: 4000 * mb },
  { names: ["gcr.io/30:latest"], sizeBytes: 30 * mb },
];
const node203040: Images = [
  { names: ["gcr.io/20:latest"], sizeBytes: 20 * mb },
  { names: ["gcr.io/30:latest"], sizeBytes: 30 * mb },
  { names: ["gcr.io/40:latest"], sizeBytes: 40 * mb },
];
const nodeWithNoImages: Images = [];
const makeImageNode = (name: string, images: Images): Node => makeNode(name, { images });

describe("ImageLocality Score (TestImageLocalityPriority)", () => {
  const cases: { name: string; spec: Record<string, unknown>; nodes: Node[]; want: number[] }[] = [
    {
      // node2: 100 * (250M/2 - 23M)/(1000M * 2 - 23M) = 5
      name: "two images spread on two nodes, prefer the larger image one",
      spec: test40250,
      nodes: [makeImageNode("node1", node403002000), makeImageNode("node2", node25010)],
      want: [0, 5],
    },
    {
      // node1: 100 * ((40M + 300M)/2 - 23M)/(1000M * 2 - 23M) = 7
      name: "two images on one node, prefer this node",
      spec: test40300,
      nodes: [makeImageNode("node1", node403002000), makeImageNode("node2", node25010)],
      want: [7, 0],
    },
    {
      name: "if exceed limit, use limit",
      spec: testMinMax,
      nodes: [makeImageNode("node1", node400030), makeImageNode("node2", node25010)],
      want: [MAX_NODE_SCORE, 0],
    },
    {
      // node1: 100 * (4000M/3 - 23M)/(1000M * 2 - 23M) = 66
      name: "if exceed limit, use limit (with node which has no images present)",
      spec: testMinMax,
      nodes: [
        makeImageNode("node1", node400030),
        makeImageNode("node2", node25010),
        makeImageNode("node3", nodeWithNoImages),
      ],
      want: [66, 0, 0],
    },
    {
      name: "pod with multiple large images, node2 is preferred",
      spec: test300600900,
      nodes: [
        makeImageNode("node1", node60040900),
        makeImageNode("node2", node300600900),
        makeImageNode("node3", nodeWithNoImages),
      ],
      want: [32, 36, 0],
    },
    {
      name: "pod with multiple small images",
      spec: test3040,
      nodes: [makeImageNode("node1", node203040), makeImageNode("node2", node400030)],
      want: [1, 0],
    },
    {
      name: "include InitContainers: two images spread on two nodes, prefer the larger image one",
      spec: test30Init300,
      nodes: [makeImageNode("node1", node403002000), makeImageNode("node2", node203040)],
      want: [6, 0],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const infos = c.nodes.map((n) => makeNodeInfo(n));
      const pl = new ImageLocalityPlugin(makeHandle(infos));
      const got = scoreAll(pl, new CycleState(), newPodInfo(makePod("p", c.spec)), infos);
      expect(got).toEqual(c.nodes.map((n, i) => ({ name: n.metadata.name, score: c.want[i] })));
    });
});

describe("normalizedImageName (TestNormalizedImageName)", () => {
  // getImageFakeDigest("root"): "sha256:" + hex(sha256("root")).
  const digest = "sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2";
  const cases: [string, string, string][] = [
    ["add :latest postfix 1", "root", "root:latest"],
    ["add :latest postfix 2", "gcr.io:5000/root", "gcr.io:5000/root:latest"],
    ["keep it as is 1", "root:tag", "root:tag"],
    ["keep it as is 2", `root@${digest}`, `root@${digest}`],
  ];
  for (const [name, input, output] of cases) it(name, () => expect(normalizedImageName(input)).toBe(output));
});
