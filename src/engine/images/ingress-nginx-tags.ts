/**
 * The tags of ingress-nginx's images the catalog knows: every controller-v* release from 1.9.0 to
 * 1.14.5 (kubernetes/ingress-nginx's git tags), and every kube-webhook-certgen tag those
 * releases' static manifests reference.
 */

/** registry.k8s.io/ingress-nginx/controller's release tags. */
export const INGRESS_NGINX_CONTROLLER_TAGS: readonly string[] = `v1.9.0 v1.9.1 v1.9.3 v1.9.4 v1.9.5
  v1.9.6 v1.10.0 v1.10.1 v1.10.2 v1.10.3 v1.10.4 v1.10.5 v1.10.6 v1.11.0 v1.11.1 v1.11.2 v1.11.3
  v1.11.4 v1.11.5 v1.11.6 v1.11.7 v1.11.8 v1.12.0 v1.12.1 v1.12.2 v1.12.3 v1.12.4 v1.12.5 v1.12.6
  v1.12.7 v1.12.8 v1.13.0 v1.13.1 v1.13.2 v1.13.3 v1.13.4 v1.13.5 v1.13.6 v1.13.7 v1.13.8 v1.13.9
  v1.14.0 v1.14.1 v1.14.2 v1.14.3 v1.14.4 v1.14.5`
  .split(/\s+/)
  .filter(Boolean);

/** registry.k8s.io/ingress-nginx/kube-webhook-certgen's tags the manifests above use. */
export const KUBE_WEBHOOK_CERTGEN_TAGS: readonly string[] = `v1.4.0 v1.4.1 v1.4.3 v1.4.4 v1.5.0
  v1.5.2 v1.5.3 v1.5.4 v1.6.0 v1.6.1 v1.6.2 v1.6.3 v1.6.4 v1.6.5 v1.6.6 v1.6.7 v1.6.8 v1.6.9
  v20230407 v20231011 v20231226`
  .split(/\s+/)
  .filter(Boolean);
