/**
 * `kubectl describe`: the describe.go text for an object, reading its events and related
 * objects (pods, replica sets, endpoints, quotas) from the store.
 *
 * @example describe(api.get("Pod", "default", "web")!, {api, now: clock.now()})
 */
import type { KubeObject } from "../../engine/api/types";
import {
  describeHorizontalPodAutoscaler,
  describeIngress,
  describeIngressClass,
  describeNetworkPolicy,
} from "./apis";
import { describeCertificateSigningRequest } from "./certificates";
import type { DescribeContext } from "./common";
import { describeGeneric, describeNamespace, describeService } from "./misc";
import { describeNode } from "./node";
import {
  describeConfigMap,
  describeEndpoints,
  describeJob,
  describeLimitRange,
  describePodDisruptionBudget,
  describePriorityClass,
  describeResourceQuota,
  describeRoleBinding,
  describeSecret,
  describeServiceAccount,
} from "./others";
import { describePod } from "./pod";
import { describeRole } from "./rbac";
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from "./storage";
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from "./workloads";

export { type DescribeContext, describeEvents, rfc1123z, taintString } from "./common";
export { podResources } from "./node";
export { podQOS } from "./pod";
export { formatQuantity, parseQuantity } from "./quantity";

const DESCRIBERS: Record<string, (obj: KubeObject, ctx: DescribeContext) => string> = {
  Pod: describePod,
  Node: describeNode,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  DaemonSet: describeDaemonSet,
  StatefulSet: describeStatefulSet,
  CertificateSigningRequest: describeCertificateSigningRequest,
  Service: describeService,
  Namespace: describeNamespace,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ServiceAccount: describeServiceAccount,
  PriorityClass: describePriorityClass,
  ResourceQuota: describeResourceQuota,
  LimitRange: describeLimitRange,
  Job: describeJob,
  Endpoints: describeEndpoints,
  Role: describeRole,
  ClusterRole: describeRole,
  RoleBinding: describeRoleBinding,
  ClusterRoleBinding: describeRoleBinding,
  PodDisruptionBudget: describePodDisruptionBudget,
  PersistentVolume: describePersistentVolume,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  StorageClass: describeStorageClass,
  NetworkPolicy: describeNetworkPolicy,
  Ingress: describeIngress,
  IngressClass: describeIngressClass,
  HorizontalPodAutoscaler: describeHorizontalPodAutoscaler,
};

/** The text `kubectl describe` prints for one object; join several with DESCRIBE_SEPARATOR. */
export function describe(obj: KubeObject, ctx: DescribeContext): string {
  return (DESCRIBERS[obj.kind] ?? describeGeneric)(obj, ctx);
}

/** What kubectl describe prints between two objects. */
export const DESCRIBE_SEPARATOR = "\n\n";
