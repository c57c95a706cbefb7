/**
 * The API server over HTTPS, as clients inside the cluster reach it (`curl` from a pod through the
 * `kubernetes` Service, `kubectl proxy`): authentication of a service account's bearer token
 * (anonymous without one), RBAC authorization of the request (resource or non-resource), then
 * the GET of rest.ts, answered as the API server writes JSON: indented for curl, wget and
 * browsers (responsewriters isPrettyPrint) and v1 Status objects for failures.
 */
import { ApiError } from "../api/errors";
import type { Cluster } from "../cluster";
import { verifyToken } from "../kubelet/satoken";
import type { HttpRequest, HttpResponse } from "../sh/interface";
import { type Attributes, authorize, forbiddenMessage, type UserInfo } from "./auth/rbac";
import { proxyTarget, proxyToBackend } from "./proxy";
import { restGet } from "./rest";
import { serverVersionInfo } from "./version";

/** The user of a request without credentials (--anonymous-auth, on in kubeadm's API server). */
export const ANONYMOUS: UserInfo = { name: "system:anonymous", groups: ["system:unauthenticated"] };

/** The API server's pretty printing: for `?pretty=true`, and for curl, Wget and browsers. */
export function isPrettyPrint(req: HttpRequest): boolean {
  const query = req.path.split("?")[1] ?? "";
  const pretty = new URLSearchParams(query).get("pretty");
  if (pretty) return ["1", "t", "T", "true", "TRUE", "True"].includes(pretty);
  const ua = req.headers["user-agent"] ?? "";
  return ua.startsWith("curl") || ua.startsWith("Wget") || ua.startsWith("Mozilla/5.0");
}

/**
 * The JSON serializer: typed objects put TypeMeta (kind, apiVersion) first; the items of a typed
 * list carry none. Pretty is json.MarshalIndent (no newline after); compact is an Encoder's line.
 */
export function encode(body: unknown, pretty: boolean): string {
  const ordered = typeMetaFirst(body);
  return pretty ? JSON.stringify(ordered, null, 2) : `${JSON.stringify(ordered)}\n`;
}

function typeMetaFirst(v: unknown): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  const { kind, apiVersion, ...rest } = o;
  const out: Record<string, unknown> = {};
  if (kind !== undefined) out.kind = kind;
  if (apiVersion !== undefined) out.apiVersion = apiVersion;
  Object.assign(out, rest);
  if (Array.isArray(out.items) && typeof kind === "string" && kind.endsWith("List"))
    out.items = (out.items as Record<string, unknown>[]).map(({ kind: _k, apiVersion: _a, ...item }) => item);
  return out;
}

/** metav1.Status of a failed request, as the API server writes it. */
export function statusOf(e: ApiError, details: Record<string, string> | null = {}): Record<string, unknown> {
  const m = /^(\S+?)(?:\.(\S+))? "([^"]*)" not found$/.exec(e.message);
  if (e.reason === "NotFound" && m && details) {
    details.name = m[3] as string;
    if (m[2]) details.group = m[2];
    details.kind = m[1] as string;
  }
  // Details is omitted when the error carries none (NewUnauthorized), `{}` when empty (NewForbidden).
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: e.message,
    reason: e.reason,
    ...(details ? { details } : {}),
    code: e.code,
  };
}

/** The user a request's credentials name: a valid service account token's, or anonymous. */
export function authenticate(cluster: Cluster, req: HttpRequest): UserInfo | "unauthorized" {
  const auth = req.headers.authorization;
  if (!auth) return ANONYMOUS;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  if (!m) return "unauthorized";
  const id = verifyToken(m[1] as string, cluster.clock.now());
  if (!id) return "unauthorized";
  // The ServiceAccount must still exist (and a bound pod, as the token authenticator checks).
  if (!cluster.api.get("ServiceAccount", id.namespace, id.serviceAccount)) return "unauthorized";
  if (id.pod && cluster.api.get("Pod", id.namespace, id.pod.name)?.metadata.uid !== id.pod.uid)
    return "unauthorized";
  return {
    name: `system:serviceaccount:${id.namespace}:${id.serviceAccount}`,
    groups: ["system:serviceaccounts", `system:serviceaccounts:${id.namespace}`, "system:authenticated"],
  };
}

/** What a GET of path asks RBAC for (the request info resolver's attributes). */
export function requestAttributes(path: string): Attributes {
  const route = path.split("?")[0] ?? "";
  const parts = route.split("/").filter(Boolean);
  let group: string | undefined;
  let rest: string[] = [];
  if (parts[0] === "api" && parts[1] === "v1" && parts.length > 2) {
    group = "";
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts.length > 3) {
    group = parts[1] as string;
    rest = parts.slice(3);
  }
  if (group === undefined) return { verb: "get", path: route || "/" };
  let namespace = "";
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1] as string;
    rest = rest.slice(2);
  } else if (rest[0] === "namespaces" && rest.length === 2) {
    return { verb: "get", apiGroup: group, resource: "namespaces", name: rest[1], namespace: "" };
  }
  const [resource, name, subresource] = rest;
  return {
    verb: name ? "get" : "list",
    apiGroup: group,
    resource,
    ...(name ? { name } : {}),
    ...(subresource ? { subresource } : {}),
    namespace,
  };
}

/** The Forbidden text of a denied request (forbidden.go), resource or non-resource. */
function forbidden(user: UserInfo, attrs: Attributes): string {
  if (attrs.path !== undefined) return `forbidden: User "${user.name}" cannot get path "${attrs.path}"`;
  return forbiddenMessage(user, attrs);
}

/** A JSON response to req, indented when the API server indents for its client. */
function jsonFor(req: HttpRequest): (status: number, body: unknown) => HttpResponse {
  const pretty = isPrettyPrint(req);
  return (status, body) => ({
    status,
    headers: { "Content-Type": "application/json" },
    body: encode(body, pretty),
  });
}

/**
 * A GET answered as the API server writes it (the body get gives: JSON, indented for curl, or
 * plain text for health checks; an ApiError as its Status); other methods are not served (405).
 */
export function answerGet(req: HttpRequest, get: () => string): HttpResponse {
  const json = jsonFor(req);
  if (req.method !== "GET")
    return json(
      405,
      statusOf(
        new ApiError("MethodNotAllowed", "the server does not allow this method on the requested resource"),
      ),
    );
  try {
    const body = get();
    if (!body.startsWith("{"))
      return { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body };
    return json(200, JSON.parse(body));
  } catch (e) {
    if (e instanceof ApiError) return json(e.code, statusOf(e));
    throw e;
  }
}

/**
 * A request to a pod's or Service's proxy subresource, answered with the backend's response (any
 * method), or with the Status of why it could not be proxied; undefined for any other path.
 */
export function answerProxy(cluster: Cluster, req: HttpRequest): HttpResponse | undefined {
  const target = proxyTarget(req.path);
  if (!target) return undefined;
  try {
    return proxyToBackend(cluster, target, req);
  } catch (e) {
    if (e instanceof ApiError) return jsonFor(req)(e.code, statusOf(e));
    throw e;
  }
}

/** kube-apiserver's HTTPS handler for requests from inside the cluster. */
export function apiServerHttp(cluster: Cluster): (req: HttpRequest) => HttpResponse {
  return (req) => {
    const json = jsonFor(req);
    const user = authenticate(cluster, req);
    if (user === "unauthorized")
      return json(401, statusOf(new ApiError("Unauthorized", "Unauthorized"), null));
    const attrs = requestAttributes(req.path);
    const decision = authorize(cluster.api, user, attrs);
    if (!decision.allowed) {
      const details: Record<string, string> = {};
      if (attrs.resource) {
        if (attrs.name) details.name = attrs.name;
        if (attrs.apiGroup) details.group = attrs.apiGroup;
        details.kind = attrs.resource;
      }
      return json(403, statusOf(new ApiError("Forbidden", forbidden(user, attrs)), details));
    }
    return (
      answerProxy(cluster, req) ??
      answerGet(req, () => restGet(cluster, req.path, () => serverVersionInfo(cluster)))
    );
  };
}
