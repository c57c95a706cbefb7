/** The in-tree plugins: one map from name to factory (plugins/registry.go). */
import type { PluginFactory } from "../framework/interface";
import { DefaultBinderPlugin } from "./defaultbinder/default-binder";
import { DefaultPreemptionPlugin } from "./defaultpreemption/default-preemption";
import { ImageLocalityPlugin } from "./imagelocality/image-locality";
import { InterPodAffinityPlugin } from "./interpodaffinity/interpod-affinity";
import * as names from "./names";
import { NodeAffinityPlugin } from "./nodeaffinity/node-affinity";
import { NodeNamePlugin } from "./nodename/node-name";
import { NodePortsPlugin } from "./nodeports/node-ports";
import { BalancedAllocationPlugin } from "./noderesources/balanced-allocation";
import { FitPlugin } from "./noderesources/fit";
import { NodeUnschedulablePlugin } from "./nodeunschedulable/node-unschedulable";
import { CSILimitsPlugin } from "./nodevolumelimits/csi";
import { PodTopologySpreadPlugin } from "./podtopologyspread/pod-topology-spread";
import { PrioritySortPlugin } from "./queuesort/priority-sort";
import { SchedulingGatesPlugin } from "./schedulinggates/scheduling-gates";
import { TaintTolerationPlugin } from "./tainttoleration/taint-toleration";
import { VolumeBindingPlugin } from "./volumebinding/volume-binding";
import { VolumeRestrictionsPlugin } from "./volumerestrictions/volume-restrictions";
import { VolumeZonePlugin } from "./volumezone/volume-zone";

// biome-ignore lint/suspicious/noExplicitAny: plugin args are decoded from YAML
type Args = any;

/** Every in-tree plugin by name. */
export const inTreeRegistry: Record<string, PluginFactory> = {
  [names.SchedulingGates]: () => new SchedulingGatesPlugin(),
  [names.PrioritySort]: () => new PrioritySortPlugin(),
  [names.NodeUnschedulable]: (_args, h) => new NodeUnschedulablePlugin(h),
  [names.NodeName]: () => new NodeNamePlugin(),
  [names.TaintToleration]: (_args, h) => new TaintTolerationPlugin(h),
  [names.NodeAffinity]: (args: Args) => new NodeAffinityPlugin(args),
  [names.NodePorts]: () => new NodePortsPlugin(),
  [names.NodeResourcesFit]: (args: Args) => new FitPlugin(args),
  [names.VolumeRestrictions]: (_args, h) => new VolumeRestrictionsPlugin(h),
  [names.NodeVolumeLimits]: (_args, h) => new CSILimitsPlugin(h),
  [names.VolumeBinding]: (_args, h) => new VolumeBindingPlugin(h),
  [names.VolumeZone]: (_args, h) => new VolumeZonePlugin(h),
  [names.NodeResourcesBalancedAllocation]: (args: Args) => new BalancedAllocationPlugin(args),
  [names.PodTopologySpread]: (args: Args, h) => new PodTopologySpreadPlugin(h, args),
  [names.InterPodAffinity]: (args: Args, h) => new InterPodAffinityPlugin(h, args),
  [names.ImageLocality]: (_args, h) => new ImageLocalityPlugin(h),
  [names.DefaultPreemption]: (args: Args, h) => new DefaultPreemptionPlugin(h, args),
  [names.DefaultBinder]: (_args, h) => new DefaultBinderPlugin(h),
};
