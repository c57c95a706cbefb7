/**
 * `--as`: kubectl's requests made as another user. The API server authorizes each request with
 * RBAC and refuses what the user may not do with a Forbidden error (forbidden.go's message).
 */
import { ApiError } from "../engine/api/errors";
import type { ApiStore, WatchHandler } from "../engine/api/interface";
import type { KubeObject } from "../engine/api/types";
import { type Attributes, authorize, forbiddenMessage, type UserInfo } from "../engine/apiserver/auth/rbac";
import type { Cluster } from "../engine/cluster";
import { VIEWED_STORE } from "../engine/kubelet/network";

function authorizeRequest(
  api: ApiStore,
  user: UserInfo,
  kind: string,
  verb: string,
  namespace?: string,
  name?: string,
  sub?: string,
) {
  const res = api.discovery.forKind(kind);
  if (!res) return;
  const attrs: Attributes = {
    verb,
    apiGroup: res.group,
    resource: res.plural,
    subresource: sub,
    name,
    namespace: res.namespaced ? (namespace ?? "") : "",
  };
  if (!authorize(api, user, attrs).allowed) throw new ApiError("Forbidden", forbiddenMessage(user, attrs));
}

/**
 * The API as user sees it: every read and write authorized first (unless authorizeRequests is
 * false: the admin, whom RBAC lets do everything), and writes carry the user (a CSR's requestor).
 */
export function impersonatedApi(api: ApiStore, user: UserInfo, authorizeRequests = true): ApiStore {
  const ns = (o: KubeObject) => o.metadata?.namespace ?? "default";
  const check: typeof authorizeRequest = (...args) => {
    if (authorizeRequests) authorizeRequest(...args);
  };
  return new Proxy(api, {
    get(target, prop, receiver) {
      if (prop === VIEWED_STORE) return target;
      const real = Reflect.get(target, prop, receiver);
      if (typeof real !== "function") return real;
      switch (prop) {
        case "get":
          return (kind: string, namespace: string | undefined, name: string) => {
            check(target, user, kind, "get", namespace, name);
            return target.get(kind, namespace, name);
          };
        case "list":
          return (kind: string, options?: { namespace?: string }) => {
            check(target, user, kind, "list", options?.namespace);
            return target.list(kind, options);
          };
        case "watch":
          return (kind: string, handler: WatchHandler, options?: { namespace?: string }) => {
            check(target, user, kind, "watch", options?.namespace);
            return target.watch(kind, handler, options);
          };
        case "create":
          return (obj: KubeObject, options?: object) => {
            check(target, user, obj.kind, "create", ns(obj), undefined);
            return target.create(obj, { ...options, user });
          };
        case "updateApproval":
          return (obj: KubeObject, options?: object) => {
            check(target, user, obj.kind, "update", ns(obj), obj.metadata.name, "approval");
            return target.updateApproval(obj, { ...options, user });
          };
        case "update":
        case "updateStatus":
          return (obj: KubeObject, options?: object) => {
            check(
              target,
              user,
              obj.kind,
              "update",
              ns(obj),
              obj.metadata.name,
              prop === "updateStatus" ? "status" : undefined,
            );
            return (target[prop] as (o: KubeObject, opt?: object) => KubeObject)(obj, { ...options, user });
          };
        case "delete":
          return (kind: string, namespace: string | undefined, name: string, options?: object) => {
            check(target, user, kind, "delete", namespace, name);
            return target.delete(kind, namespace, name, options);
          };
        default:
          return real.bind(target);
      }
    },
  });
}

/** The cluster with its API seen as user (everything else is the cluster's own). */
export function impersonatedCluster(cluster: Cluster, user: UserInfo, authorizeRequests = true): Cluster {
  const api = impersonatedApi(cluster.api, user, authorizeRequests);
  return new Proxy(cluster, {
    get(target, prop, receiver) {
      if (prop === "api") return api;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
