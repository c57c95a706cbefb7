/**
 * ingress-nginx in the simulated cluster: its controller and its admission Jobs' certgen run as
 * process hooks of the container runtime, so applying the project's static manifest brings them up
 * as on a real cluster. Nothing routes Ingresses until a controller runs.
 */
import type { Cluster } from "../cluster";
import { CertgenHook } from "./certgen";
import { IngressNginxControllers } from "./controller";

/** Installs the ingress-nginx hooks in a cluster's container runtime (createCluster does). */
export function installIngressNginx(cluster: Cluster): IngressNginxControllers {
  const controllers = new IngressNginxControllers(cluster);
  cluster.processHooks.push(controllers, new CertgenHook(cluster));
  return controllers;
}
