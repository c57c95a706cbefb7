/**
 * `kubectl apply -f URL` without a network: a few well-known manifest URLs are answered from
 * copies bundled here (the page never downloads anything at run time); any other host fails as
 * kubectl fails when the name does not resolve. To add a manifest, bundle its text in this folder
 * and list every URL it is published at below.
 */
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
};

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
  const host = /^https?:\/\/([^/:?#]*)/.exec(url)?.[1] ?? "";
  return {
    ok: false,
    error: `Unable to connect to the server: dial tcp: lookup ${host} on ${NAMESERVER}: no such host`,
  };
}
