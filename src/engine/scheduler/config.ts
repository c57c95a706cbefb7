/**
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1): profiles, their plugin sets and
 * args, merged over the v1.32 defaults (apis/config/v1/default_plugins.go, mergePluginSet).
 */
import * as names from "./plugins/names";

/** A plugin and its score weight. */
export interface PluginRef {
  name: string;
  weight?: number;
}

/** Plugins enabled and disabled at one extension point. */
export interface PluginSet {
  enabled?: PluginRef[];
  disabled?: PluginRef[];
}

/** The extension points a profile may configure. */
export const EXTENSION_POINTS = [
  "preEnqueue",
  "queueSort",
  "preFilter",
  "filter",
  "postFilter",
  "preScore",
  "score",
  "reserve",
  "permit",
  "preBind",
  "bind",
  "postBind",
] as const;

/** One extension point's name. */
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

/** A profile's plugins, per extension point plus multiPoint. */
export type Plugins = Partial<Record<ExtensionPoint | "multiPoint", PluginSet>>;

/** KubeSchedulerProfile. */
export interface Profile {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: Plugins;
  pluginConfig?: { name: string; args?: Record<string, unknown> }[];
}

/** KubeSchedulerConfiguration (the parts the simulator uses). */
export interface KubeSchedulerConfiguration {
  apiVersion?: string;
  kind?: string;
  percentageOfNodesToScore?: number;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  profiles?: Profile[];
}

/** The default scheduler's name. */
export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

/** The v1.32 default multiPoint plugins, in order, with score weights. */
export const defaultMultiPoint: PluginRef[] = [
  { name: names.SchedulingGates },
  { name: names.PrioritySort },
  { name: names.NodeUnschedulable },
  { name: names.NodeName },
  { name: names.TaintToleration, weight: 3 },
  { name: names.NodeAffinity, weight: 2 },
  { name: names.NodePorts },
  { name: names.NodeResourcesFit, weight: 1 },
  { name: names.VolumeRestrictions },
  { name: names.NodeVolumeLimits },
  { name: names.VolumeBinding },
  { name: names.VolumeZone },
  { name: names.PodTopologySpread, weight: 2 },
  { name: names.InterPodAffinity, weight: 2 },
  { name: names.DefaultPreemption },
  { name: names.NodeResourcesBalancedAllocation, weight: 1 },
  { name: names.ImageLocality, weight: 1 },
  { name: names.DefaultBinder },
];

/** Upstream plugins the simulator does not have: accepted in a configuration and ignored. */
const UNMODELLED = new Set<string>();

/** Merges a custom set over a default one (mergePluginSet): replaced in place, new ones appended. */
export function mergePluginSet(defaults: PluginRef[], custom: PluginSet | undefined): PluginSet {
  const disabled = new Set((custom?.disabled ?? []).map((p) => p.name));
  const enabled = custom?.enabled ?? [];
  const byName = new Map(enabled.map((p, i) => [p.name, i] as const));
  const replaced = new Set<number>();
  const out: PluginRef[] = [];
  if (!disabled.has("*"))
    for (const d of defaults) {
      if (disabled.has(d.name)) continue;
      const i = byName.get(d.name);
      if (i !== undefined) {
        replaced.add(i);
        out.push(enabled[i] as PluginRef);
      } else out.push(d);
    }
  enabled.forEach((p, i) => {
    if (!replaced.has(i) && !UNMODELLED.has(p.name)) out.push(p);
  });
  return { enabled: out, disabled: custom?.disabled ?? [] };
}

/** A profile's effective plugins: the multiPoint list merged over defaults, and each point's own set. */
export function effectivePlugins(profile: Profile): Plugins {
  const plugins = profile.plugins ?? {};
  const out: Plugins = { multiPoint: mergePluginSet(defaultMultiPoint, plugins.multiPoint) };
  for (const ep of EXTENSION_POINTS) if (plugins[ep]) out[ep] = plugins[ep];
  return out;
}

/** The profiles of a configuration, with the default profile when none is given. */
export function profilesOf(config: KubeSchedulerConfiguration | undefined): Profile[] {
  const profiles = config?.profiles?.length ? config.profiles : [{}];
  return profiles.map((p) => ({
    ...p,
    schedulerName: p.schedulerName || DEFAULT_SCHEDULER_NAME,
    percentageOfNodesToScore: p.percentageOfNodesToScore ?? config?.percentageOfNodesToScore,
  }));
}
