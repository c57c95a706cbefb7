/**
 * The framework of one profile (framework/runtime/framework.go): its plugins per extension point,
 * in order, with score weights, and the Run* helpers that call them.
 */
import {
  EXTENSION_POINTS,
  type ExtensionPoint,
  effectivePlugins,
  type PluginRef,
  type Profile,
} from "../config";
import { inTreeRegistry } from "../plugins/registry";
import type { CycleState } from "./cycle-state";
import type {
  BindPlugin,
  FilterPlugin,
  Handle,
  NodeScore,
  NodeSlots,
  NodeToStatus,
  PermitPlugin,
  Plugin,
  PluginFactory,
  PostBindPlugin,
  PostFilterPlugin,
  PostFilterResult,
  PreBindPlugin,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  QueueSortPlugin,
  ReservePlugin,
  ScorePlugin,
} from "./interface";
import { asStatus, Code, isSuccess, type MaybeStatus, newStatus, type Status } from "./status";
import type { NodeInfo, PodInfo } from "./types";

/** Upstream default plugins for volumes, which the simulator does not model: accepted and ignored. */
const UNMODELLED = new Set(["VolumeRestrictions", "NodeVolumeLimits", "VolumeBinding", "VolumeZone"]);

const METHOD: Record<ExtensionPoint, string> = {
  preEnqueue: "preEnqueue",
  queueSort: "less",
  preFilter: "preFilter",
  filter: "filter",
  postFilter: "postFilter",
  preScore: "preScore",
  score: "score",
  reserve: "reserve",
  permit: "permit",
  preBind: "preBind",
  bind: "bind",
  postBind: "postBind",
};

/** A score plugin and its weight. */
export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

/**
 * The scores of one cycle, by column: for score plugin j and feasible node i, raw[j][i] is the
 * plugin's score, normalized[j][i] after NormalizeScore; total[i] sums normalized x weight.
 */
export interface ScoreTable {
  nodes: string[];
  plugins: string[];
  weights: number[];
  /**
   * Plain arrays of doubles: V8 allocates typed arrays of more than a few numbers off the heap,
   * which costs more than these (packed double arrays are not scanned by the GC either).
   */
  raw: ArrayLike<number>[];
  normalized: ArrayLike<number>[];
  total: ArrayLike<number>;
}

/** Scratch for limitthHighest: a copy of the totals, or a histogram of them. */
let selectScratch: number[] = [];
let histogram = new Int32Array(0);

/**
 * The limit-th highest of totals. Totals are small whole numbers (scores 0..100 times integer
 * weights), so a histogram finds it in one pass; anything else goes through selection.
 */
function limitthHighest(totals: ArrayLike<number>, limit: number): number {
  const n = totals.length;
  let max = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = totals[i] as number;
    if (v > max) max = v;
    if (!(v >= 0 && Number.isInteger(v))) whole = false;
  }
  if (whole && max <= 100_000) {
    if (histogram.length <= max) histogram = new Int32Array(Math.max(max + 1, 2 * histogram.length));
    else histogram.fill(0, 0, max + 1);
    for (let i = 0; i < n; i++) {
      // A small integer index (totals are doubles): typed arrays index fast only with those.
      const v = (totals[i] as number) | 0;
      histogram[v] = (histogram[v] as number) + 1;
    }
    let seen = 0;
    for (let v = max; v >= 0; v--) {
      seen += histogram[v] as number;
      if (seen >= limit) return v;
    }
    return 0;
  }
  if (selectScratch.length < n) selectScratch = new Array(n);
  for (let i = 0; i < n; i++) selectScratch[i] = totals[i] as number;
  selectScratch.length = n;
  return nthSmallest(selectScratch, n - limit);
}

/** The k-th smallest value of a (which it reorders): Hoare's selection, linear on average. */
function nthSmallest(a: number[], k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const x = a[i] as number;
        a[i] = a[j] as number;
        a[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/**
 * A copy of a score table that owns its columns, keeping at most `limit` nodes: those with the
 * highest totals (ties in table order), and always the node at `keepAt` (the chosen one).
 */
export function compactScoreTable(t: ScoreTable, limit: number, keepAt = -1): ScoreTable {
  const n = t.nodes.length;
  const total = t.total;
  if (keptIdx.length < limit + 1) keptIdx = new Int32Array(limit + 1);
  const idx = keptIdx;
  let m = 0;
  if (n <= limit) for (let i = 0; i < n; i++) idx[m++] = i;
  else {
    // The limit-th highest total; then every node above it, and as many at it as fit, in table
    // order (and the chosen node wherever it is).
    const cut = limitthHighest(total, limit);
    let above = 0;
    for (let i = 0; i < n; i++) if ((total[i] as number) > cut) above++;
    let atCut = limit - above;
    for (let i = 0; i < n; i++) {
      const v = total[i] as number;
      if (v > cut || (v === cut && atCut-- > 0) || i === keepAt) idx[m++] = i;
    }
  }
  const pick = (c: ArrayLike<number>): number[] => {
    // A column with one value for every kept node (a plugin that scored every node alike) is a
    // shared array: records are kept by the thousand, and most of their columns are such.
    const first = c[idx[0] as number] as number;
    let same = true;
    for (let j = 1; j < m && same; j++) same = c[idx[j] as number] === first;
    if (same && m > 0) return constantColumn(first, m);
    const out: number[] = new Array(m);
    for (let j = 0; j < m; j++) out[j] = c[idx[j] as number] as number;
    return out;
  };
  const raw = t.raw.map(pick);
  const nodes: string[] = new Array(m);
  for (let j = 0; j < m; j++) nodes[j] = t.nodes[idx[j] as number] as string;
  return {
    nodes,
    plugins: t.plugins.slice(),
    weights: t.weights.slice(),
    raw,
    // A plugin without NormalizeScore shares its raw column.
    normalized: t.normalized.map((c, j) => (c === t.raw[j] ? (raw[j] as number[]) : pick(c))),
    total: pick(total),
  };
}

/** Shared columns of one value, by length then value (never mutated: kept tables are read-only). */
const constantColumns = new Map<number, Map<number, number[]>>();

/** A shared, frozen column of m copies of v. */
function constantColumn(v: number, m: number): number[] {
  let byValue = constantColumns.get(m);
  if (!byValue) {
    if (constantColumns.size >= 64) constantColumns.clear();
    byValue = new Map();
    constantColumns.set(m, byValue);
  }
  let col = byValue.get(v);
  if (!col) {
    if (byValue.size >= 256) byValue.clear();
    col = Object.freeze(new Array<number>(m).fill(v)) as number[];
    byValue.set(v, col);
  }
  return col;
}

/** The kept nodes' indexes (scratch for compactScoreTable). */
let keptIdx = new Int32Array(0);

/** The error for a normalized score outside [0, MaxNodeScore], or undefined when it is inside. */
function invalidScore(plugin: string, v: number): Status | undefined {
  if (!(v > 100 || v < 0)) return undefined;
  return newStatus(
    Code.Error,
    `plugin "${plugin}" returns an invalid score ${v}, it should in the range of [0, 100] after normalizing`,
  );
}

/** Thrown for a configuration the scheduler refuses (unknown plugin, two QueueSort plugins). */
export class ConfigError extends Error {}

/** A profile's framework. */
export class Framework {
  readonly schedulerName: string;
  readonly percentageOfNodesToScore: number | undefined;
  readonly preEnqueuePlugins: PreEnqueuePlugin[] = [];
  readonly queueSortPlugins: QueueSortPlugin[] = [];
  readonly preFilterPlugins: PreFilterPlugin[] = [];
  readonly filterPlugins: FilterPlugin[] = [];
  /** The Filter plugins' names, in order (shared by every record: never mutate). */
  get filterPluginNames(): string[] {
    this.filterNames ??= this.filterPlugins.map((pl) => pl.name);
    return this.filterNames;
  }
  private filterNames: string[] | undefined;
  readonly postFilterPlugins: PostFilterPlugin[] = [];
  readonly preScorePlugins: PreScorePlugin[] = [];
  readonly scorePlugins: WeightedScorePlugin[] = [];
  readonly reservePlugins: ReservePlugin[] = [];
  readonly permitPlugins: PermitPlugin[] = [];
  readonly preBindPlugins: PreBindPlugin[] = [];
  readonly bindPlugins: BindPlugin[] = [];
  readonly postBindPlugins: PostBindPlugin[] = [];
  readonly plugins = new Map<string, Plugin>();
  /** The NodeScore list of the last cycle, reused when the next has as many nodes. */
  private scoreList: NodeScore[] = [];

  constructor(profile: Profile, handle: Handle, registry: Record<string, PluginFactory> = inTreeRegistry) {
    this.schedulerName = profile.schedulerName ?? "default-scheduler";
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    const eff = effectivePlugins(profile);
    const args = new Map((profile.pluginConfig ?? []).map((c) => [c.name, c.args] as const));
    const instance = (name: string): Plugin => {
      let p = this.plugins.get(name);
      if (!p) {
        const f = registry[name];
        if (!f) throw new ConfigError(`plugin "${name}" does not exist`);
        p = f(args.get(name) as Record<string, unknown> | undefined, handle);
        this.plugins.set(name, p);
      }
      return p;
    };
    const multi = eff.multiPoint?.enabled ?? [];
    for (const ep of EXTENSION_POINTS) {
      const own = eff[ep];
      const disabled = new Set((own?.disabled ?? []).map((p) => p.name));
      const ownEnabled = own?.enabled ?? [];
      const ownNames = new Set(ownEnabled.map((p) => p.name));
      const multiNames = new Set(multi.map((p) => p.name));
      const ordered: PluginRef[] = [];
      // Overrides of multiPoint plugins first, then the other multiPoint ones, then the rest.
      for (const p of ownEnabled) if (multiNames.has(p.name)) ordered.push(p);
      if (!disabled.has("*"))
        for (const p of multi) {
          if (disabled.has(p.name) || ownNames.has(p.name)) continue;
          if (!(METHOD[ep] in instance(p.name))) continue;
          ordered.push(p);
        }
      for (const p of ownEnabled) if (!multiNames.has(p.name)) ordered.push(p);
      for (const ref of ordered) {
        if (!registry[ref.name] && UNMODELLED.has(ref.name)) continue;
        const pl = instance(ref.name) as unknown as Record<string, unknown>;
        if (!(METHOD[ep] in pl)) throw new ConfigError(`plugin "${ref.name}" does not extend ${ep} plugin`);
        this.addTo(ep, pl as unknown as Plugin, ref, multi);
      }
    }
    if (this.queueSortPlugins.length === 0) throw new ConfigError("no queue sort plugin is enabled");
    if (this.bindPlugins.length === 0) throw new ConfigError("at least one bind plugin is needed");
  }

  private addTo(ep: ExtensionPoint, pl: Plugin, ref: PluginRef, multi: PluginRef[]): void {
    switch (ep) {
      case "preEnqueue":
        this.preEnqueuePlugins.push(pl as PreEnqueuePlugin);
        break;
      case "queueSort":
        this.queueSortPlugins.push(pl as QueueSortPlugin);
        break;
      case "preFilter":
        this.preFilterPlugins.push(pl as PreFilterPlugin);
        break;
      case "filter":
        this.filterPlugins.push(pl as FilterPlugin);
        break;
      case "postFilter":
        this.postFilterPlugins.push(pl as PostFilterPlugin);
        break;
      case "preScore":
        this.preScorePlugins.push(pl as PreScorePlugin);
        break;
      case "score": {
        const weight = ref.weight || multi.find((m) => m.name === ref.name)?.weight || 1;
        this.scorePlugins.push({ plugin: pl as ScorePlugin, weight });
        break;
      }
      case "reserve":
        this.reservePlugins.push(pl as ReservePlugin);
        break;
      case "permit":
        this.permitPlugins.push(pl as PermitPlugin);
        break;
      case "preBind":
        this.preBindPlugins.push(pl as PreBindPlugin);
        break;
      case "bind":
        this.bindPlugins.push(pl as BindPlugin);
        break;
      case "postBind":
        this.postBindPlugins.push(pl as PostBindPlugin);
        break;
    }
  }

  /** Whether the pod passes every PreEnqueue plugin. */
  runPreEnqueuePlugins(p: PodInfo): MaybeStatus {
    for (const pl of this.preEnqueuePlugins) {
      const s = pl.preEnqueue(p);
      if (!isSuccess(s)) return (s as Status).withPlugin(pl.name);
    }
    return undefined;
  }

  /**
   * Runs PreFilter. Returns the merged node restriction, the plugins that narrowed it, and a
   * status: a rejection ends the cycle for every node.
   */
  runPreFilterPlugins(
    state: CycleState,
    p: PodInfo,
    nodes: NodeInfo[],
  ): { result?: PreFilterResult; pluginsWithNodes: string[]; status: MaybeStatus } {
    let result: PreFilterResult | undefined;
    const pluginsWithNodes: string[] = [];
    for (const pl of this.preFilterPlugins) {
      const { result: r, status: s } = pl.preFilter(state, p, nodes);
      if (s?.code === Code.Skip) {
        state.skipFilterPlugins.add(pl.name);
        continue;
      }
      if (!isSuccess(s)) {
        const st = s as Status;
        st.withPlugin(pl.name);
        if (st.isRejected()) return { pluginsWithNodes, status: st };
        return {
          pluginsWithNodes,
          status: newStatus(Code.Error, `running PreFilter plugin "${pl.name}": ${st.message()}`).withPlugin(
            pl.name,
          ),
        };
      }
      if (r?.nodeNames) {
        pluginsWithNodes.push(pl.name);
        if (!result?.nodeNames) result = { nodeNames: new Set(r.nodeNames) };
        else result = { nodeNames: new Set([...result.nodeNames].filter((n) => r.nodeNames?.has(n))) };
        if (result.nodeNames?.size === 0) {
          const msg =
            pluginsWithNodes.length === 1
              ? `node(s) didn't satisfy plugin ${pluginsWithNodes[0]}`
              : `node(s) didn't satisfy plugin(s) [${pluginsWithNodes.join(" ")}] simultaneously`;
          return { result, pluginsWithNodes, status: newStatus(Code.UnschedulableAndUnresolvable, msg) };
        }
      }
    }
    return { result, pluginsWithNodes, status: undefined };
  }

  /**
   * Tells every PreFilter plugin (not skipped) that toAdd now runs on nodeInfo, so its state
   * matches (RunPreFilterExtensionAddPod); an extension's failure is an Error naming the plugin.
   */
  runPreFilterExtensionAddPod(
    state: CycleState,
    p: PodInfo,
    toAdd: PodInfo,
    nodeInfo: NodeInfo,
  ): MaybeStatus {
    return this.runPreFilterExtensions("AddPod", state, p, toAdd, nodeInfo);
  }

  /** As runPreFilterExtensionAddPod, for toRemove taken off nodeInfo (RunPreFilterExtensionRemovePod). */
  runPreFilterExtensionRemovePod(
    state: CycleState,
    p: PodInfo,
    toRemove: PodInfo,
    nodeInfo: NodeInfo,
  ): MaybeStatus {
    return this.runPreFilterExtensions("RemovePod", state, p, toRemove, nodeInfo);
  }

  private runPreFilterExtensions(
    op: "AddPod" | "RemovePod",
    state: CycleState,
    p: PodInfo,
    other: PodInfo,
    nodeInfo: NodeInfo,
  ): MaybeStatus {
    for (const pl of this.preFilterPlugins) {
      const ext = pl.preFilterExtensions?.();
      if (!ext || state.skipFilterPlugins.has(pl.name)) continue;
      const s =
        op === "AddPod" ? ext.addPod(state, p, other, nodeInfo) : ext.removePod(state, p, other, nodeInfo);
      if (!isSuccess(s))
        return newStatus(
          Code.Error,
          `running ${op} on PreFilter plugin "${pl.name}": ${(s as Status).message()}`,
        );
    }
    return undefined;
  }

  /** The Filter plugins the cycle runs (those PreFilter did not skip), computed once per state. */
  filtersToRun(state: CycleState): FilterPlugin[] {
    const cached = state.filtersToRun;
    // skipFilterPlugins only grows, so an unchanged size means an unchanged set.
    if (cached && cached.owner === this && cached.skipped === state.skipFilterPlugins.size)
      return cached.plugins;
    const plugins = this.filterPlugins.filter((pl) => !state.skipFilterPlugins.has(pl.name));
    state.filtersToRun = { owner: this, skipped: state.skipFilterPlugins.size, plugins };
    return plugins;
  }

  /** Runs Filter on one node, stopping at the first non-success (RunFilterPlugins). */
  runFilterPlugins(state: CycleState, p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return this.runFilterPluginsWith(this.filtersToRun(state), state, p, nodeInfo);
  }

  /**
   * The Filter plugins worth calling node by node for the pod in this cycle: those PreFilter did
   * not skip, minus those that pass on every node (their verdict is Success wherever they'd run).
   */
  filtersForPod(state: CycleState, p: PodInfo): FilterPlugin[] {
    const all = this.filtersToRun(state);
    let out: FilterPlugin[] | undefined;
    for (let i = 0; i < all.length; i++) {
      const pl = all[i] as FilterPlugin;
      if (pl.passesEveryNode?.(state, p)) out ??= all.slice(0, i);
      else out?.push(pl);
    }
    return out ?? all;
  }

  /** runFilterPlugins over the given plugins (one of filtersToRun or filtersForPod). */
  runFilterPluginsWith(
    plugins: FilterPlugin[],
    state: CycleState,
    p: PodInfo,
    nodeInfo: NodeInfo,
  ): MaybeStatus {
    for (let i = 0; i < plugins.length; i++) {
      const pl = plugins[i] as FilterPlugin;
      const s = pl.filter(state, p, nodeInfo);
      if (s !== undefined && s.code !== Code.Success) {
        const st = s;
        if (!st.isRejected())
          return newStatus(Code.Error, `running "${pl.name}" filter plugin: ${st.message()}`).withPlugin(
            pl.name,
          );
        return st.withPlugin(pl.name);
      }
    }
    return undefined;
  }

  /** Every Filter plugin's verdict on one node (for explanations). */
  runAllFilterPlugins(
    state: CycleState,
    p: PodInfo,
    nodeInfo: NodeInfo,
  ): { plugin: string; status: MaybeStatus }[] {
    return this.filterPlugins.map((pl) => ({
      plugin: pl.name,
      status: state.skipFilterPlugins.has(pl.name) ? newStatus(Code.Skip) : pl.filter(state, p, nodeInfo),
    }));
  }

  /** Runs PostFilter until one succeeds or says the pod is unresolvable (RunPostFilterPlugins). */
  runPostFilterPlugins(
    state: CycleState,
    p: PodInfo,
    m: NodeToStatus,
  ): { result?: PostFilterResult; status: MaybeStatus } {
    let result: PostFilterResult | undefined;
    const reasons: string[] = [];
    let rejector = "";
    for (const pl of this.postFilterPlugins) {
      const { result: r, status: s } = pl.postFilter(state, p, m);
      if (isSuccess(s)) return { result: r, status: s };
      const st = s as Status;
      if (st.code === Code.UnschedulableAndUnresolvable) return { result: r, status: st.withPlugin(pl.name) };
      if (!st.isRejected()) return { status: newStatus(Code.Error, st.message()).withPlugin(pl.name) };
      if (r) result = r;
      reasons.push(...st.reasons);
      if (!rejector) rejector = pl.name;
    }
    return { result, status: newStatus(Code.Unschedulable, ...reasons).withPlugin(rejector) };
  }

  /** Runs PreScore; Skip marks the plugin's Score as skipped. */
  runPreScorePlugins(state: CycleState, p: PodInfo, nodes: NodeInfo[]): MaybeStatus {
    for (const pl of this.preScorePlugins) {
      const s = pl.preScore(state, p, nodes);
      if (s?.code === Code.Skip) {
        state.skipScorePlugins.add(pl.name);
        continue;
      }
      if (!isSuccess(s))
        return newStatus(Code.Error, `running PreScore plugin "${pl.name}": ${s?.message()}`);
    }
    return undefined;
  }

  /**
   * Scores, normalizes and weights every feasible node (RunScorePlugins). The table's columns
   * are scratch buffers reused by the next cycle: keep a copy (compactScoreTable) to retain it.
   */
  runScorePlugins(
    state: CycleState,
    p: PodInfo,
    nodes: NodeInfo[],
    at?: NodeSlots,
  ): { table: ScoreTable; status: MaybeStatus } {
    const n = nodes.length;
    if (this.scratchSize !== n) {
      this.scratchSize = n;
      this.scratch = [];
      this.scratchNames = new Array(n);
    }
    const names = this.scratchNames;
    if (at) {
      const { names: bySlot } = at.columns;
      const { slots } = at;
      for (let i = 0; i < n; i++) names[i] = bySlot[slots[i] as number] as string;
    } else for (let i = 0; i < n; i++) names[i] = (nodes[i] as NodeInfo).name;
    const column = (k: number): number[] => {
      let c = this.scratch[k];
      if (!c) {
        c = new Array(n).fill(0);
        this.scratch[k] = c;
      }
      return c;
    };
    const total = column(0);
    const table: ScoreTable = { nodes: names, plugins: [], weights: [], raw: [], normalized: [], total };
    // The weighted sum of the plugins that gave every node the same score, added at the end.
    let everyNode = 0;
    // Whether total holds a sum yet (the first per-node plugin writes it instead of adding).
    let summed = false;
    let k = 1;
    for (const { plugin, weight } of this.scorePlugins) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const raws = column(k++);
      const every = plugin.scoreEveryNode?.(state, p);
      let normalized = raws;
      if (every !== undefined) {
        // The same score everywhere normalizes to the same value everywhere (the contract of
        // scoreEveryNode): normalize it once, as a list of one.
        raws.fill(every, 0, n);
        let v = every;
        if (plugin.normalizeScore) {
          const one = this.oneScore;
          one[0] = { name: names[0] as string, score: every };
          const s = plugin.normalizeScore(state, p, one);
          if (!isSuccess(s)) return { table, status: newStatus(Code.Error, s?.message() ?? "") };
          v = (one[0] as NodeScore).score;
          normalized = column(k++);
          normalized.fill(v, 0, n);
        }
        const bad = invalidScore(plugin.name, v);
        if (bad) return { table, status: bad };
        everyNode += v * weight;
      } else {
        if (plugin.scoreNodes) {
          const s = plugin.scoreNodes(state, p, nodes, n, raws, at);
          if (s !== undefined && s.code !== Code.Success)
            return { table, status: newStatus(Code.Error, s.message()) };
        } else
          for (let i = 0; i < n; i++) {
            const score = plugin.score(state, p, nodes[i] as NodeInfo);
            if (typeof score !== "number") return { table, status: newStatus(Code.Error, score.message()) };
            raws[i] = score;
          }
        // NormalizeScore works on NodeScore records; without it the raw column is the final one.
        if (plugin.normalizeScore) {
          const list = this.scoreListOf(names, n);
          for (let i = 0; i < n; i++) (list[i] as NodeScore).score = raws[i] as number;
          const s = plugin.normalizeScore(state, p, list);
          if (!isSuccess(s)) return { table, status: newStatus(Code.Error, s?.message() ?? "") };
          normalized = column(k++);
          for (let i = 0; i < n; i++) normalized[i] = (list[i] as NodeScore).score;
        }
        for (let i = 0; i < n; i++) {
          const v = normalized[i] as number;
          if (v > 100 || v < 0) return { table, status: invalidScore(plugin.name, v) };
          total[i] = (summed ? (total[i] as number) : 0) + v * weight;
        }
        summed = true;
      }
      table.plugins.push(plugin.name);
      table.weights.push(weight);
      table.raw.push(raws);
      table.normalized.push(normalized);
    }
    if (!summed) total.fill(everyNode, 0, n);
    else if (everyNode !== 0) for (let i = 0; i < n; i++) total[i] = (total[i] as number) + everyNode;
    return { table, status: undefined };
  }
  private scratch: number[][] = [];
  private readonly oneScore: NodeScore[] = [];

  /**
   * One NodeScore list reused by every plugin (NormalizeScore works on it in place), and kept for
   * the next cycle of the same size: plugins never hold on to it.
   */
  private scoreListOf(names: readonly string[], n: number): NodeScore[] {
    let list = this.scoreList;
    if (list.length !== n) {
      list = new Array(n);
      for (let i = 0; i < n; i++) list[i] = { name: "", score: 0 };
      this.scoreList = list;
    }
    for (let i = 0; i < n; i++) (list[i] as NodeScore).name = names[i] as string;
    return list;
  }
  private scratchNames: string[] = [];
  private scratchSize = 0;

  /** Runs Reserve; on failure the caller runs Unreserve. */
  runReservePluginsReserve(state: CycleState, p: PodInfo, node: string): MaybeStatus {
    for (const pl of this.reservePlugins) {
      const s = pl.reserve(state, p, node);
      if (!isSuccess(s)) return (s as Status).withPlugin(pl.name);
    }
    return undefined;
  }

  /** Runs Unreserve in reverse order. */
  runReservePluginsUnreserve(state: CycleState, p: PodInfo, node: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--)
      this.reservePlugins[i]?.unreserve(state, p, node);
  }

  /** Runs Permit (Wait is treated as approval: nothing in the simulator waits). */
  runPermitPlugins(state: CycleState, p: PodInfo, node: string): MaybeStatus {
    for (const pl of this.permitPlugins) {
      const s = pl.permit(state, p, node);
      if (!isSuccess(s) && s?.code !== Code.Wait) return (s as Status).withPlugin(pl.name);
    }
    return undefined;
  }

  /**
   * Runs PreBind. A rejection or a Wait keeps its plugin; an error is wrapped as RunPreBindPlugins
   * wraps it (`running PreBind plugin "VolumeBinding": ...`).
   */
  runPreBindPlugins(state: CycleState, p: PodInfo, node: string): MaybeStatus {
    for (const pl of this.preBindPlugins) {
      const s = pl.preBind(state, p, node);
      if (isSuccess(s)) continue;
      const st = s as Status;
      if (st.code !== Code.Error) return st.withPlugin(pl.name);
      return asStatus(`running PreBind plugin "${pl.name}": ${st.message()}`).withPlugin(pl.name);
    }
    return undefined;
  }

  /** Runs Bind plugins until one does not Skip. */
  runBindPlugins(state: CycleState, p: PodInfo, node: string): MaybeStatus {
    for (const pl of this.bindPlugins) {
      const s = pl.bind(state, p, node);
      if (s?.code === Code.Skip) continue;
      return s ? s.withPlugin(pl.name) : undefined;
    }
    return newStatus(Code.Skip);
  }

  /** Runs PostBind. */
  runPostBindPlugins(state: CycleState, p: PodInfo, node: string): void {
    for (const pl of this.postBindPlugins) pl.postBind(state, p, node);
  }
}
