/**
 * Action checks: the predicate language of lab files evaluated over a cluster's API objects and
 * node files. A verdict says why a predicate does not hold in words a learner reads ("pod bee is
 * on node02, expected node01"). Reads only: cheap enough to run on every cluster change.
 */

import { tolerationsTolerateTaint } from "../engine/api/helpers/taints";
import type { DaemonSet, Deployment, Node, Pod } from "../engine/api/kinds";
import { parseLabelSelector } from "../engine/api/selectors";
import type { KubeObject } from "../engine/api/types";
import { parseQuantity } from "../engine/apiserver/quantity";
import type { Cluster } from "../engine/cluster";
import { parseImage } from "../engine/images/reference";
import { JsonPath } from "../kubectl/output";
import { formatTaint, parseTaint, sameTaint } from "./taint";
import type {
  DaemonSetCheck,
  DeploymentCheck,
  FileCheck,
  NodeCheck,
  ObjectCheck,
  PodCheck,
  Predicate,
  StaticPodCheck,
  Verdict,
} from "./types";

/** The label kubeadm puts on control-plane nodes. */
export const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

const OK: Verdict = { ok: true, reasons: [] };

function fail(...reasons: string[]): Verdict {
  return { ok: false, reasons };
}

/** Evaluates a predicate over the cluster. */
export function evaluate(cluster: Cluster, p: Predicate): Verdict {
  if ("all" in p) {
    const reasons = [...new Set(p.all.flatMap((q) => evaluate(cluster, q).reasons))];
    return reasons.length ? fail(...reasons) : OK;
  }
  if ("any" in p) {
    const verdicts = p.any.map((q) => evaluate(cluster, q));
    return verdicts.some((v) => v.ok) ? OK : fail(verdicts.flatMap((v) => v.reasons).join("; or "));
  }
  if ("not" in p) return evaluate(cluster, p.not).ok ? fail(`${describePredicate(p.not)} (it must not)`) : OK;
  if ("pod" in p) return checkPods(cluster, p.pod);
  if ("daemonset" in p) return checkDaemonSets(cluster, p.daemonset);
  if ("node" in p) return checkNode(cluster, p.node);
  if ("staticPod" in p) return checkStaticPod(cluster, p.staticPod);
  if ("file" in p) return checkFile(cluster, p.file);
  if ("object" in p) return checkObject(cluster, p.object);
  return checkDeployment(cluster, p.deployment);
}

/** What a leaf predicate asks for, for the reason of a `not`. */
export function describePredicate(p: Predicate): string {
  if ("pod" in p)
    return `pod ${p.pod.name ?? p.pod.selector ?? ""} exists${p.pod.node ? ` on ${p.pod.node}` : ""}`;
  if ("staticPod" in p) return `static pod ${p.staticPod.name} exists`;
  if ("file" in p) return `file ${p.file.path} on ${p.file.node} ${p.file.absent ? "is absent" : "exists"}`;
  if ("node" in p) return `node ${p.node.name} is as described`;
  if ("object" in p) return `${p.object.kind} ${p.object.name} exists`;
  if ("daemonset" in p) return `DaemonSet ${p.daemonset.name ?? ""} exists`;
  if ("deployment" in p) return `Deployment ${p.deployment.name} exists`;
  return "the condition holds";
}

/** Two image references name the same image once normalised (nginx = docker.io/library/nginx:latest). */
export function sameImage(a: string, b: string): boolean {
  return parseImage(a).full === parseImage(b).full;
}

function podReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** A pod that is the mirror of a static pod (its owner is a Node). */
export function isMirrorPod(pod: KubeObject): boolean {
  return pod.metadata.ownerReferences?.some((o) => o.kind === "Node") ?? false;
}

function isDaemonSetPod(pod: KubeObject): boolean {
  return pod.metadata.ownerReferences?.some((o) => o.kind === "DaemonSet") ?? false;
}

function alive(obj: KubeObject): boolean {
  return !obj.metadata.deletionTimestamp;
}

/** The pods a pod check selects (by name, selector, static), in its namespace. */
export function selectPods(cluster: Cluster, c: PodCheck): Pod[] {
  const namespace = c.namespace ?? "default";
  let pods: Pod[];
  if (c.name) {
    const pod = cluster.api.get("Pod", namespace, c.name) as Pod | undefined;
    pods = pod ? [pod] : [];
  } else {
    const selector = c.selector ? parseLabelSelector(c.selector) : undefined;
    pods = cluster.api.list("Pod", { namespace, labelSelector: selector }) as Pod[];
  }
  pods = pods.filter(alive);
  return c.static ? pods.filter(isMirrorPod) : pods;
}

function podName(pod: Pod): string {
  return pod.metadata.namespace === "default"
    ? (pod.metadata.name ?? "")
    : `${pod.metadata.namespace}/${pod.metadata.name}`;
}

function quantitiesMatch(want: Record<string, string>, have: Record<string, string> | undefined): boolean {
  return Object.entries(want).every(
    ([k, v]) => have?.[k] !== undefined && parseQuantity(have[k]) === parseQuantity(v),
  );
}

/** Why one pod does not meet a pod check (empty when it does). */
export function podReasons(pod: Pod, c: PodCheck): string[] {
  const name = `pod ${podName(pod)}`;
  const out: string[] = [];
  const node = pod.spec?.nodeName;
  const phase = pod.status?.phase ?? "Pending";
  if (c.phase && phase !== c.phase) out.push(`${name} is ${phase}, expected ${c.phase}`);
  if (c.node && node !== c.node)
    out.push(
      node ? `${name} is on ${node}, expected ${c.node}` : `${name} is not scheduled, expected on ${c.node}`,
    );
  if (c.notOnNode && node === c.notOnNode) out.push(`${name} is on ${node}, expected elsewhere`);
  const containers = pod.spec?.containers ?? [];
  if (c.image && !containers.some((k) => sameImage(k.image ?? "", c.image as string)))
    out.push(`${name} runs ${containers.map((k) => k.image).join(", ")}, expected ${c.image}`);
  if (c.tolerates) {
    const taint = parseTaint(c.tolerates);
    if (taint && !tolerationsTolerateTaint(pod.spec?.tolerations, taint))
      out.push(`${name} does not tolerate ${c.tolerates}`);
  }
  if (c.ready !== undefined && podReady(pod) !== c.ready)
    out.push(`${name} is ${c.ready ? "not ready" : "ready"}`);
  if (c.schedulerName && (pod.spec?.schedulerName ?? "default-scheduler") !== c.schedulerName)
    out.push(`${name} uses ${pod.spec?.schedulerName ?? "default-scheduler"}, expected ${c.schedulerName}`);
  const inits = pod.spec?.initContainers?.length ?? 0;
  if (c.initContainers !== undefined && inits !== c.initContainers)
    out.push(`${name} has ${inits} init container(s), expected ${c.initContainers}`);
  if (c.containers !== undefined && containers.length !== c.containers)
    out.push(`${name} has ${containers.length} container(s), expected ${c.containers}`);
  for (const field of ["limits", "requests"] as const) {
    const want = c[field];
    if (
      want &&
      !containers.some((k) => quantitiesMatch(want, k.resources?.[field] as Record<string, string>))
    )
      out.push(
        `${name} has no container with ${field} ${Object.entries(want)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")}`,
      );
  }
  return out;
}

function checkPods(cluster: Cluster, c: PodCheck): Verdict {
  const pods = selectPods(cluster, c);
  const namespace = c.namespace ?? "default";
  const which = c.name ? `pod ${c.name}` : `pods matching ${c.selector ?? "(any)"}`;
  if (c.count !== undefined && pods.length !== c.count)
    return fail(`${pods.length} ${which} in ${namespace}, expected ${c.count}`);
  if (pods.length === 0) return c.count === 0 ? OK : fail(`no ${which} in namespace ${namespace}`);
  const reasons = pods.flatMap((p) => podReasons(p, c));
  return reasons.length ? fail(...reasons) : OK;
}

function isControlPlane(node: KubeObject): boolean {
  return node.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined;
}

/** The DaemonSets a check selects. */
export function selectDaemonSets(cluster: Cluster, c: DaemonSetCheck): DaemonSet[] {
  const list = cluster.api.list("DaemonSet", c.namespace ? { namespace: c.namespace } : {}) as DaemonSet[];
  return list.filter((d) => alive(d) && (!c.name || d.metadata.name === c.name));
}

function checkDaemonSets(cluster: Cluster, c: DaemonSetCheck): Verdict {
  const sets = selectDaemonSets(cluster, c);
  if (sets.length === 0)
    return fail(`no DaemonSet ${c.name ?? ""} in namespace ${c.namespace ?? "(any)"}`.replace("  ", " "));
  const reasons: string[] = [];
  for (const ds of sets) {
    const name = `DaemonSet ${ds.metadata.namespace}/${ds.metadata.name}`;
    const containers = ds.spec?.template?.spec?.containers ?? [];
    if (c.image && !containers.some((k) => sameImage(k.image ?? "", c.image as string)))
      reasons.push(`${name} runs ${containers.map((k) => k.image).join(", ")}, expected ${c.image}`);
    if (c.podsOnEveryNode) {
      const pods = (cluster.api.list("Pod", { namespace: ds.metadata.namespace }) as Pod[]).filter(
        (p) => alive(p) && p.metadata.ownerReferences?.some((o) => o.uid === ds.metadata.uid),
      );
      for (const node of cluster.api.list("Node") as Node[]) {
        if (isControlPlane(node) && !c.includingControlPlane) continue;
        const here = pods.filter((p) => p.spec?.nodeName === node.metadata.name);
        if (!here.some((p) => p.status?.phase === "Running"))
          reasons.push(
            here.length
              ? `${name}'s pod on ${node.metadata.name} is ${here[0]?.status?.phase ?? "Pending"}, expected Running`
              : `${name} has no pod on ${node.metadata.name}`,
          );
      }
    }
  }
  return reasons.length ? fail(...reasons) : OK;
}

function checkNode(cluster: Cluster, c: NodeCheck): Verdict {
  const node = cluster.api.get("Node", undefined, c.name) as Node | undefined;
  if (!node) return fail(`no node ${c.name}`);
  const reasons: string[] = [];
  const name = `node ${c.name}`;
  const unschedulable = node.spec?.unschedulable === true;
  if (c.unschedulable !== undefined && unschedulable !== c.unschedulable)
    reasons.push(
      `${name} is ${unschedulable ? "cordoned (unschedulable)" : "schedulable"}, expected ${c.unschedulable ? "cordoned" : "schedulable"}`,
    );
  if (c.noPodsExceptDaemonSets) {
    const left = (cluster.api.list("Pod") as Pod[]).filter(
      (p) =>
        alive(p) && p.spec?.nodeName === c.name && !isDaemonSetPod(p) && !isMirrorPod(p) && !isFinished(p),
    );
    if (left.length)
      reasons.push(
        `${name} still runs ${left.map((p) => `pod ${p.metadata.namespace}/${p.metadata.name}`).join(", ")}`,
      );
  }
  for (const [k, v] of Object.entries(c.labels ?? {})) {
    const have = node.metadata.labels?.[k];
    if (have !== v)
      reasons.push(
        have === undefined
          ? `${name} has no label ${k}`
          : `${name} has label ${k}=${have}, expected ${k}=${v}`,
      );
  }
  const taints = node.spec?.taints ?? [];
  for (const text of c.taints ?? []) {
    const want = parseTaint(text);
    if (want && !taints.some((t) => sameTaint(t, want))) reasons.push(`${name} has no taint ${text}`);
  }
  for (const text of c.withoutTaints ?? []) {
    const want = parseTaint(text);
    const found = want && taints.find((t) => sameTaint(t, want));
    if (found) reasons.push(`${name} still has the taint ${formatTaint(found)}`);
  }
  return reasons.length ? fail(...reasons) : OK;
}

function isFinished(p: Pod): boolean {
  return p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
}

function checkStaticPod(cluster: Cluster, c: StaticPodCheck): Verdict {
  const mirrors = (cluster.api.list("Pod") as Pod[]).filter(
    (p) =>
      alive(p) &&
      isMirrorPod(p) &&
      (c.node ? p.metadata.name === `${c.name}-${c.node}` : p.metadata.name?.startsWith(`${c.name}-`)),
  );
  if (mirrors.length === 0) return fail(`no static pod ${c.name}${c.node ? ` on ${c.node}` : ""}`);
  const reasons: string[] = [];
  for (const pod of mirrors) {
    const name = `static pod ${pod.metadata.name}`;
    const k = pod.spec?.containers?.[0];
    if (c.image && !sameImage(k?.image ?? "", c.image))
      reasons.push(`${name} runs ${k?.image}, expected ${c.image}`);
    if (c.command) {
      const have = [...(k?.command ?? []), ...(k?.args ?? [])].join(" ");
      if (have !== c.command) reasons.push(`${name} runs "${have}", expected "${c.command}"`);
    }
  }
  return reasons.length ? fail(...reasons) : OK;
}

function checkFile(cluster: Cluster, c: FileCheck): Verdict {
  const host = cluster.hosts.get(c.node);
  if (!host) return fail(`no node ${c.node}`);
  const exists = host.fs.isFile(c.path);
  if (c.absent) return exists ? fail(`${c.path} still exists on ${c.node}`) : OK;
  if (!exists) return fail(`no file ${c.path} on ${c.node}`);
  if (c.contains !== undefined && !host.fs.read(c.path).includes(c.contains))
    return fail(`${c.path} on ${c.node} does not contain "${c.contains}"`);
  return OK;
}

function checkObject(cluster: Cluster, c: ObjectCheck): Verdict {
  const obj = cluster.api.get(c.kind, c.namespace, c.name);
  const where = c.namespace ? ` in namespace ${c.namespace}` : "";
  if (!obj || !alive(obj)) return fail(`no ${c.kind} ${c.name}${where}`);
  if (!c.jsonpath) return OK;
  let text: string;
  try {
    text = new JsonPath(c.jsonpath).execute(obj as never);
  } catch {
    return fail(`${c.kind} ${c.name} has no ${c.jsonpath}`);
  }
  if (c.notEmpty && text === "") return fail(`${c.kind} ${c.name} has nothing at ${c.jsonpath}`);
  if (c.equals !== undefined && text !== c.equals)
    return fail(`${c.kind} ${c.name}'s ${c.jsonpath} is "${text}", expected "${c.equals}"`);
  if (c.contains !== undefined && !text.includes(c.contains))
    return fail(`${c.kind} ${c.name}'s ${c.jsonpath} does not contain "${c.contains}"`);
  return OK;
}

function checkDeployment(cluster: Cluster, c: DeploymentCheck): Verdict {
  const namespace = c.namespace ?? "default";
  const d = cluster.api.get("Deployment", namespace, c.name) as Deployment | undefined;
  if (!d || !alive(d)) return fail(`no Deployment ${c.name} in namespace ${namespace}`);
  const reasons: string[] = [];
  const available = d.status?.availableReplicas ?? 0;
  if (c.availableReplicas !== undefined && available !== c.availableReplicas)
    reasons.push(
      `Deployment ${c.name} has ${available} available replica(s), expected ${c.availableReplicas}`,
    );
  const containers = d.spec?.template?.spec?.containers ?? [];
  if (c.image && !containers.some((k) => sameImage(k.image ?? "", c.image as string)))
    reasons.push(
      `Deployment ${c.name} runs ${containers.map((k) => k.image).join(", ")}, expected ${c.image}`,
    );
  return reasons.length ? fail(...reasons) : OK;
}
