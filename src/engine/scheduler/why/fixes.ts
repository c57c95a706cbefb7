/**
 * The fixes a person would make for what keeps a pod off a node: label the node, uncordon it,
 * remove a taint, tolerate it (editing the owner), lower a request. Pure: candidates are built
 * from obstacles, combined so every obstacle on the node is answered, and only the ones a checker
 * (the scheduler's own filters, in why.ts) passes are offered.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm } from "kubernetes-types/core/v1";
import type { Node, Pod, Taint, Toleration } from "../../api/kinds";
import { clone } from "../../api/types";
import { isQuantity, milliValue, quantityValue } from "../../apiserver/quantity";
import { TaintNodeUnschedulable } from "../../nodelifecycle/constants";
import { type Obstacle, resourceAmount, taintString } from "./obstacles";

/** The workload whose pod template made the pod (what `kubectl edit` and `set resources` change). */
export interface FixTarget {
  /** kubectl's resource name: "deployment", "statefulset", "daemonset", "replicaset", "pod". */
  resource: string;
  name: string;
  namespace: string;
}

/** One offered fix: what the button says and the exact command it runs. */
export interface Fix {
  title: string;
  /** The shell line the button runs (commands joined with && when a node needs several). */
  command: string;
  /** For a `kubectl edit` of the owner: the tolerations the editor adds before the person saves. */
  addTolerations?: Toleration[];
}

/** One change a fix makes. */
export type Step =
  | { kind: "label"; node: string; set: Record<string, string>; remove: string[] }
  | { kind: "uncordon"; node: string }
  | { kind: "untaint"; node: string; taints: Taint[] }
  | { kind: "tolerate"; tolerations: Toleration[] }
  | { kind: "requests"; requests: { container: string; resource: string; value: number }[] };

/** Taints the cluster manages itself (node lifecycle, cordon): removing them by hand does not last. */
export function isManagedTaint(t: Taint): boolean {
  return (t.key ?? "").startsWith("node.kubernetes.io/");
}

/** The toleration that tolerates exactly this taint. */
export function tolerationFor(t: Taint): Toleration {
  return t.value
    ? { key: t.key, operator: "Equal", value: t.value, effect: t.effect }
    : { key: t.key, operator: "Exists", effect: t.effect };
}

/** A label value that satisfies a requirement, or undefined to remove the label, or null when none can. */
function labelChange(r: NodeSelectorRequirement, have: string | undefined): string | undefined | null {
  const v = r.values ?? [];
  switch (r.operator) {
    case "In":
      return v[0] ?? null;
    case "Exists":
      return have ?? "";
    case "NotIn":
    case "DoesNotExist":
      return undefined;
    case "Gt":
    case "Lt": {
      const n = Number.parseInt(v[0] ?? "", 10);
      if (!Number.isFinite(n)) return null;
      return String(r.operator === "Gt" ? n + 1 : n - 1);
    }
    default:
      return null;
  }
}

/** The label step that satisfies these requirements, or undefined when one cannot be met by a label. */
function labelStep(node: Node, reqs: readonly NodeSelectorRequirement[]): Step | undefined {
  const labels = node.metadata.labels ?? {};
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const r of reqs) {
    if (r.key === "metadata.name") return undefined;
    const have = Object.hasOwn(labels, r.key) ? labels[r.key] : undefined;
    const next = labelChange(r, have);
    if (next === null) return undefined;
    if (next === undefined) remove.push(r.key);
    else set[r.key] = next;
  }
  return { kind: "label", node: node.metadata.name as string, set, remove };
}

/** The requirements of a term the node's labels fail (matchExpressions only). */
function termFailures(term: NodeSelectorTerm, node: Node): NodeSelectorRequirement[] | undefined {
  if ((term.matchFields ?? []).length > 0) return undefined;
  const labels = node.metadata.labels ?? {};
  const out: NodeSelectorRequirement[] = [];
  for (const r of term.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, r.key);
    const v = labels[r.key] as string;
    const values = r.values ?? [];
    const ok =
      r.operator === "In"
        ? has && values.includes(v)
        : r.operator === "NotIn"
          ? !has || !values.includes(v)
          : r.operator === "Exists"
            ? has
            : r.operator === "DoesNotExist"
              ? !has
              : false;
    if (!ok) out.push(r);
  }
  return out;
}

/** Which container to lower so the pod's request of a resource drops to `target`. */
function lowerRequest(
  pod: Pod,
  resource: string,
  requested: number,
  target: number,
): { container: string; resource: string; value: number } | undefined {
  const toUnits = (q: string | number | undefined): number =>
    q === undefined ? 0 : !isQuantity(q) ? Number.NaN : resource === "cpu" ? milliValue(q) : quantityValue(q);
  let best: { name: string; amount: number } | undefined;
  for (const c of pod.spec?.containers ?? []) {
    const q = c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource];
    const amount = toUnits(q);
    if (!Number.isFinite(amount)) return undefined;
    if (amount > 0 && (!best || amount > best.amount)) best = { name: c.name, amount };
  }
  if (!best) return undefined;
  let value = best.amount - (requested - target);
  // Whole MiB for memory, whole millicores for cpu: the amounts a person writes.
  if (resource === "memory" || resource === "ephemeral-storage")
    value = Math.floor(value / 2 ** 20) * 2 ** 20;
  value = Math.floor(value);
  if (value <= 0) return undefined;
  return { container: best.name, resource, value };
}

/** The alternative steps that answer one obstacle (none: the node cannot be fixed by a person's command here). */
export function stepsFor(o: Obstacle, node: Node, pod: Pod, target: FixTarget | undefined): Step[] {
  const name = node.metadata.name as string;
  switch (o.kind) {
    case "cordoned":
      return [{ kind: "uncordon", node: name }];
    case "taint": {
      if (isManagedTaint(o.taint)) return [];
      const out: Step[] = [{ kind: "untaint", node: name, taints: [o.taint] }];
      if (target) out.push({ kind: "tolerate", tolerations: [tolerationFor(o.taint)] });
      return out;
    }
    case "label": {
      const s = labelStep(node, [o.requirement]);
      return s ? [s] : [];
    }
    case "affinityTerms": {
      // The term needing the fewest label changes.
      let best: Step | undefined;
      let fewest = Number.POSITIVE_INFINITY;
      for (const t of o.terms) {
        const failures = termFailures(t, node);
        if (!failures || failures.length === 0 || failures.length >= fewest) continue;
        const s = labelStep(node, failures);
        if (s) {
          best = s;
          fewest = failures.length;
        }
      }
      return best ? [best] : [];
    }
    case "resource": {
      if (!target || target.resource === "pod") return [];
      if (o.resource !== "cpu" && o.resource !== "memory") return [];
      const r = lowerRequest(pod, o.resource, o.requested, o.free);
      return r ? [{ kind: "requests", requests: [r] }] : [];
    }
    default:
      return [];
  }
}

/** Steps merged by kind (one label command per node, one set of tolerations, one set resources). */
function merge(steps: readonly Step[]): Step[] | undefined {
  const out: Step[] = [];
  for (const s of steps) {
    const same = out.find((o) => o.kind === s.kind);
    if (!same) {
      out.push(clone(s));
      continue;
    }
    if (same.kind === "label" && s.kind === "label") {
      for (const [k, v] of Object.entries(s.set)) {
        if (k in same.set && same.set[k] !== v) return undefined;
        same.set[k] = v;
      }
      for (const k of s.remove) if (!same.remove.includes(k)) same.remove.push(k);
      if (same.remove.some((k) => k in same.set)) return undefined;
    } else if (same.kind === "untaint" && s.kind === "untaint") same.taints.push(...s.taints);
    else if (same.kind === "tolerate" && s.kind === "tolerate") same.tolerations.push(...s.tolerations);
    else if (same.kind === "requests" && s.kind === "requests") same.requests.push(...s.requests);
  }
  return out;
}

const ORDER: Step["kind"][] = ["uncordon", "untaint", "label", "requests", "tolerate"];

/**
 * Every way of answering all the obstacles on a node, one step per obstacle, merged. An edit (the
 * toleration) only stands alone: the editor cannot be one link of a command chain.
 */
export function combinations(
  obstacles: readonly Obstacle[],
  node: Node,
  pod: Pod,
  target: FixTarget | undefined,
): Step[][] {
  if (obstacles.length === 0) return [];
  let combos: Step[][] = [[]];
  for (const o of obstacles) {
    const alts = stepsFor(o, node, pod, target);
    if (alts.length === 0) return [];
    const next: Step[][] = [];
    for (const c of combos) for (const a of alts) next.push([...c, a]);
    combos = next.slice(0, 32);
  }
  const out: Step[][] = [];
  const seen = new Set<string>();
  for (const c of combos) {
    const m = merge(c);
    if (!m) continue;
    if (m.some((s) => s.kind === "tolerate") && m.length > 1) continue;
    m.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    const key = JSON.stringify(m);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  return out;
}

/** The node as it would be after the steps. */
export function applyToNode(node: Node, steps: readonly Step[]): Node {
  const n = clone(node);
  n.metadata.labels = { ...(n.metadata.labels ?? {}) };
  n.spec = { ...(n.spec ?? {}) };
  for (const s of steps) {
    if (s.kind === "label") {
      for (const k of s.remove) delete n.metadata.labels[k];
      Object.assign(n.metadata.labels, s.set);
    } else if (s.kind === "uncordon") {
      n.spec.unschedulable = undefined;
      n.spec.taints = (n.spec.taints ?? []).filter((t) => t.key !== TaintNodeUnschedulable);
    } else if (s.kind === "untaint") {
      const gone = new Set(s.taints.map(taintString));
      n.spec.taints = (n.spec.taints ?? []).filter((t) => !gone.has(taintString(t)));
    }
  }
  return n;
}

/** The pod as its owner would make it after the steps (tolerations added, requests lowered). */
export function applyToPod(pod: Pod, steps: readonly Step[]): Pod {
  const p = clone(pod);
  const spec = p.spec as NonNullable<Pod["spec"]>;
  for (const s of steps) {
    if (s.kind === "tolerate") spec.tolerations = [...(spec.tolerations ?? []), ...s.tolerations];
    else if (s.kind === "requests")
      for (const r of s.requests) {
        const c = spec.containers.find((x) => x.name === r.container);
        if (!c) continue;
        c.resources = { ...(c.resources ?? {}) };
        c.resources.requests = {
          ...(c.resources.requests ?? {}),
          [r.resource]: resourceAmount(r.resource, r.value),
        };
      }
  }
  return p;
}

/** Whether the steps change the pod (so the check must run the pod's PreFilter again). */
export function changesPod(steps: readonly Step[]): boolean {
  return steps.some((s) => s.kind === "tolerate" || s.kind === "requests");
}

function nsFlag(target: FixTarget): string {
  return target.namespace === "default" ? "" : ` -n ${target.namespace}`;
}

/** The command and title of one step. */
function describeStep(s: Step, target: FixTarget | undefined): { command: string; title: string } {
  switch (s.kind) {
    case "label": {
      const args = [...Object.entries(s.set).map(([k, v]) => `${k}=${v}`), ...s.remove.map((k) => `${k}-`)];
      return {
        command: `kubectl label node ${s.node} ${args.join(" ")}`,
        title: `Label ${s.node} ${args.join(" ")}`,
      };
    }
    case "uncordon":
      return { command: `kubectl uncordon ${s.node}`, title: `Uncordon ${s.node}` };
    case "untaint": {
      const args = s.taints.map((t) => `${taintString(t)}-`).join(" ");
      return {
        command: `kubectl taint node ${s.node} ${args}`,
        title: `Remove taint ${s.taints.map(taintString).join(", ")} from ${s.node}`,
      };
    }
    case "tolerate": {
      const t = target as FixTarget;
      return {
        command: `kubectl edit ${t.resource}/${t.name}${nsFlag(t)}`,
        title: `Tolerate ${s.tolerations.map((x) => `${x.key}${x.value ? `=${x.value}` : ""}:${x.effect}`).join(", ")} (edit ${t.resource}/${t.name})`,
      };
    }
    case "requests": {
      const t = target as FixTarget;
      const byContainer = new Map<string, string[]>();
      for (const r of s.requests) {
        const list = byContainer.get(r.container) ?? [];
        list.push(`${r.resource}=${resourceAmount(r.resource, r.value)}`);
        byContainer.set(r.container, list);
      }
      const commands = [...byContainer].map(
        ([c, reqs]) =>
          `kubectl set resources ${t.resource}/${t.name}${nsFlag(t)} -c=${c} --requests=${reqs.join(",")}`,
      );
      return {
        command: commands.join(" && "),
        title: `Lower ${t.name}'s ${s.requests.map((r) => `${r.resource} request to ${resourceAmount(r.resource, r.value)}`).join(", ")}`,
      };
    }
  }
}

/** A fix from merged steps: the command chain and the title a person reads. */
export function toFix(steps: readonly Step[], target: FixTarget | undefined, node: Node): Fix {
  const parts = steps.map((s) => describeStep(s, target));
  const labels = node.metadata.labels ?? {};
  const fix: Fix = {
    title: parts.map((p) => p.title).join(" + "),
    command: parts
      .map((p, i) => {
        const s = steps[i] as Step;
        // kubectl label refuses to change an existing value without --overwrite.
        if (
          s.kind === "label" &&
          Object.entries(s.set).some(([k, v]) => Object.hasOwn(labels, k) && labels[k] !== v)
        )
          return `${p.command} --overwrite`;
        return p.command;
      })
      .join(" && "),
  };
  const tol = steps.find((s) => s.kind === "tolerate");
  if (tol?.kind === "tolerate") fix.addTolerations = tol.tolerations;
  return fix;
}
