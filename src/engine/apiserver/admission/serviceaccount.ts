/**
 * ServiceAccount admission (plugin/pkg/admission/serviceaccount): a pod runs as its namespace's
 * `default` ServiceAccount unless it names one, and gets the projected kube-api-access-XXXXX
 * token volume mounted in every container, as a real v1.32 pod has.
 */

import type { AdmissionPlugin } from "../../api/interface";
import type { Rng } from "../../clock/random";
import { admissionForbidden } from "./forbidden";

export const DEFAULT_SERVICE_ACCOUNT = "default";
/** Where the token volume is mounted. */
export const SERVICE_ACCOUNT_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
/** The ConfigMap with the cluster CA every namespace gets (root-ca-cert-publisher). */
export const ROOT_CA_CONFIGMAP = "kube-root-ca.crt";
const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

// biome-ignore lint/suspicious/noExplicitAny: open JSON
type Json = any;

/** The projected volume source the plugin adds (TokenVolumeSource). */
export function tokenVolume(name: string): Json {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: "ca.crt", path: "ca.crt" }] } },
        {
          downwardAPI: {
            items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }],
          },
        },
      ],
      defaultMode: 420,
    },
  };
}

/** The ServiceAccount admission plugin; rng names the token volume. */
export function serviceAccountAdmission(rng: Rng): AdmissionPlugin {
  return {
    name: "ServiceAccount",
    mutate(request) {
      const pod = request.object;
      if (pod?.kind !== "Pod" || request.subresource !== "" || request.operation !== "CREATE") return;
      const spec = pod.spec;
      if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
        if (spec.serviceAccountName)
          throw admissionForbidden(request, "a mirror pod may not reference service accounts");
        return;
      }
      if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
      spec.serviceAccount = spec.serviceAccountName;
      const ns = pod.metadata.namespace as string;
      const sa = request.api.get("ServiceAccount", ns, spec.serviceAccountName);
      // The default account is created just after its namespace; a pod in the same instant waits
      // on nothing here rather than failing as a real cluster briefly would.
      if (!sa && spec.serviceAccountName !== DEFAULT_SERVICE_ACCOUNT)
        throw admissionForbidden(
          request,
          `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
        );
      const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
      if (!automount) return;
      const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
      const alreadyMounted = containers.some((c: Json) =>
        (c?.volumeMounts ?? []).some((m: Json) => m?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH),
      );
      if (alreadyMounted) return;
      const existing = new Set((spec.volumes ?? []).map((v: Json) => v?.name));
      let volumeName = "";
      do volumeName = `kube-api-access-${rng.nameSuffix()}`;
      while (existing.has(volumeName));
      spec.volumes = [...(spec.volumes ?? []), tokenVolume(volumeName)];
      for (const c of containers) {
        if (!c) continue;
        c.volumeMounts = [
          ...(c.volumeMounts ?? []),
          { name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH },
        ];
      }
    },
  };
}
