/**
 * Mutable views of the kubernetes-types kinds the engine works with. Cast a KubeObject to one
 * of these (`obj as Pod`) to read it with types; clone() before changing a stored object.
 */
import type {
  DaemonSet as K8sDaemonSet,
  Deployment as K8sDeployment,
  ReplicaSet as K8sReplicaSet,
} from "kubernetes-types/apps/v1";
import type { Job as K8sJob } from "kubernetes-types/batch/v1";
import type {
  Container as K8sContainer,
  Endpoints as K8sEndpoints,
  Namespace as K8sNamespace,
  Node as K8sNode,
  Pod as K8sPod,
  PodSpec as K8sPodSpec,
  ResourceQuota as K8sResourceQuota,
  Service as K8sService,
  Taint as K8sTaint,
  Toleration as K8sToleration,
} from "kubernetes-types/core/v1";
import type { PriorityClass as K8sPriorityClass } from "kubernetes-types/scheduling/v1";
import type { KubeObject, Mutable } from "./types";

type Kind<T> = Mutable<T> & KubeObject;

export type Pod = Kind<K8sPod>;
export type PodSpec = Mutable<K8sPodSpec>;
export type Container = Mutable<K8sContainer>;
export type Node = Kind<K8sNode>;
export type Namespace = Kind<K8sNamespace>;
export type Service = Kind<K8sService>;
export type Endpoints = Kind<K8sEndpoints>;
export type ResourceQuota = Kind<K8sResourceQuota>;
export type Deployment = Kind<K8sDeployment>;
export type ReplicaSet = Kind<K8sReplicaSet>;
export type DaemonSet = Kind<K8sDaemonSet>;
export type Job = Kind<K8sJob>;
export type PriorityClass = Kind<K8sPriorityClass>;
export type Taint = Mutable<K8sTaint>;
export type Toleration = Mutable<K8sToleration>;
