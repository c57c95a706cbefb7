/**
 * `kubectl apply -f URL` without a network: a few well-known manifest URLs are answered from
 * copies bundled here (the page never downloads anything at run time); any other host fails as
 * kubectl fails when the name does not resolve. To add a manifest, bundle its text in this folder
 * and list every URL it is published at below. The documentation's examples
 * (`https://k8s.io/examples/pods/simple-pod.yaml`) come from examples/website-examples.ts.
 */
import { WEBSITE_EXAMPLES } from "./examples/website-examples";
import { INGRESS_NGINX_MANIFESTS } from "./ingress-nginx";
import {
  LOCAL_PATH_EXAMPLE_POD,
  LOCAL_PATH_EXAMPLE_PVC,
  LOCAL_PATH_STORAGE_V0_0_30,
} from "./local-path-provisioner-v0.0.30";
import { METRICS_SERVER_V0_7_2 } from "./metrics-server-v0.7.2";

/**
 * The bundled manifests by URL. `releases/latest` is pinned to the bundled release: what a
 * learner gets from it is the release this table names, not whatever is newest today.
 */
export const BUNDLED_MANIFESTS: Readonly<Record<string, string>> = {
  "https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml":
    METRICS_SERVER_V0_7_2,
  "https://github.com/kubernetes-sigs/metrics-server/releases/download/v0.7.2/components.yaml":
    METRICS_SERVER_V0_7_2,
  ...INGRESS_NGINX_MANIFESTS,
  // rancher/local-path-provisioner: master is pinned to v0.0.30 (the README's stable release).
  "https://raw.githubusercontent.com/rancher/local-path-provisioner/v0.0.30/deploy/local-path-storage.yaml":
    LOCAL_PATH_STORAGE_V0_0_30,
  "https://raw.githubusercontent.com/rancher/local-path-provisioner/master/deploy/local-path-storage.yaml":
    LOCAL_PATH_STORAGE_V0_0_30,
  "https://raw.githubusercontent.com/rancher/local-path-provisioner/v0.0.30/examples/pvc/pvc.yaml":
    LOCAL_PATH_EXAMPLE_PVC,
  "https://raw.githubusercontent.com/rancher/local-path-provisioner/master/examples/pvc/pvc.yaml":
    LOCAL_PATH_EXAMPLE_PVC,
  "https://raw.githubusercontent.com/rancher/local-path-provisioner/v0.0.30/examples/pod/pod.yaml":
    LOCAL_PATH_EXAMPLE_POD,
  "https://raw.githubusercontent.com/rancher/local-path-provisioner/master/examples/pod/pod.yaml":
    LOCAL_PATH_EXAMPLE_POD,
};

/**
 * Where kubernetes/website's content/en/examples/ is published: k8s.io redirects to kubernetes.io,
 * which serves the files; raw.githubusercontent.com serves the main branch. http:// redirects to
 * https:// on all three.
 */
export const EXAMPLE_URL_PREFIXES: readonly string[] = [
  "https://k8s.io/examples/",
  "https://kubernetes.io/examples/",
  "https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/",
];

/** What the example hosts answer for a path they do not have (resp.Status of Go's net/http). */
const NOT_FOUND = { status: "404 Not Found", code: 404 };

/** The resolver a lab VM's Go programs ask (systemd-resolved's stub on Ubuntu). */
const NAMESERVER = "127.0.0.53:53";

/** What reading a URL gives: its body, or the error kubectl prints. */
export type UrlRead = { ok: true; text: string } | { ok: false; error: string };

/**
 * Reads a manifest URL (http or https) from the bundle. Any other URL fails as a DNS lookup does
 * on a machine that cannot reach the host: cmdutil prints a *url.Error as `Unable to connect to
 * the server: ` plus its cause (checked with kubectl v1.32 offline).
 */
export function readManifestUrl(url: string): UrlRead {
  const text = BUNDLED_MANIFESTS[url];
  if (text !== undefined) return { ok: true, text };
  const example = examplePath(url);
  if (example !== undefined) return readExample(url, example);
  const host = /^https?:\/\/([^/:?#]*)/.exec(url)?.[1] ?? "";
  return {
    ok: false,
    error: `Unable to connect to the server: dial tcp: lookup ${host} on ${NAMESERVER}: no such host`,
  };
}

/** The path under content/en/examples/ a docs example URL names, or undefined for other URLs. */
export function examplePath(url: string): string | undefined {
  const https = url.replace(/^http:\/\//, "https://");
  const prefix = EXAMPLE_URL_PREFIXES.find((p) => https.startsWith(p));
  if (prefix === undefined) return undefined;
  return https.slice(prefix.length).replace(/[?#].*$/, "");
}

/**
 * Serves one docs example. A path the site does not have gets its 404, which kubectl reports
 * without reading the body (cli-runtime pkg/resource/visitor.go readHttpWithRetries; 4xx is not
 * retried) and cmdutil.CheckErr prefixes with `error: `.
 */
function readExample(url: string, path: string): UrlRead {
  const text = WEBSITE_EXAMPLES[path];
  if (text !== undefined) return { ok: true, text };
  return {
    ok: false,
    error: `error: unable to read URL ${goQuote(url)}, server reported ${NOT_FOUND.status}, status code=${NOT_FOUND.code}`,
  };
}

/** Go's %q for the printable ASCII a URL holds: a double-quoted string with " and \\ escaped. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
