/**
 * `kubeadm upgrade plan|apply|node` (cmd/kubeadm/app/cmd/upgrade, phases/upgrade): versions are
 * read from the cluster as kubeadm's KubeVersionGetter reads them (the kube-apiserver, controller
 * manager, scheduler and etcd static pods' image tags per node, each Node's kubeletVersion, the
 * CoreDNS Deployment's image); the newest release is the newest the simulated world has
 * (packages.ts). apply rewrites the static pod manifests with the new image tags and waits, on the
 * virtual clock, for the kubelet to restart each component; then it updates kubeadm-config and the
 * kube-proxy DaemonSet. Texts are v1.32's (policy.go, compute.go, plan.go, apply phases).
 */
import { clone, type KubeObject } from "../api/types";
import { apiServerVersion } from "../controlplane";
import { LATEST_RELEASE } from "../node/packages";
import type { Proc } from "../sh/interface";
import { CERTIFICATES, renewCertificate } from "./certs";
import {
  compareSemver,
  fail,
  imageTag,
  isControlPlaneNode,
  type KubeadmEnv,
  type KubeadmResult,
  kubeadmRelease,
  kubeadmTable,
  readingConfig,
  semver,
} from "./common";

/** kubeadm v1.32's CoreDNS version (constants.CoreDNSVersion). */
export const CoreDNSVersion = "v1.11.3";
/** The etcd kubeadm v1.32 installs (constants.SupportedEtcdVersion for 1.32). */
export const SupportedEtcdVersion = "3.5.16-0";
/** How long apply waits for the kubelet to restart a component (UpgradeManifestTimeout). */
export const UPGRADE_MANIFEST_TIMEOUT_MS = 5 * 60_000;

const CONTROL_PLANE = ["kube-apiserver", "kube-controller-manager", "kube-scheduler"] as const;
const SEPARATOR = "_____________________________________________________________________\n\n";

/** Versions → node names of a control-plane component's static pods. */
function componentVersions(env: KubeadmEnv, component: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pod of env.cluster.api.list("Pod", { namespace: "kube-system" })) {
    if (pod.metadata.labels?.component !== component) continue;
    const spec = (pod as { spec?: { nodeName?: string; containers?: { image?: string }[] } }).spec;
    const v = imageTag(spec?.containers?.[0]?.image);
    out.set(v, [...(out.get(v) ?? []), spec?.nodeName ?? ""]);
  }
  return out;
}

/** Versions → node names of the kubelets (Node status.nodeInfo.kubeletVersion). */
function kubeletVersions(env: KubeadmEnv): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of env.cluster.api.list("Node")) {
    const v =
      (node as { status?: { nodeInfo?: { kubeletVersion?: string } } }).status?.nodeInfo?.kubeletVersion ??
      "";
    out.set(v, [...(out.get(v) ?? []), node.metadata.name as string]);
  }
  return out;
}

/** The CoreDNS Deployment's version (dns.DeployedDNSAddon). */
function dnsVersion(env: KubeadmEnv): string {
  const d = env.cluster.api.get("Deployment", "kube-system", "coredns") as
    | { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } }
    | undefined;
  return imageTag(d?.spec?.template?.spec?.containers?.[0]?.image);
}

const sorted = (m: Map<string, string[]>) => [...m.keys()].sort();

/** The kube-apiserver version kubeadm sees (its pods, else /version), without the leading v. */
function clusterVersion(env: KubeadmEnv): string {
  const versions = sorted(componentVersions(env, "kube-apiserver")).filter((v) => semver(v));
  const newest = versions.sort(compareSemver).pop() ?? apiServerVersion(env.cluster);
  return newest.replace(/^v/, "");
}

/** `kubeadm upgrade plan [version]`. */
export function runPlan(env: KubeadmEnv, target?: string): KubeadmResult {
  if (!isControlPlaneNode(env))
    return fail(
      "",
      '[upgrade/init config] FATAL: failed to get config map: configmaps "kubeadm-config" is forbidden',
    );
  let out = `[preflight] Running pre-flight checks.\n${readingConfig("upgrade/config")}[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n`;
  const cluster = clusterVersion(env);
  const kubeadm = kubeadmRelease(env.fs).gitVersion;
  out += `[upgrade/versions] Cluster version: ${cluster}\n[upgrade/versions] kubeadm version: ${kubeadm}\n`;
  const stable = target ? (target.startsWith("v") ? target : `v${target}`) : LATEST_RELEASE.gitVersion;
  if (!semver(stable))
    return fail(
      out,
      `[upgrade/versions] FATAL: Unable to parse normalized version "${stable}" as a semantic version`,
    );
  out += `[upgrade/versions] Target version: ${stable}\n`;
  const [major, minor] = semver(cluster) as [number, number, number];
  const description = `version in the v${major}.${minor} series`;
  let upgrade: { description: string; kube: string; kubeadm: string } | undefined;
  if (compareSemver(stable, cluster) >= 0) {
    // stable-1.32 is the newest release of the cluster's minor (the world has only v1.32 releases).
    const patch = target ? stable : LATEST_RELEASE.gitVersion;
    out += `[upgrade/versions] Latest ${description}: ${patch}\n`;
    if (compareSemver(cluster, patch) < 0)
      upgrade = { description, kube: patch, kubeadm: compareSemver(kubeadm, patch) >= 0 ? kubeadm : patch };
  }
  out += "\n";
  if (!upgrade) return { stdout: out, stderr: "", exit: 0 };
  const kubelets = kubeletVersions(env);
  const rows: string[][] = [["COMPONENT", "NODE", "CURRENT", "TARGET"]];
  const canUpgradeKubelets = kubelets.size > 1 || (kubelets.size === 1 && !kubelets.has(upgrade.kube));
  if (canUpgradeKubelets)
    for (const v of sorted(kubelets))
      for (const n of kubelets.get(v) ?? []) rows.push(["kubelet", n, v, upgrade.kube]);
  out +=
    "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n";
  out += kubeadmTable(rows);
  out += `\nUpgrade to the latest ${upgrade.description}:\n\n`;
  const comps: string[][] = [["COMPONENT", "NODE", "CURRENT", "TARGET"]];
  for (const c of CONTROL_PLANE) {
    const versions = componentVersions(env, c);
    for (const v of sorted(versions))
      for (const n of versions.get(v) ?? []) comps.push([c, n, v, upgrade.kube]);
  }
  comps.push(["kube-proxy", "", cluster, upgrade.kube]);
  const dns = dnsVersion(env);
  if (dns) comps.push(["CoreDNS", "", dns, CoreDNSVersion]);
  const etcd = componentVersions(env, "etcd");
  for (const v of sorted(etcd))
    for (const n of etcd.get(v) ?? []) comps.push(["etcd", n, v, SupportedEtcdVersion]);
  out += kubeadmTable(comps);
  out += `\nYou can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${upgrade.kube}\n\n`;
  if (upgrade.kubeadm !== kubeadm)
    out += `Note: Before you can perform this upgrade, you have to update kubeadm to ${upgrade.kubeadm}.\n\n`;
  out += SEPARATOR;
  out += `\nThe table below shows the current state of component configs as understood by this version of kubeadm.\nConfigs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or\nresetting to kubeadm defaults before a successful upgrade can be performed. The version to manually\nupgrade to is denoted in the "PREFERRED VERSION" column.\n\n`;
  out += kubeadmTable([
    ["API GROUP", "CURRENT VERSION", "PREFERRED VERSION", "MANUAL UPGRADE REQUIRED"],
    ["kubeproxy.config.k8s.io", "v1alpha1", "v1alpha1", "no"],
    ["kubelet.config.k8s.io", "v1beta1", "v1beta1", "no"],
  ]);
  out += SEPARATOR;
  return { stdout: out, stderr: "", exit: 0 };
}

/** The version skew errors of EnforceVersionPolicies (phases/upgrade/policy.go). */
export function versionPolicyErrors(
  cluster: string,
  kubeadm: string,
  target: string,
): { mandatory: string[]; skippable: string[] } {
  const mandatory: string[] = [];
  const skippable: string[] = [];
  const [, cMinor] = semver(cluster) as number[];
  const [kMajor, kMinor] = semver(kubeadm) as number[];
  const [tMajor, tMinor] = semver(target) as number[];
  if ((tMinor as number) > (cMinor as number) + 1)
    mandatory.push(
      `Specified version to upgrade to "${target}" is too high; kubeadm can upgrade only 1 minor version at a time`,
    );
  if ((tMinor as number) < (cMinor as number) - 1)
    mandatory.push(
      `Specified version to downgrade to "${target}" is too low; kubeadm can downgrade only 1 minor version at a time`,
    );
  if (compareSemver(kubeadm, target) < 0) {
    if ((tMinor as number) > (kMinor as number))
      mandatory.push(
        `Specified version to upgrade to "${target}" is at least one minor release higher than the kubeadm minor release (${tMinor} > ${kMinor}). Such an upgrade is not supported`,
      );
    else
      skippable.push(
        `Specified version to upgrade to "${target}" is higher than the kubeadm version "${kubeadm}". Upgrade kubeadm first using the tool you used to install kubeadm`,
      );
  }
  if ((kMajor as number) > (tMajor as number) || (kMinor as number) > (tMinor as number))
    skippable.push(
      `Kubeadm version ${kubeadm} can only be used to upgrade to Kubernetes version ${kMajor}.${kMinor}`,
    );
  return { mandatory, skippable };
}

const formatErrs = (errs: string[]) => errs.map((e) => `\t- ${e}\n`).join("");

/** Options of `kubeadm upgrade apply`. */
export interface ApplyOptions {
  version?: string;
  yes: boolean;
  force: boolean;
  dryRun: boolean;
  stdin: string;
}

/** A virtual-clock timestamp as Go's time.Format("2006-01-02-15-04-05"). */
function backupStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[T:]/g, "-");
}

/** A klog warning line of kubeadm's own process. */
function klogWarning(ms: number, pid: number, caller: string, text: string): string {
  const iso = new Date(ms).toISOString();
  return `W${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000 ${String(pid).padStart(7)} ${caller}] ${text}\n`;
}

/** The mirror pod of a component on a node, if it runs the image and is Ready. */
function componentReady(env: KubeadmEnv, component: string, image: string): boolean {
  for (const pod of env.cluster.api.list("Pod", { namespace: "kube-system" })) {
    const p = pod as {
      metadata: KubeObject["metadata"];
      spec?: { nodeName?: string; containers?: { image?: string }[] };
      status?: { conditions?: { type: string; status: string }[] };
    };
    if (p.metadata.labels?.component !== component || p.spec?.nodeName !== env.nodeName) continue;
    if (p.spec?.containers?.[0]?.image !== image) continue;
    if (p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) return true;
  }
  return false;
}

/**
 * `kubeadm upgrade apply VERSION`: a process (it waits for the kubelet on the virtual clock).
 * Writes go to out/err as they happen.
 */
export function* runApply(
  env: KubeadmEnv,
  o: ApplyOptions,
  out: (s: string) => void,
  err: (s: string) => void,
): Proc {
  const die = (message: string): number => {
    err(`${message}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  };
  if (!o.version)
    return die(
      `error execution phase preflight: missing one or more required arguments. Required arguments: [version]`,
    );
  if (!isControlPlaneNode(env))
    return die(
      `error execution phase preflight: couldn't create a Kubernetes client from file "/etc/kubernetes/admin.conf": failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory`,
    );
  const target = o.version.startsWith("v") ? o.version : `v${o.version}`;
  out(readingConfig("upgrade"));
  out("[upgrade/preflight] Running preflight checks\n[upgrade] Running cluster health checks\n");
  if (!semver(target))
    return die(
      `error execution phase preflight: [upgrade/version] FATAL: Unable to parse normalized version "${target}" as a semantic version`,
    );
  out(`[upgrade/preflight] You have chosen to upgrade the cluster version to "${target}"\n`);
  const cluster = `v${clusterVersion(env)}`;
  const kubeadm = kubeadmRelease(env.fs).gitVersion;
  out(`[upgrade/versions] Cluster version: ${cluster}\n[upgrade/versions] kubeadm version: ${kubeadm}\n`);
  const errs = versionPolicyErrors(cluster, kubeadm, target);
  if (errs.mandatory.length)
    return die(
      `error execution phase preflight: the version argument is invalid due to these fatal errors:\n\n${formatErrs(errs.mandatory)}\nPlease fix the misalignments highlighted above and try upgrading again`,
    );
  if (errs.skippable.length) {
    if (!o.force)
      return die(
        `error execution phase preflight: the version argument is invalid due to these errors:\n\n${formatErrs(errs.skippable)}\nCan be bypassed if you pass the --force flag`,
      );
    out(
      `[upgrade/version] Found ${errs.skippable.length} potential version compatibility errors but skipping since the --force flag is set: \n\n${formatErrs(errs.skippable)}`,
    );
  }
  if (!o.yes && !o.force && !o.dryRun) {
    out("[upgrade] Are you sure you want to proceed? [y/N]: ");
    const answer = (o.stdin.split("\n")[0] ?? "").trim().toLowerCase();
    if (answer !== "y" && answer !== "yes") {
      out("\n");
      return die(
        "error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue",
      );
    }
  }
  out(
    "[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using 'kubeadm config images pull'\n",
  );
  const now = env.cluster.clock.now();
  const rng = env.cluster.rng;
  const tmpSuffix = () => String(rng.int(4_000_000_000));
  const upgraded = `/etc/kubernetes/tmp/kubeadm-upgraded-manifests${tmpSuffix()}`;
  const backup = `/etc/kubernetes/tmp/kubeadm-backup-manifests-${backupStamp(now)}`;
  out(
    `[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${target}" (timeout: 5m0s)...\n`,
  );
  out(`[upgrade/staticpods] Writing new Static Pod manifests to "${upgraded}"\n`);
  env.fs.mkdir(upgraded, true);
  env.fs.mkdir(backup, true);
  // etcd: kubeadm v1.32 installs the etcd the cluster already runs.
  out(
    `[upgrade/staticpods] Preparing for "etcd" upgrade\n[upgrade/staticpods] Current and new manifests of etcd are equal, skipping upgrade\n[upgrade/etcd] Waiting for etcd to become available\n`,
  );
  const renewals: Record<string, string[]> = {
    "kube-apiserver": [
      "apiserver",
      "apiserver-kubelet-client",
      "front-proxy-client",
      "apiserver-etcd-client",
    ],
    "kube-controller-manager": ["controller-manager.conf"],
    "kube-scheduler": ["scheduler.conf"],
  };
  for (const component of CONTROL_PLANE) {
    const path = `/etc/kubernetes/manifests/${component}.yaml`;
    out(`[upgrade/staticpods] Preparing for "${component}" upgrade\n`);
    const old = env.fs.isFile(path) ? env.fs.read(path) : "";
    const image = `registry.k8s.io/${component}:${target}`;
    const next = old.replace(new RegExp(`(image:\\s*)\\S*/${component}:\\S+`), `$1${image}`);
    if (next === old) {
      out(`[upgrade/staticpods] Current and new manifests of ${component} are equal, skipping upgrade\n`);
      continue;
    }
    for (const name of renewals[component] ?? []) {
      const h = CERTIFICATES.find((c) => c.name === name);
      if (!h) continue;
      out(`[upgrade/staticpods] Renewing ${name} certificate\n`);
      renewCertificate(env, h);
    }
    env.fs.write(`${upgraded}/${component}.yaml`, next);
    env.fs.write(`${backup}/${component}.yaml`, old);
    out(
      `[upgrade/staticpods] Moving new manifest to "${path}" and backing up old manifest to "${backup}/${component}.yaml"\n`,
    );
    env.fs.write(path, next);
    out(
      "[upgrade/staticpods] Waiting for the kubelet to restart the component\n[upgrade/staticpods] This can take up to 5m0s\n",
    );
    const deadline = env.cluster.clock.now() + UPGRADE_MANIFEST_TIMEOUT_MS;
    while (!componentReady(env, component, image)) {
      if (env.cluster.clock.now() >= deadline)
        return die(
          `error execution phase control-plane: couldn't complete the static pod upgrade: failed to obtain static Pod hash for component ${component} on Node ${env.nodeName}: context deadline exceeded`,
        );
      yield { kind: "sleep", ms: 1000 };
    }
    out(
      `[apiclient] Found 1 Pods for label selector component=${component}\n[upgrade/staticpods] Component "${component}" upgraded successfully!\n`,
    );
  }
  out("[upgrade/control-plane] The control plane instance for this node was successfully upgraded!\n");
  updateClusterConfiguration(env, target);
  out(
    `[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace\n[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster\n[upgrad/kubeconfig] The kubeconfig files for this node were successfully upgraded!\n`,
  );
  const kubeletTmp = `/etc/kubernetes/tmp/kubeadm-kubelet-config${tmpSuffix()}`;
  out(
    klogWarning(
      env.cluster.clock.now(),
      98016,
      "postupgrade.go:117",
      `Using temporary directory ${kubeletTmp} for kubelet config. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR`,
    ),
  );
  backupKubeletConfig(env, kubeletTmp);
  out(
    `[upgrade] Backing up kubelet config file to ${kubeletTmp}/config.yaml\n[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n`,
  );
  out(
    `[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules\n[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes\n[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials\n[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token\n[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster\n`,
  );
  upgradeKubeProxy(env, target);
  out("[addons] Applied essential addon: CoreDNS\n[addons] Applied essential addon: kube-proxy\n");
  out(
    `\n[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "${target}".\n\n[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n`,
  );
  return 0;
}

/** Sets kubernetesVersion in the kubeadm-config ConfigMap's ClusterConfiguration. */
function updateClusterConfiguration(env: KubeadmEnv, version: string): void {
  const cm = env.cluster.api.get("ConfigMap", "kube-system", "kubeadm-config");
  if (!cm) return;
  const next = clone(cm) as KubeObject & { data?: Record<string, string> };
  const text = next.data?.ClusterConfiguration;
  if (!text || !next.data) return;
  next.data.ClusterConfiguration = text.replace(/kubernetesVersion: \S+/, `kubernetesVersion: ${version}`);
  env.cluster.api.update(next);
}

/** The kube-proxy DaemonSet's image moves to the new version (its pods roll). */
function upgradeKubeProxy(env: KubeadmEnv, version: string): void {
  const ds = env.cluster.api.get("DaemonSet", "kube-system", "kube-proxy");
  if (!ds) return;
  const next = clone(ds) as KubeObject & {
    spec?: { template?: { spec?: { containers?: { name: string; image?: string }[] } } };
  };
  let changed = false;
  for (const c of next.spec?.template?.spec?.containers ?? [])
    if (c.image?.includes("/kube-proxy:")) {
      c.image = `registry.k8s.io/kube-proxy:${version}`;
      changed = true;
    }
  if (changed) env.cluster.api.update(next);
}

function backupKubeletConfig(env: KubeadmEnv, dir: string): void {
  const path = "/var/lib/kubelet/config.yaml";
  env.fs.mkdir(dir, true);
  if (env.fs.isFile(path)) env.fs.write(`${dir}/config.yaml`, env.fs.read(path));
}

/** `kubeadm upgrade node`: on a worker, the kubelet configuration only. */
export function runUpgradeNode(env: KubeadmEnv): KubeadmResult {
  if (isControlPlaneNode(env))
    return {
      stdout: `${readingConfig("upgrade")}[upgrade/preflight] Running pre-flight checks\n[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using 'kubeadm config images pull'\n[upgrade/control-plane] Upgrading the control plane instance on this node is not supported by \`kubeadm upgrade node\` in this simulation; use \`kubeadm upgrade apply\`\n`,
      stderr: "",
      exit: 1,
    };
  const tmp = `/etc/kubernetes/tmp/kubeadm-kubelet-config${env.cluster.rng.int(4_000_000_000)}`;
  backupKubeletConfig(env, tmp);
  return {
    stdout: `${readingConfig("upgrade")}[upgrade/preflight] Running pre-flight checks\n[upgrade/preflight] Skipping prepull. Not a control plane node.\n[upgrade/control-plane] Skipping phase. Not a control plane node.\n[upgrade/kubeconfig] Skipping phase. Not a control plane node.\n[upgrade] Backing up kubelet config file to ${tmp}/config.yaml\n[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.\n[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.\n`,
    stderr: "",
    exit: 0,
  };
}
