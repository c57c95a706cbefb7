/**
 * `kubectl get --raw PATH`: the API server's answer to a GET of a path (engine/apiserver/rest.ts),
 * as JSON on one line, or a pod's or Service's proxied answer as the backend wrote it.
 */
import { ApiError } from "../../engine/api/errors";
import { proxyTarget, proxyToBackend } from "../../engine/apiserver/proxy";
import { restGet } from "../../engine/apiserver/rest";
import type { Invocation } from "../command";
import { serverVersionInfo } from "./info";

/** The body of GET path (JSON without its closing newline). */
export function rawGet(inv: Invocation, path: string): string {
  return restGet(inv.cluster, path, () => serverVersionInfo(inv.cluster));
}

/**
 * What `kubectl get --raw PATH` prints: the API server's JSON and its newline, or a proxied
 * backend's body byte for byte. A backend's failure is the error client-go makes of a response
 * that is not a Status (newUnstructuredResponseError).
 */
export function rawOutput(inv: Invocation, path: string): string {
  const target = proxyTarget(path);
  if (!target) return `${rawGet(inv, path)}\n`;
  const res = proxyToBackend(inv.cluster, target, { method: "GET", path, headers: {}, body: "" });
  if (res.status < 300) return res.body;
  if (res.status === 404) throw new ApiError("NotFound", "the server could not find the requested resource");
  if (res.status === 503)
    throw new ApiError("ServiceUnavailable", "the server is currently unable to handle the request");
  throw new ApiError(
    "InternalError",
    `an error on the server (${JSON.stringify(res.body.trim())}) has prevented the request from succeeding`,
  );
}
