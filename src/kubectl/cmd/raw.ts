/**
 * `kubectl get --raw PATH`: the API server's answer to a GET of a path (engine/apiserver/rest.ts),
 * as JSON on one line.
 */
import { proxyTarget, proxyToBackend } from "../../engine/apiserver/proxy";
import { restGet } from "../../engine/apiserver/rest";
import type { Invocation } from "../command";
import { serverVersionInfo } from "./info";

/** The body of GET path, as kubectl prints it. */
export function rawGet(inv: Invocation, path: string): string {
  // A pod's or Service's proxy: the backend's body (the API server dials it as itself).
  const target = proxyTarget(path);
  if (target) return proxyToBackend(inv.cluster, target, { method: "GET", path, headers: {}, body: "" }).body;
  return restGet(inv.cluster, path, () => serverVersionInfo(inv.cluster));
}
