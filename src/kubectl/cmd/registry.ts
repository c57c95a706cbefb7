/** Every kubectl subcommand Kubeglass serves (apply is registered by index.ts). */
import type { Command } from "../command";
import { kustomize } from "../kustomize";
import { attach } from "./attach";
import { auth } from "./auth";
import { autoscale } from "./autoscale";
import { certificate } from "./certificate";
import { config } from "./config";
import { containerFor, exec, logs } from "./containers";
import { cp } from "./cp";
import { create } from "./create";
import { debug } from "./debug";
import { del } from "./delete";
import { describe } from "./describe";
import { diff } from "./diff";
import { cordon, drain, uncordon } from "./drain";
import { edit } from "./edit";
import { events } from "./events";
import { get } from "./get";
import { apiResources, apiVersions, clusterInfo, explain, version } from "./info";
import { annotate, label } from "./label";
import { expose, patch, replace, wait } from "./modify";
import { portForward } from "./port-forward";
import { proxy } from "./proxy";
import { run } from "./run";
import { scheduler } from "./scheduler";
import { taint } from "./taint";
import { top } from "./top";
import { rollout, scale, set } from "./workloads";

void containerFor;

/** The subcommands, by name. */
export const COMMANDS: Command[] = [
  get,
  describe,
  create,
  run,
  del,
  label,
  annotate,
  taint,
  cordon,
  uncordon,
  drain,
  scale,
  autoscale,
  set,
  rollout,
  logs,
  exec,
  version,
  apiResources,
  apiVersions,
  explain,
  config,
  clusterInfo,
  edit,
  diff,
  replace,
  patch,
  expose,
  wait,
  scheduler,
  top,
  events,
  auth,
  certificate,
  debug,
  portForward,
  attach,
  cp,
  proxy,
  kustomize,
];
