/**
 * local-path-provisioner's names: the image, main.go's defaults, the annotations it and the
 * external provisioner library read and write, and the library's event reasons.
 */

/** The image's short name (docker.io/rancher/local-path-provisioner). */
export const LocalPathProvisionerImage = "local-path-provisioner";
/** main.go defaults. */
export const DefaultProvisionerName = "rancher.io/local-path";
export const DefaultNamespace = "local-path-storage";
export const DefaultConfigMapName = "local-path-config";
export const DefaultServiceAccount = "local-path-provisioner-service-account";
export const DefaultConfigFileKey = "config.json";
export const DefaultHelperPodFile = "helperPod.yaml";

/** Annotations: the claim's provisioner and node (set by the PV controller and the scheduler). */
export const AnnStorageProvisioner = "volume.kubernetes.io/storage-provisioner";
export const AnnBetaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner";
export const AnnSelectedNode = "volume.kubernetes.io/selected-node";
/** The provisioner a volume came from (annDynamicallyProvisioned). */
export const AnnDynamicallyProvisioned = "pv.kubernetes.io/provisioned-by";
/** The node local-path records on its volumes (nodeNameAnnotationKey). */
export const AnnLocalPathSelectedNode = "local.path.provisioner/selected-node";

/** Event reasons of the external provisioner library. */
export const Provisioning = "Provisioning";
export const ProvisioningSucceeded = "ProvisioningSucceeded";
export const ProvisioningFailed = "ProvisioningFailed";
export const VolumeFailedDelete = "VolumeFailedDelete";
