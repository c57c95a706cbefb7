/**
 * The bootstrap controllers kube-controller-manager leaves off unless its --controllers flag
 * names them (ControllersDisabledByDefault: bootstrapsigner, tokencleaner), as kubeadm's does:
 * `--controllers=*,bootstrapsigner,tokencleaner`.
 */
import type { Cluster } from "../../cluster";
import { KUBE_CONTROLLER_MANAGER } from "../../controlplane";
import { installBootstrapSigner } from "./signer";
import { installTokenCleaner } from "./tokencleaner";

/** Where kubeadm writes kube-controller-manager's static pod manifest. */
const KCM_MANIFEST = "/etc/kubernetes/manifests/kube-controller-manager.yaml";

/** Whether a --controllers list enables a controller that is off by default (named, not `-name`). */
export function enablesDisabledByDefault(controllers: string[], name: string): boolean {
  return controllers.includes(name) && !controllers.includes(`-${name}`);
}

/** The --controllers list of the kube-controller-manager manifest on a node, if one has it. */
export function kubeControllerManagerControllers(cluster: Cluster): string[] {
  for (const host of cluster.hosts.values()) {
    if (!host.fs.isFile(KCM_MANIFEST)) continue;
    const m = /--controllers=(\S+)/.exec(host.fs.read(KCM_MANIFEST));
    if (m) return (m[1] as string).replace(/^["']|["']$/g, "").split(",");
  }
  return [];
}

/** Starts the token cleaner and the bootstrap signer when kube-controller-manager's flags enable them. */
export function installBootstrapControllers(cluster: Cluster): void {
  const controllers = kubeControllerManagerControllers(cluster);
  cluster.withProcess(KUBE_CONTROLLER_MANAGER, () => {
    if (enablesDisabledByDefault(controllers, "tokencleaner")) installTokenCleaner(cluster);
    if (enablesDisabledByDefault(controllers, "bootstrapsigner")) installBootstrapSigner(cluster);
  });
}
