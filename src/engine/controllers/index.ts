/**
 * kube-controller-manager: the workload controllers. Each lives in its own folder with three
 * layers (watch handlers enqueue keys, sync(key) reconciles, pure predicates decide).
 */

import { installClusterRoleAggregation } from "../apiserver/auth/aggregation";
import type { Cluster } from "../cluster";
import { installCertificateControllers } from "./certificates/signer";
import { installCronJobController } from "./cronjob/controller";
import { installDaemonSetController } from "./daemonset/controller";
import { installDeploymentController } from "./deployment/controller";
import { installDisruptionController } from "./disruption/controller";
import { installEndpointControllers } from "./endpoints/controller";
import { installGarbageCollector } from "./garbagecollector/controller";
import { installJobController } from "./job/controller";
import { installNamespaceController } from "./namespace/controller";
import { installHorizontalPodAutoscalerController } from "./podautoscaler/horizontal";
import { installPodGC } from "./podgc/controller";
import { installReplicaSetController } from "./replicaset/controller";
import { installTokensController } from "./serviceaccount/tokens";
import { installStatefulSetController } from "./statefulset/controller";
import { installPersistentVolumeBinder } from "./volume/binder";
import { installVolumeExpandController } from "./volume/expand";
import { installVolumeProtection } from "./volume/protection";

export { rolloutHistory, rolloutStatus, rolloutUndo } from "./deployment/rollout";

/** Starts the controllers. */
export function installControllers(cluster: Cluster): void {
  installDeploymentController(cluster);
  installReplicaSetController(cluster);
  installDaemonSetController(cluster);
  installStatefulSetController(cluster);
  installCertificateControllers(cluster);
  installJobController(cluster);
  installCronJobController(cluster);
  installGarbageCollector(cluster);
  installPodGC(cluster);
  installNamespaceController(cluster);
  installEndpointControllers(cluster);
  installDisruptionController(cluster);
  installPersistentVolumeBinder(cluster);
  installClusterRoleAggregation(cluster);
  installVolumeProtection(cluster);
  installVolumeExpandController(cluster);
  installHorizontalPodAutoscalerController(cluster);
  installTokensController(cluster);
}
