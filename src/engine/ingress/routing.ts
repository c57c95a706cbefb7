/**
 * How ingress-nginx turns the Ingresses of its class into nginx servers and locations, and how
 * nginx then picks the location of a request (kubernetes/ingress-nginx controller-v1.11.3:
 * internal/ingress/controller/controller.go createServers/getBackendServers, location.go
 * updateServerLocations, template/template.go buildLocation/buildProxyPass/enforceRegexModifier;
 * nginx's own rule for `=`, prefix and `~*` locations). Pure: no store, no network.
 */
import type { KubeObject } from "../api/types";

// biome-ignore lint/suspicious/noExplicitAny: Ingress specs are read as open JSON
type Json = any;

/** The catch-all server's name (defServerName). */
export const DEFAULT_SERVER_NAME = "_";
/** The root location (rootLocation). */
export const ROOT_LOCATION = "/";

/** nginx.ingress.kubernetes.io/ annotations the router reads. */
export const Annotations = {
  rewriteTarget: "nginx.ingress.kubernetes.io/rewrite-target",
  useRegex: "nginx.ingress.kubernetes.io/use-regex",
  sslRedirect: "nginx.ingress.kubernetes.io/ssl-redirect",
  forceSslRedirect: "nginx.ingress.kubernetes.io/force-ssl-redirect",
} as const;

/** A Service port an Ingress path names: by number or by name. */
export interface ServicePortRef {
  number?: number;
  name?: string;
}

/** Where a location sends its requests: a Service of the Ingress's namespace, or the default backend. */
export type Backend =
  | { kind: "service"; namespace: string; service: string; port: ServicePortRef }
  | { kind: "default" };

/** One nginx location of a server. */
export interface Location {
  /** The path as nginx sees it (`/foo/` for a Prefix `/foo`, after updateServerLocations). */
  path: string;
  /** Exact or Prefix: ingress-nginx reads ImplementationSpecific (and no type) as Prefix. */
  pathType: "Exact" | "Prefix";
  backend: Backend;
  /** True while the location only holds the server's default backend (IsDefBackend). */
  isDefBackend: boolean;
  /** rewrite-target, "" when unset. */
  rewriteTarget: string;
  useRegex: boolean;
  sslRedirect: boolean;
  forceSslRedirect: boolean;
  /** The Ingress (`namespace/name`) the location comes from; absent for a server's default root. */
  ingress?: string;
}

/** One nginx server: a host name and its locations, in the order nginx.conf lists them. */
export interface Server {
  hostname: string;
  locations: Location[];
  /** The host is in an Ingress's spec.tls: it serves HTTPS with a certificate of its own. */
  tls: boolean;
}

/** What one request comes to. */
export type Route =
  | { kind: "proxy"; backend: Extract<Backend, { kind: "service" }>; path: string; location: Location }
  | { kind: "default"; location?: Location }
  | { kind: "redirect"; status: number; location: string; from?: Location };

/** ingress-nginx's http-redirect-code default (config.go). */
export const HTTP_REDIRECT_CODE = 308;

function annotation(ing: KubeObject, key: string): string | undefined {
  return ing.metadata.annotations?.[key];
}

/** parser.GetBoolAnnotation: "true"/"false" (strconv.ParseBool), else the default. */
function boolAnnotation(ing: KubeObject, key: string, dflt: boolean): boolean {
  const v = annotation(ing, key);
  if (v === undefined) return dflt;
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  return dflt;
}

function serviceBackend(namespace: string, b: Json): Backend | undefined {
  const svc = b?.service;
  if (!svc?.name) return undefined;
  return {
    kind: "service",
    namespace,
    service: svc.name,
    port: svc.port?.number !== undefined ? { number: svc.port.number } : { name: svc.port?.name },
  };
}

function newLocation(
  ing: KubeObject,
  path: string,
  pathType: Location["pathType"],
  backend: Backend,
): Location {
  return {
    path,
    pathType,
    backend,
    isDefBackend: false,
    rewriteTarget: annotation(ing, Annotations.rewriteTarget) ?? "",
    useRegex: boolAnnotation(ing, Annotations.useRegex, false),
    sslRedirect: boolAnnotation(ing, Annotations.sslRedirect, true),
    forceSslRedirect: boolAnnotation(ing, Annotations.forceSslRedirect, false),
    ingress: `${ing.metadata.namespace ?? "default"}/${ing.metadata.name ?? ""}`,
  };
}

function rootLocation(backend: Backend, isDefBackend: boolean): Location {
  return {
    path: ROOT_LOCATION,
    pathType: "Prefix",
    backend,
    isDefBackend,
    rewriteTarget: "",
    useRegex: false,
    sslRedirect: true,
    forceSslRedirect: false,
  };
}

/** sortIngressSlice: oldest first, then by namespace/name; the first Ingress of a path wins. */
export function sortIngresses(ingresses: readonly KubeObject[]): KubeObject[] {
  const key = (i: KubeObject) => `${i.metadata.namespace ?? ""}/${i.metadata.name ?? ""}`;
  return [...ingresses].sort((a, b) => {
    const ta = String(a.metadata.creationTimestamp ?? "");
    const tb = String(b.metadata.creationTimestamp ?? "");
    if (ta !== tb) return ta < tb ? -1 : 1;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  });
}

/**
 * The servers nginx.conf holds for these Ingresses (createServers, then getBackendServers' paths,
 * then updateServerLocations and the sort by path length). The catch-all server `_` is first.
 */
export function buildServers(ingresses: readonly KubeObject[]): Server[] {
  const sorted = sortIngresses(ingresses);
  const servers = new Map<string, Server>();
  servers.set(DEFAULT_SERVER_NAME, {
    hostname: DEFAULT_SERVER_NAME,
    locations: [rootLocation({ kind: "default" }, true)],
    tls: false,
  });
  // An Ingress with a default backend and no rules takes the catch-all server's root.
  for (const ing of sorted) {
    const spec: Json = (ing as Json).spec ?? {};
    const def = serviceBackend(ing.metadata.namespace ?? "default", spec.defaultBackend);
    const root = servers.get(DEFAULT_SERVER_NAME)?.locations[0];
    if (def && root?.isDefBackend && (spec.rules ?? []).length === 0) {
      root.backend = def;
      root.isDefBackend = false;
    }
  }
  for (const ing of sorted) {
    const spec: Json = (ing as Json).spec ?? {};
    const def = serviceBackend(ing.metadata.namespace ?? "default", spec.defaultBackend);
    for (const rule of spec.rules ?? []) {
      const host = rule?.host || DEFAULT_SERVER_NAME;
      if (servers.has(host)) continue;
      servers.set(host, {
        hostname: host,
        locations: [rootLocation(def ?? { kind: "default" }, true)],
        tls: false,
      });
    }
    for (const tls of spec.tls ?? []) {
      for (const host of tls?.hosts ?? []) {
        const server = servers.get(host);
        if (server) server.tls = true;
      }
    }
  }
  for (const ing of sorted) addPaths(ing, servers);
  const list = [...servers.values()];
  for (const server of list) {
    server.locations = updateServerLocations(server.locations);
    // Two stable sorts: by path descending, then by length descending (getBackendServers).
    server.locations = [...server.locations]
      .sort((a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0))
      .sort((a, b) => b.path.length - a.path.length);
  }
  return list.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
}

/** getBackendServers' loop over an Ingress's paths: first Ingress wins a path of a given type. */
function addPaths(ing: KubeObject, servers: Map<string, Server>): void {
  const spec: Json = (ing as Json).spec ?? {};
  const namespace = ing.metadata.namespace ?? "default";
  for (const rule of spec.rules ?? []) {
    const server = servers.get(rule?.host || DEFAULT_SERVER_NAME) ?? servers.get(DEFAULT_SERVER_NAME);
    if (!server || !rule?.http) continue;
    for (const p of rule.http.paths ?? []) {
      const backend = serviceBackend(namespace, p?.backend);
      if (!backend) continue;
      const path = p.path || ROOT_LOCATION;
      // SetDefaultNGINXPathType (internal/k8s/main.go): no type and ImplementationSpecific are Prefix.
      const pathType: Location["pathType"] = p.pathType === "Exact" ? "Exact" : "Prefix";
      const same = server.locations.find((l) => l.path === path);
      if (same && same.pathType === pathType) {
        if (same.isDefBackend) Object.assign(same, newLocation(ing, path, pathType, backend));
        continue;
      }
      server.locations.push(newLocation(ing, path, pathType, backend));
    }
  }
}

/** needsRewrite: a rewrite-target other than the path itself. */
export function needsRewrite(loc: Location): boolean {
  return loc.rewriteTarget !== "" && loc.rewriteTarget !== loc.path;
}

/** enforceRegexModifier: one location with a rewrite or use-regex makes every location a regex. */
export function enforceRegexModifier(locations: readonly Location[]): boolean {
  return locations.some((l) => needsRewrite(l) || l.useRegex);
}

function normalizePrefixPath(path: string): string {
  if (path === ROOT_LOCATION) return ROOT_LOCATION;
  return path.endsWith("/") ? path : `${path}/`;
}

/**
 * updateServerLocations: a Prefix location `/foo` becomes `/foo/` plus an Exact `/foo` (unless an
 * Exact `/foo` exists); rewritten and regex locations stay as they are.
 */
export function updateServerLocations(locations: readonly Location[]): Location[] {
  const exact = new Set(locations.filter((l) => l.pathType === "Exact").map((l) => l.path));
  const out: Location[] = [];
  for (const loc of locations) {
    if (loc.path === ROOT_LOCATION || loc.pathType !== "Prefix" || needsRewrite(loc) || loc.useRegex) {
      out.push(loc);
      continue;
    }
    const normalized = { ...loc, path: normalizePrefixPath(loc.path) };
    out.push(normalized);
    if (!exact.has(loc.path)) out.push({ ...loc, pathType: "Exact" });
  }
  return out;
}

/** buildLocation: the nginx location modifier and path (`= /foo`, `/foo/`, `~* "^/foo"`). */
export function buildLocation(loc: Location, enforceRegex: boolean): string {
  if (enforceRegex) return `~* "^${loc.path}"`;
  if (loc.pathType === "Exact") return `= ${loc.path}`;
  return loc.path;
}

/** PCRE as ingress-nginx's paths use it, as a JavaScript RegExp (case-insensitive, `(?i)`). */
function pcre(source: string, anchored: boolean): RegExp | undefined {
  try {
    return new RegExp(`${anchored ? "^" : ""}${source}`, "i");
  } catch {
    return undefined;
  }
}

/**
 * nginx's choice of location for a URI: an exact `=` match ends the search; else the longest
 * prefix is remembered and the regex locations are tried in order, the first match winning;
 * else the longest prefix. With the regex modifier enforced every location is a regex.
 */
export function matchLocation(server: Server, uri: string): Location | undefined {
  const enforceRegex = enforceRegexModifier(server.locations);
  if (enforceRegex) return server.locations.find((l) => pcre(l.path, true)?.test(uri));
  const exact = server.locations.find((l) => l.pathType === "Exact" && l.path === uri);
  if (exact) return exact;
  let best: Location | undefined;
  for (const l of server.locations) {
    if (l.pathType === "Exact") continue;
    if (uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  }
  return best;
}

/**
 * The URI the upstream gets (buildProxyPass): nginx's `rewrite "(?i)PATH" TARGET break;` replaces
 * the whole URI with TARGET, $1..$9 taken from the match, when PATH matches anywhere in it.
 */
export function rewriteUri(loc: Location, uri: string): string {
  if (!needsRewrite(loc)) return uri;
  const re = pcre(loc.path, false);
  const m = re?.exec(uri);
  if (!m) return uri;
  return loc.rewriteTarget.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? "");
}

/**
 * The server nginx picks for a Host header: an exact server_name, else the first wildcard host in
 * server order (buildServerName makes `*.foo.com` the regex `~^(?<subdomain>[\w-]+)\.foo\.com$`:
 * one label only), else the catch-all `_`.
 */
export function matchServer(servers: readonly Server[], host: string): Server | undefined {
  const name = host.replace(/:\d+$/, "").replace(/\.$/, "").toLowerCase();
  const exact = servers.find((s) => s.hostname === name);
  if (exact) return exact;
  const wildcard = servers.find(
    (s) =>
      s.hostname.startsWith("*.") &&
      /^[\w-]+$/.test(name.slice(0, name.length - s.hostname.length + 1)) &&
      name.endsWith(s.hostname.slice(1)),
  );
  return wildcard ?? servers.find((s) => s.hostname === DEFAULT_SERVER_NAME);
}

/**
 * Routes one request: the server by Host, the location by URI, then lua_ingress's redirect to
 * HTTPS (a TLS host over plain HTTP, unless ssl-redirect is "false"; force-ssl-redirect always).
 */
export function route(
  servers: readonly Server[],
  scheme: "http" | "https",
  host: string,
  target: string,
): Route {
  const server = matchServer(servers, host);
  const [uri = "/", query] = splitQuery(target);
  const loc = server ? matchLocation(server, uri) : undefined;
  if (!server || !loc) return { kind: "default" };
  if (scheme === "http" && (loc.forceSslRedirect || (loc.sslRedirect && server.tls))) {
    const name = host.replace(/:\d+$/, "");
    return { kind: "redirect", status: HTTP_REDIRECT_CODE, location: `https://${name}${target}`, from: loc };
  }
  if (loc.backend.kind === "default") return { kind: "default", location: loc };
  const path = rewriteUri(loc, uri);
  return {
    kind: "proxy",
    backend: loc.backend,
    path: query === undefined ? path : `${path}?${query}`,
    location: loc,
  };
}

function splitQuery(target: string): [string, string | undefined] {
  const at = target.indexOf("?");
  return at < 0 ? [target, undefined] : [target.slice(0, at), target.slice(at + 1)];
}
