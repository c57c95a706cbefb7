/**
 * Questions: the correct answer computed from the cluster as the question's query says (a
 * read-only kubectl get, the objects a predicate selects, the files in a directory, a field of a
 * YAML file on a node), and answers compared once normalised by type.
 */
import { parse as parseYaml } from "yaml";
import type { Cluster } from "../engine/cluster";
import { parseImage } from "../engine/images/reference";
import { kubectl } from "../kubectl";
import { evaluate, isMirrorPod, podReasons, selectDaemonSets, selectPods } from "./predicates";
import type { AnswerSpec, AnswerType, Predicate } from "./types";

/** The computed answer, or why it could not be computed (a broken query is the author's bug). */
export type Computed = { ok: true; value: string } | { ok: false; error: string };

/** Splits a command line into words, honouring single and double quotes. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let quote = "";
  let started = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = "";
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started || word) words.push(word);
      word = "";
      started = false;
    } else word += ch;
  }
  if (started || word) words.push(word);
  return words;
}

/** The names of the objects a selector predicate matches (pods, DaemonSets, static pods). */
export function selectNames(cluster: Cluster, p: Predicate): string[] {
  if ("pod" in p) {
    const check = p.pod;
    return selectPods(cluster, check)
      .filter((pod) => podReasons(pod, check).length === 0)
      .map((pod) => pod.metadata.name ?? "");
  }
  if ("daemonset" in p) {
    const check = p.daemonset;
    return selectDaemonSets(cluster, check)
      .filter(
        (d) =>
          evaluate(cluster, {
            daemonset: { ...check, name: d.metadata.name, namespace: d.metadata.namespace },
          }).ok,
      )
      .map((d) => d.metadata.name ?? "");
  }
  if ("staticPod" in p)
    return cluster.api
      .list("Pod")
      .filter((pod) => isMirrorPod(pod) && !pod.metadata.deletionTimestamp)
      .filter((pod) => !p.staticPod.node || pod.spec?.nodeName === p.staticPod.node)
      .map((pod) => pod.metadata.name ?? "");
  if ("node" in p)
    return cluster.api
      .list("Node")
      .filter((n) => evaluate(cluster, { node: { ...p.node, name: n.metadata.name ?? "" } }).ok)
      .map((n) => n.metadata.name ?? "");
  return [];
}

/** Computes a question's correct answer from the cluster as it is now. */
export function computeAnswer(cluster: Cluster, spec: AnswerSpec): Computed {
  if (spec.kubectl !== undefined) {
    const argv = splitWords(spec.kubectl);
    if (argv[0] !== "get") return { ok: false, error: `answer query must be a kubectl get: ${spec.kubectl}` };
    const r = kubectl({ cluster, namespace: "default" }, argv, "");
    if (r.exit !== 0) return { ok: false, error: `kubectl ${spec.kubectl}: ${r.stderr.trim()}` };
    const words = r.stdout.split(/\s+/).filter(Boolean);
    if (spec.reduce === "count") return { ok: true, value: String(words.length) };
    if (spec.reduce === "unique") return { ok: true, value: [...new Set(words)].sort().join(",") };
    return { ok: true, value: r.stdout.trim() };
  }
  if (spec.count) return { ok: true, value: String(selectNames(cluster, spec.count).length) };
  if (spec.names) return { ok: true, value: selectNames(cluster, spec.names).sort().join(",") };
  if (spec.files) {
    const host = cluster.hosts.get(spec.files.node);
    if (!host) return { ok: false, error: `no node ${spec.files.node}` };
    if (!host.fs.isDir(spec.files.path)) return { ok: false, error: `no directory ${spec.files.path}` };
    const names = host.fs.list(spec.files.path).sort();
    return { ok: true, value: spec.reduce === "count" ? String(names.length) : names.join(",") };
  }
  if (spec.yamlField) {
    const { node, path, field } = spec.yamlField;
    const host = cluster.hosts.get(node);
    if (!host?.fs.isFile(path)) return { ok: false, error: `no file ${path} on ${node}` };
    const doc = parseYaml(host.fs.read(path)) as Record<string, unknown> | null;
    const value = doc?.[field];
    if (value === undefined) return { ok: false, error: `${path} on ${node} has no ${field}` };
    return { ok: true, value: String(value) };
  }
  return { ok: false, error: "the question has no answer query" };
}

/**
 * The canonical form of an answer of a type: a number's digits, a name trimmed and unquoted, an
 * image's normalised reference, a list's distinct items sorted. undefined when it is not one.
 */
export function normalizeAnswer(type: AnswerType, text: string): string | undefined {
  const t = text
    .trim()
    .replace(/^(["'])(.*)\1$/, "$2")
    .trim();
  switch (type) {
    case "number": {
      if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return undefined;
      return String(Number(t));
    }
    case "name":
      return t === "" ? undefined : t.replace(/\/+$/, "") || "/";
    case "image":
      return t === "" || /\s/.test(t) ? undefined : parseImage(t).full;
    case "list": {
      const items = t.split(/[\s,]+/).filter(Boolean);
      return [...new Set(items)].sort().join(",");
    }
  }
}

/** How an answer compares with the computed one. */
export type AnswerVerdict = { ok: true } | { ok: false; reason: string; expected?: string };

/** Compares a learner's answer with the computed one, both normalised by type. */
export function checkAnswer(cluster: Cluster, spec: AnswerSpec, answer: string): AnswerVerdict {
  const computed = computeAnswer(cluster, spec);
  if (!computed.ok) return { ok: false, reason: `the answer cannot be computed: ${computed.error}` };
  const given = normalizeAnswer(spec.type, answer);
  const expected = normalizeAnswer(spec.type, computed.value);
  const shown = computed.value.replaceAll(",", ", ");
  if (given === undefined)
    return { ok: false, reason: `"${answer.trim()}" is not ${ARTICLE[spec.type]}`, expected: shown };
  if (given !== expected) return { ok: false, reason: `"${answer.trim()}" is not right`, expected: shown };
  return { ok: true };
}

const ARTICLE: Record<AnswerType, string> = {
  number: "a number",
  name: "a name",
  image: "an image",
  list: "a list",
};
