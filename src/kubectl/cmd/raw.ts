/**
 * `kubectl get --raw PATH`: the API server's answer to a GET of a path (engine/apiserver/rest.ts),
 * as JSON on one line.
 */
import { restGet } from "../../engine/apiserver/rest";
import type { Invocation } from "../command";
import { serverVersionInfo } from "./info";

/** The body of GET path, as kubectl prints it. */
export function rawGet(inv: Invocation, path: string): string {
  return restGet(inv.cluster, path, () => serverVersionInfo(inv.cluster));
}
