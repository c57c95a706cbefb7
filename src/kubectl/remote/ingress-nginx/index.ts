/**
 * The ingress-nginx static manifests learners apply by URL (kubernetes/ingress-nginx's deploy
 * guide: `kubectl apply -f https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-vX/deploy/static/provider/cloud/deploy.yaml`,
 * baremetal for NodePort clusters). Each release tag's text is bundled byte for byte.
 */
import { INGRESS_NGINX_V1_10_1_BAREMETAL, INGRESS_NGINX_V1_10_1_CLOUD } from "./controller-v1.10.1";
import { INGRESS_NGINX_V1_11_3_BAREMETAL, INGRESS_NGINX_V1_11_3_CLOUD } from "./controller-v1.11.3";
import { INGRESS_NGINX_V1_12_0_BAREMETAL, INGRESS_NGINX_V1_12_0_CLOUD } from "./controller-v1.12.0";

/** The bundled releases: tag, and the text of each provider's deploy.yaml. */
const RELEASES: readonly { tag: string; baremetal: string; cloud: string }[] = [
  {
    tag: "controller-v1.10.1",
    baremetal: INGRESS_NGINX_V1_10_1_BAREMETAL,
    cloud: INGRESS_NGINX_V1_10_1_CLOUD,
  },
  {
    tag: "controller-v1.11.3",
    baremetal: INGRESS_NGINX_V1_11_3_BAREMETAL,
    cloud: INGRESS_NGINX_V1_11_3_CLOUD,
  },
  {
    tag: "controller-v1.12.0",
    baremetal: INGRESS_NGINX_V1_12_0_BAREMETAL,
    cloud: INGRESS_NGINX_V1_12_0_CLOUD,
  },
];

/** raw.githubusercontent.com's URL of a provider's deploy.yaml at a tag. */
export function ingressNginxManifestUrl(tag: string, provider: "baremetal" | "cloud"): string {
  return `https://raw.githubusercontent.com/kubernetes/ingress-nginx/${tag}/deploy/static/provider/${provider}/deploy.yaml`;
}

/** The bundled ingress-nginx manifests by URL. */
export const INGRESS_NGINX_MANIFESTS: Readonly<Record<string, string>> = Object.fromEntries(
  RELEASES.flatMap((r) => [
    [ingressNginxManifestUrl(r.tag, "baremetal"), r.baremetal],
    [ingressNginxManifestUrl(r.tag, "cloud"), r.cloud],
  ]),
);
