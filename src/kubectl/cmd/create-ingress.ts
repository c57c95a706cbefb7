/**
 * `kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]]` as kubectl 1.32's
 * create_ingress.go builds the object: a path ending in `*` is Prefix (the `*` dropped), any other
 * Exact; rules of one host share a rule; tls hosts are grouped by secret, each host once.
 */
import type { KubeObject } from "../../engine/api/types";
import { type Invocation, KubectlError } from "../command";
import { type Generator, meta, requireName } from "./create";

type Obj = Record<string, unknown>;

/** create_ingress.go's ruleRegex (regexHostPathSvc + regexTLS); not anchored at the end, as upstream. */
export const INGRESS_RULE_REGEX =
  /^(?<host>[\w*\-.]*)(?<path>\/.*)=(?<svcname>[\w-]+):(?<svcport>[\w-]+)(,(?<istls>tls)=?(?<secretname>[\w-]+)?)?/;

/** The Validate errors of create_ingress.go. */
export const INGRESS_NOT_ENOUGH_INFO =
  "not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)";

/** parseServiceBackendPort: intstr.Parse, a number when strconv.Atoi reads it. */
function backendPort(port: string): Obj {
  return /^[+-]?\d+$/.test(port) ? { number: Number.parseInt(port, 10) } : { name: port };
}

/** buildIngressBackendSvc: `svc:port`; Go's index out of range when there is no `:`. */
function backendSvc(service: string): Obj {
  const parts = service.split(":");
  if (parts.length < 2)
    throw new KubectlError("panic: runtime error: index out of range [1] with length 1\n", true);
  return { service: { name: parts[0], port: backendPort(parts[1] as string) } };
}

/** buildHTTPIngressPath. */
function httpPath(pathsvc: string): Obj {
  const split = pathsvc.split("=");
  let path = `/${split[0]}`;
  const service = split[1] ?? "";
  let pathType = "Exact";
  if (path.endsWith("*")) {
    pathType = "Prefix";
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backendSvc(service) };
}

/** buildTLSRules. */
function tlsRules(rules: string[]): Obj[] {
  const seen = new Set<string>();
  const out: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const tls = rule.split(",");
    if (tls.length !== 2) continue;
    const host = rule.split("/")[0] as string;
    const secretParts = (tls[1] as string).split("=");
    const secret = secretParts.length > 1 ? (secretParts[1] as string) : "";
    if (seen.has(host)) continue;
    const idx = out.findIndex((t) => (t.secretName ?? "") === secret);
    if (idx > -1) {
      const entry = out[idx] as { hosts?: string[] };
      entry.hosts = [...(entry.hosts ?? []), host];
      seen.add(host);
      continue;
    }
    const entry: { hosts?: string[]; secretName?: string } = {};
    if (host !== "") entry.hosts = [host];
    if (secret !== "") entry.secretName = secret;
    if (entry.secretName || entry.hosts) out.push(entry);
    seen.add(host);
  }
  return out;
}

/** buildIngressRules. */
function ingressRules(rules: string[]): Obj[] {
  const out: { host?: string; http: { paths: Obj[] } }[] = [];
  for (const rule of rules) {
    const removeTLS = rule.split(",")[0] as string;
    const slash = removeTLS.indexOf("/");
    const host = removeTLS.slice(0, slash);
    const path = httpPath(removeTLS.slice(slash + 1));
    const existing = out.find((r) => (r.host ?? "") === host);
    if (existing) {
      existing.http.paths.push(path);
      continue;
    }
    out.push(host ? { host, http: { paths: [path] } } : { http: { paths: [path] } });
  }
  return out;
}

function validate(inv: Invocation, rules: string[], annotations: string[], defaultBackend: string): void {
  if (!defaultBackend && rules.length === 0) throw new KubectlError(INGRESS_NOT_ENOUGH_INFO);
  for (const rule of rules)
    if (!INGRESS_RULE_REGEX.test(rule))
      throw new KubectlError(
        `rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`,
      );
  for (const a of annotations)
    if (!a.includes("="))
      throw new KubectlError(`annotation ${a} is invalid and should be in format key=[value]`);
  if (defaultBackend && defaultBackend.split(":").length !== 2)
    throw new KubectlError("default-backend should be in format servicename:serviceport");
  void inv;
}

/** The `create ingress` generator. */
export const ingressGenerator: Generator = {
  flags: [
    { name: "class", type: "string" },
    { name: "rule", type: "stringArray" },
    { name: "default-backend", type: "string" },
    { name: "annotation", type: "stringArray" },
  ],
  wrapError: "failed to create ingress",
  build(inv) {
    const name = requireName(inv, "ingress");
    const rules = inv.flags.list("rule");
    const annotations = inv.flags.list("annotation");
    const defaultBackend = inv.flags.str("default-backend") ?? "";
    const ingressClass = inv.flags.str("class") ?? "";
    validate(inv, rules, annotations, defaultBackend);
    const annotationMap: Record<string, string> = {};
    for (const a of annotations) {
      const i = a.indexOf("=");
      annotationMap[a.slice(0, i)] = a.slice(i + 1);
    }
    const spec: Obj = {};
    if (ingressClass) spec.ingressClassName = ingressClass;
    if (defaultBackend) spec.defaultBackend = backendSvc(defaultBackend);
    const tls = tlsRules(rules);
    if (tls.length) spec.tls = tls;
    const built = ingressRules(rules);
    if (built.length) spec.rules = built;
    return {
      kind: "Ingress",
      apiVersion: "networking.k8s.io/v1",
      metadata: meta(inv, name, Object.keys(annotationMap).length ? { annotations: annotationMap } : {}),
      spec,
      status: { loadBalancer: {} },
    } as KubeObject;
  },
};
