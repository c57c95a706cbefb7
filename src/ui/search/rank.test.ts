import { describe, expect, it } from "vitest";
import { matchName, parseQuery, rankItems, SCORE, type SearchItem } from "./rank";

function item(kind: string, name: string, namespace = "default"): SearchItem {
  const ns = kind === "Node" ? "" : namespace;
  return { kind, name, namespace: ns, key: ns ? `${ns}/${name}` : name };
}

const names = (hits: { item: SearchItem }[]) => hits.map((h) => `${h.item.kind}/${h.item.name}`);

describe("matchName", () => {
  it.each([
    // query, name, class, ranges
    ["web", "web", "exact", [[0, 3]]],
    ["web", "web-7f9c-x2", "prefix", [[0, 3]]],
    ["7f9c", "web-7f9c-x2", "wordStart", [[4, 8]]],
    ["x2", "web-7f9c-x2", "wordStart", [[9, 11]]],
    ["eb", "web-7f9c-x2", "substring", [[1, 3]]],
    [
      "wx2",
      "web-7f9c-x2",
      "subsequence",
      [
        [0, 1],
        [9, 11],
      ],
    ],
  ] as const)("%s in %s is a %s match", (q, name, cls, ranges) => {
    const m = matchName(q, name);
    expect(m).toBeDefined();
    const floor = SCORE[cls];
    const ceiling = cls === "exact" ? floor : floor + 999;
    expect(m?.score).toBeGreaterThanOrEqual(cls === "exact" ? floor : floor - 999);
    expect(m?.score).toBeLessThanOrEqual(ceiling);
    expect(m?.ranges).toEqual(ranges);
  });

  it("is case-insensitive on the name (the query comes lower-cased)", () => {
    expect(matchName("coredns", "CoreDNS-abc")?.ranges).toEqual([[0, 7]]);
  });

  it("does not match when a character is missing, nor on an empty query", () => {
    expect(matchName("wz", "web")).toBeUndefined();
    expect(matchName("", "web")).toBeUndefined();
  });

  it("orders the classes: exact > prefix > word start > substring > subsequence", () => {
    const score = (q: string, n: string) => matchName(q, n)?.score ?? -1;
    const exact = score("node-1", "node-1");
    const prefix = score("node-1", "node-10");
    const word = score("node-1", "pool-a.node-1x");
    const sub = score("ode-1", "node-1");
    const loose = score("nd1", "node-1");
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(word);
    expect(word).toBeGreaterThan(sub);
    expect(sub).toBeGreaterThan(loose);
    expect(loose).toBeGreaterThan(0);
  });

  it("prefers the shorter name and the earlier, tighter match within a class", () => {
    expect(matchName("web", "web-1")?.score).toBeGreaterThan(matchName("web", "web-canary-1")?.score ?? 0);
    expect(matchName("db", "a-db")?.score).toBeGreaterThan(matchName("db", "aaaa-db")?.score ?? 0);
    expect(matchName("wb", "wb-x")?.score).toBeGreaterThan(matchName("wb", "w-long-b")?.score ?? 0);
  });
});

describe("parseQuery", () => {
  it("reads kubectl kinds and short names as a kind scope", () => {
    expect(parseQuery("deploy/web")).toEqual({ kind: "Deployment", text: "web" });
    expect(parseQuery(" PO/Web ")).toEqual({ kind: "Pod", text: "web" });
    expect(parseQuery("no/")).toEqual({ kind: "Node", text: "" });
    expect(parseQuery("svc/x")).toEqual({ kind: "Service", text: "x" });
  });

  it("reads anything else before a slash as a namespace", () => {
    expect(parseQuery("kube-system/core")).toEqual({ namespace: "kube-system", text: "core" });
  });

  it("keeps a plain query whole", () => {
    expect(parseQuery("  Web-1 ")).toEqual({ text: "web-1" });
  });
});

describe("rankItems", () => {
  const items = [
    item("Node", "node-10"),
    item("Node", "node-2"),
    item("Node", "node-1"),
    item("Pod", "web-7f9c-abcde"),
    item("Pod", "web-7f9c-fghij"),
    item("Pod", "coredns-55cb-x1", "kube-system"),
    item("Pod", "kube-proxy-node-1", "kube-system"),
    item("Deployment", "web"),
    item("ReplicaSet", "web-7f9c"),
    item("Service", "web"),
    item("DaemonSet", "kube-proxy", "kube-system"),
  ];

  it("puts the exact name first, kinds in a fixed order for equal scores", () => {
    expect(names(rankItems("web", items).hits)).toEqual([
      "Deployment/web",
      "Service/web",
      "ReplicaSet/web-7f9c",
      "Pod/web-7f9c-abcde",
      "Pod/web-7f9c-fghij",
    ]);
  });

  it("orders equal matches naturally (node-2 before node-10)", () => {
    expect(names(rankItems("node-", items).hits).slice(0, 3)).toEqual([
      "Node/node-1",
      "Node/node-2",
      "Node/node-10",
    ]);
  });

  it("finds by a word inside the name, above mere substrings", () => {
    expect(names(rankItems("node-1", items).hits)).toEqual([
      "Node/node-1",
      "Node/node-10",
      "Pod/kube-proxy-node-1",
    ]);
  });

  it("narrows by kind or namespace; a bare scope lists its objects", () => {
    expect(names(rankItems("po/web", items).hits)).toEqual(["Pod/web-7f9c-abcde", "Pod/web-7f9c-fghij"]);
    expect(names(rankItems("kube-system/", items).hits)).toEqual([
      "Pod/coredns-55cb-x1",
      "Pod/kube-proxy-node-1",
      "DaemonSet/kube-proxy",
    ]);
    expect(rankItems("nosuchns/web", items).total).toBe(0);
  });

  it("returns nothing for an empty query, and caps the list but counts every match", () => {
    expect(rankItems("   ", items)).toEqual({ hits: [], total: 0 });
    const many = Array.from({ length: 1200 }, (_, i) => item("Pod", `app-${i}`));
    const r = rankItems("app", many, 50);
    expect(r.total).toBe(1200);
    expect(r.hits).toHaveLength(50);
    expect(r.hits[0]?.item.name).toBe("app-0");
  });

  it("finds a pod among 10,000 by a fragment of its generated suffix", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => item("Pod", `app-${(i * 7919).toString(36)}-${i}`));
    const target = many[9876]?.name ?? "";
    const suffix = target.slice(target.lastIndexOf("-") + 1);
    const r = rankItems(suffix, many, 5);
    expect(r.hits[0]?.item.name).toBe(target);
  });
});
