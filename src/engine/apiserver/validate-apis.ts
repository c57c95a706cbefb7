/**
 * Validation of NetworkPolicy, Ingress and IngressClass (pkg/apis/networking/validation/validation.go)
 * and HorizontalPodAutoscaler (pkg/apis/autoscaling/validation/validation.go), v1.32 texts.
 */
import type { FieldCause } from "../api/errors";
import {
  forbidden,
  invalidField,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  notSupported,
  regexError,
  required,
  tooLong,
} from "./field";
import { validateLabelSelector } from "./validation";

// biome-ignore lint/suspicious/noExplicitAny: validation walks open JSON
type Json = any;

const invalidRaw = (field: string, shown: string, detail: string): FieldCause => ({
  type: "FieldValueInvalid",
  field,
  message: `Invalid value: ${shown}: ${detail}`,
});

/** validation.IsValidCIDR's message. */
export const INVALID_CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

function parseIPv4(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** A CIDR as netutils.ParseCIDRSloppy reads it: IPv4 with its network and mask, or IPv6 (shape only). */
export function parseCIDR(
  cidr: string,
): { v4?: { network: number; bits: number }; v6?: boolean } | undefined {
  const slash = cidr.indexOf("/");
  if (slash < 0) return undefined;
  const ip = cidr.slice(0, slash);
  const bitsText = cidr.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const v4 = parseIPv4(ip);
  if (v4 !== undefined) {
    if (bits > 32) return undefined;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return { v4: { network: (v4 & mask) >>> 0, bits } };
  }
  if (ip.includes(":") && /^[0-9a-fA-F:.]+$/.test(ip) && bits <= 128 && (ip.match(/::/g) ?? []).length <= 1)
    return { v6: true };
  return undefined;
}

function validateIPBlock(ipb: Json, path: string): FieldCause[] {
  if (!ipb?.cidr) return [required(`${path}.cidr`, "")];
  const cidr = parseCIDR(String(ipb.cidr));
  if (!cidr) return [invalidField(`${path}.cidr`, ipb.cidr, INVALID_CIDR)];
  const errs: FieldCause[] = [];
  (Array.isArray(ipb.except) ? ipb.except : []).forEach((except: Json, i: number) => {
    const p = `${path}.except[${i}]`;
    const ex = parseCIDR(String(except));
    if (!ex) {
      errs.push(invalidField(p, except, INVALID_CIDR));
      return;
    }
    if (cidr.v4 && ex.v4) {
      const { network, bits } = cidr.v4;
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      if ((ex.v4.network & mask) >>> 0 !== network || bits >= ex.v4.bits)
        errs.push(invalidField(p, except, "must be a strict subset of `cidr`"));
    } else if (!!cidr.v4 !== !!ex.v4) errs.push(invalidField(p, except, "must be a strict subset of `cidr`"));
  });
  return errs;
}

function validatePeer(peer: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  let peers = 0;
  if (peer?.podSelector) {
    peers++;
    errs.push(...validateLabelSelector(peer.podSelector, `${path}.podSelector`));
  }
  if (peer?.namespaceSelector) {
    peers++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${path}.namespaceSelector`));
  }
  if (peer?.ipBlock) {
    peers++;
    errs.push(...validateIPBlock(peer.ipBlock, `${path}.ipBlock`));
  }
  if (peers === 0) errs.push(required(path, "must specify a peer"));
  else if (peers > 1 && peer.ipBlock)
    errs.push(forbidden(path, "may not specify both ipBlock and another peer"));
  return errs;
}

/** ValidateNetworkPolicyPort. */
function validatePolicyPort(port: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  const protocols = ["TCP", "UDP", "SCTP"];
  if (port?.protocol !== undefined && !protocols.includes(port.protocol))
    errs.push(notSupported(`${path}.protocol`, port.protocol, protocols));
  if (port?.port !== undefined && port.port !== null) {
    if (typeof port.port === "number") {
      for (const msg of isValidPortNum(port.port)) errs.push(invalidField(`${path}.port`, port.port, msg));
      if (port.endPort !== undefined) {
        if (port.endPort < port.port)
          errs.push(invalidField(`${path}.endPort`, port.port, "must be greater than or equal to `port`"));
        for (const msg of isValidPortNum(port.endPort))
          errs.push(invalidField(`${path}.endPort`, port.endPort, msg));
      }
    } else {
      if (port.endPort !== undefined)
        errs.push(
          invalidField(`${path}.endPort`, port.endPort, "may not be specified when `port` is non-numeric"),
        );
      for (const msg of isValidPortName(String(port.port)))
        errs.push(invalidField(`${path}.port`, port.port, msg));
    }
  } else if (port?.endPort !== undefined)
    errs.push(
      invalidField(`${path}.endPort`, port.endPort, "may not be specified when `port` is not specified"),
    );
  return errs;
}

/** ValidateNetworkPolicySpec. */
export function validateNetworkPolicy(np: Json): FieldCause[] {
  const spec = np.spec ?? {};
  const errs = validateLabelSelector(spec.podSelector, "spec.podSelector");
  for (const [key, peersKey] of [
    ["ingress", "from"],
    ["egress", "to"],
  ] as const) {
    (Array.isArray(spec[key]) ? spec[key] : []).forEach((rule: Json, i: number) => {
      const rp = `spec.${key}[${i}]`;
      (rule?.ports ?? []).forEach((p: Json, j: number) => {
        errs.push(...validatePolicyPort(p, `${rp}.ports[${j}]`));
      });
      (rule?.[peersKey] ?? []).forEach((p: Json, j: number) => {
        errs.push(...validatePeer(p, `${rp}.${peersKey}[${j}]`));
      });
    });
  }
  const types: Json[] = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  if (types.length > 2) {
    const shown = `&[]networking.PolicyType{${types.map((t) => JSON.stringify(String(t))).join(", ")}}`;
    errs.push(invalidRaw("spec.policyTypes", shown, "may not specify more than two policyTypes"));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== "Ingress" && t !== "Egress")
      errs.push(notSupported(`spec.policyTypes[${i}]`, t, ["Ingress", "Egress"]));
  });
  return errs;
}

const WILDCARD_FMT = "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";

/** validation.IsWildcardDNS1123Subdomain. */
function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push("must be no more than 253 characters");
  if (!new RegExp(`^${WILDCARD_FMT}$`).test(value))
    errs.push(regexError(WILDCARD_MSG, WILDCARD_FMT, "*.example.com"));
  return errs;
}

const isIP = (host: string) =>
  parseIPv4(host) !== undefined || (host.includes(":") && /^[0-9a-fA-F:.]+$/.test(host));

function validateHost(host: string, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (isIP(host)) errs.push(invalidField(path, host, "must be a DNS name, not an IP address"));
  const msgs = host.includes("*") ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const msg of msgs) errs.push(invalidField(path, host, msg));
  return errs;
}

/** validateIngressBackend. */
function validateBackend(backend: Json, path: string): FieldCause[] {
  const hasResource = !!backend?.resource;
  const svc = backend?.service;
  if (hasResource && svc) return [invalidField(path, "", "cannot set both resource and service backends")];
  if (hasResource) {
    const r = backend.resource;
    const errs: FieldCause[] = [];
    if (!r.kind) errs.push(required(`${path}.resource.kind`, ""));
    if (!r.name) errs.push(required(`${path}.resource.name`, ""));
    return errs;
  }
  if (!svc) return [invalidField(path, "", "resource or service backend is required")];
  const errs: FieldCause[] = [];
  if (!svc.name) errs.push(required(`${path}.service.name`, ""));
  else
    for (const msg of isDNS1035Label(svc.name))
      errs.push(invalidField(`${path}.service.name`, svc.name, msg));
  const name = svc.port?.name ?? "";
  const number = svc.port?.number ?? 0;
  if (name && number) errs.push(invalidField(path, "", "cannot set both port name & port number"));
  else if (name)
    for (const msg of isValidPortName(name)) errs.push(invalidField(`${path}.service.port.name`, name, msg));
  else if (number)
    for (const msg of isValidPortNum(number))
      errs.push(invalidField(`${path}.service.port.number`, number, msg));
  else errs.push(required(path, "port name or number is required"));
  return errs;
}

/** The path types of networking/v1, sorted as supportedPathTypes.List(). */
export const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];
const INVALID_PATH_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES = ["/..", "/."];

function validatePath(p: Json, path: string): FieldCause[] {
  if (p?.pathType === undefined || p.pathType === null)
    return [required(`${path}.pathType`, "pathType must be specified")];
  const errs: FieldCause[] = [];
  const text: string = p.path ?? "";
  if (p.pathType === "Exact" || p.pathType === "Prefix") {
    if (!text.startsWith("/")) errs.push(invalidField(`${path}.path`, text, "must be an absolute path"));
    if (text.length > 0) {
      for (const seq of INVALID_PATH_SEQUENCES)
        if (text.includes(seq)) errs.push(invalidField(`${path}.path`, text, `must not contain '${seq}'`));
      for (const suffix of INVALID_PATH_SUFFIXES)
        if (text.endsWith(suffix))
          errs.push(invalidField(`${path}.path`, text, `cannot end with '${suffix}'`));
    }
  } else if (p.pathType === "ImplementationSpecific") {
    if (text.length > 0 && !text.startsWith("/"))
      errs.push(invalidField(`${path}.path`, text, "must be an absolute path"));
  } else errs.push(notSupported(`${path}.pathType`, p.pathType, PATH_TYPES));
  errs.push(...validateBackend(p.backend, `${path}.backend`));
  return errs;
}

/** validateIngressSpec. */
export function validateIngress(ing: Json): FieldCause[] {
  const spec = ing.spec ?? {};
  const errs: FieldCause[] = [];
  const rules: Json[] = Array.isArray(spec.rules) ? spec.rules : [];
  if (rules.length === 0 && !spec.defaultBackend) {
    const shown = Array.isArray(spec.rules) ? "[]networking.IngressRule{}" : "[]networking.IngressRule(nil)";
    errs.push(invalidRaw("spec", shown, "either `defaultBackend` or `rules` must be specified"));
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, "spec.defaultBackend"));
  rules.forEach((rule, i) => {
    const rp = `spec.rules[${i}]`;
    if (rule?.host) errs.push(...validateHost(String(rule.host), `${rp}.host`));
    if (rule?.http) {
      const paths: Json[] = Array.isArray(rule.http.paths) ? rule.http.paths : [];
      if (paths.length === 0) errs.push(required(`${rp}.http.paths`, ""));
      paths.forEach((p, j) => {
        errs.push(...validatePath(p, `${rp}.http.paths[${j}]`));
      });
    }
  });
  (Array.isArray(spec.tls) ? spec.tls : []).forEach((tls: Json, i: number) => {
    (tls?.hosts ?? []).forEach((host: string, j: number) => {
      const p = `spec.tls[${i}].hosts[${j}]`;
      const msgs = String(host).includes("*") ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const msg of msgs) errs.push(invalidField(p, host, msg));
    });
  });
  if (typeof spec.ingressClassName === "string")
    for (const msg of isDNS1123Subdomain(spec.ingressClassName))
      errs.push(invalidField("spec.ingressClassName", spec.ingressClassName, msg));
  return errs;
}

/** validation.IsDomainPrefixedPath, as IngressClass's controller is checked. */
function isDomainPrefixedPath(path: string, value: string): FieldCause[] {
  if (value.length === 0) return [required(path, "")];
  const slash = value.indexOf("/");
  if (slash < 0) return [invalidField(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  const errs: FieldCause[] = [];
  for (const msg of isDNS1123Subdomain(host)) errs.push(invalidField(path, host, msg));
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(rest))
    errs.push(invalidField(path, rest, "Invalid path: must contain only valid path characters"));
  return errs;
}

/** validateIngressClassSpec. */
export function validateIngressClass(ic: Json): FieldCause[] {
  const spec = ic.spec ?? {};
  const controller: string = typeof spec.controller === "string" ? spec.controller : "";
  const errs: FieldCause[] = [];
  if (controller.length > 250) errs.push(tooLong("spec.controller", 250));
  errs.push(...isDomainPrefixedPath("spec.controller", controller));
  const params = spec.parameters;
  if (params) {
    if (!params.kind) errs.push(required("spec.parameters.kind", ""));
    if (!params.name) errs.push(required("spec.parameters.name", ""));
    if (params.scope !== undefined && params.scope !== "Cluster" && params.scope !== "Namespace")
      errs.push(notSupported("spec.parameters.scope", params.scope, ["Cluster", "Namespace"]));
    if (params.scope === "Namespace" && !params.namespace)
      errs.push(required("spec.parameters.namespace", "`parameters.scope` is set to 'Namespace'"));
    if (params.scope === "Cluster" && params.namespace)
      errs.push(forbidden("spec.parameters.namespace", "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

/** ValidateIngressClassUpdate: the controller is immutable. */
export function validateIngressClassUpdate(ic: Json, old: Json): FieldCause[] {
  const now = ic.spec?.controller ?? "";
  return now === (old.spec?.controller ?? "")
    ? []
    : [invalidField("spec.controller", now, "field is immutable")];
}

/** pathvalidation.IsValidPathSegmentName. */
function pathSegmentErrors(name: string): string[] {
  if (name === ".") return ["may not be '.'"];
  if (name === "..") return ["may not be '..'"];
  const errs: string[] = [];
  if (name.includes("/")) errs.push("may not contain '/'");
  if (name.includes("%")) errs.push("may not contain '%'");
  return errs;
}

/** ValidateCrossVersionObjectReference. */
function validateRef(ref: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  for (const key of ["kind", "name"]) {
    const v = ref?.[key];
    if (!v) errs.push(required(`${path}.${key}`, ""));
    else for (const msg of pathSegmentErrors(String(v))) errs.push(invalidField(`${path}.${key}`, v, msg));
  }
  return errs;
}

const METRIC_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];
const SOURCE_FIELD: Record<string, string> = {
  Object: "object",
  Pods: "pods",
  Resource: "resource",
  External: "external",
  ContainerResource: "containerResource",
};

function validateTarget(t: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!t?.type) errs.push(required(`${path}.type`, "must specify a metric target type"));
  if (!["Utilization", "Value", "AverageValue"].includes(t?.type))
    errs.push(
      invalidField(`${path}.type`, t?.type ?? "", "must be either Utilization, Value, or AverageValue"),
    );
  if (typeof t?.averageUtilization === "number" && t.averageUtilization < 1)
    errs.push(invalidField(`${path}.averageUtilization`, t.averageUtilization, "must be greater than 0"));
  return errs;
}

function validateMetric(m: Json, path: string): FieldCause[] {
  const errs: FieldCause[] = [];
  const type = m?.type ?? "";
  if (!type) errs.push(required(`${path}.type`, "must specify a metric source type"));
  if (!METRIC_TYPES.includes(type)) errs.push(notSupported(`${path}.type`, type, METRIC_TYPES));
  const present = Object.values(SOURCE_FIELD).filter((f) => m?.[f]);
  for (const f of present.slice(0, 1)) {
    const src = m[f];
    if (f === "resource" || f === "containerResource") {
      if (!src.name) errs.push(required(`${path}.${f}.name`, "must specify a resource name"));
      if (f === "containerResource") {
        if (!src.container) errs.push(required(`${path}.${f}.container`, "must specify a container"));
        else
          for (const msg of isDNS1123Label(src.container))
            errs.push(invalidField(`${path}.${f}.container`, src.container, msg));
      }
      errs.push(...validateTarget(src.target, `${path}.${f}.target`));
      if (src.target?.averageUtilization === undefined && src.target?.averageValue === undefined)
        errs.push(
          required(
            `${path}.${f}.target.averageUtilization`,
            "must set either a target raw value or a target utilization",
          ),
        );
      if (src.target?.averageUtilization !== undefined && src.target?.averageValue !== undefined)
        errs.push(
          forbidden(
            `${path}.${f}.target.averageValue`,
            "may not set both a target raw value and a target utilization",
          ),
        );
    } else {
      if (!src.metric?.name) errs.push(required(`${path}.${f}.metric.name`, "must specify a metric name"));
      errs.push(...validateTarget(src.target, `${path}.${f}.target`));
    }
  }
  const expected = SOURCE_FIELD[type];
  if (expected && !m?.[expected])
    errs.push(required(`${path}.${expected}`, "must populate information for the given metric source"));
  if (present.length !== 1)
    for (const f of present.filter((f) => f !== expected))
      errs.push(forbidden(`${path}.${f}`, "must populate the given metric source only"));
  return errs;
}

function validateScalingRules(rules: Json, path: string): FieldCause[] {
  if (!rules) return [];
  const errs: FieldCause[] = [];
  const w = rules.stabilizationWindowSeconds;
  if (typeof w === "number" && w < 0)
    errs.push(invalidField(`${path}.stabilizationWindowSeconds`, w, "must be greater than or equal to zero"));
  if (typeof w === "number" && w > 3600)
    errs.push(invalidField(`${path}.stabilizationWindowSeconds`, w, "must be less than or equal to 3600"));
  if (rules.selectPolicy !== undefined && !["Disabled", "Max", "Min"].includes(rules.selectPolicy))
    errs.push(notSupported(`${path}.selectPolicy`, rules.selectPolicy, ["Disabled", "Max", "Min"]));
  const policies: Json[] = Array.isArray(rules.policies) ? rules.policies : [];
  if (policies.length === 0) errs.push(required(`${path}.policies`, "must specify at least one Policy"));
  policies.forEach((p, i) => {
    const pp = `${path}.policies[${i}]`;
    if (p?.type !== "Pods" && p?.type !== "Percent")
      errs.push(notSupported(`${pp}.type`, p?.type ?? "", ["Percent", "Pods"]));
    if (!(p?.value > 0)) errs.push(invalidField(`${pp}.value`, p?.value ?? 0, "must be greater than zero"));
    if (!(p?.periodSeconds > 0))
      errs.push(invalidField(`${pp}.periodSeconds`, p?.periodSeconds ?? 0, "must be greater than zero"));
    if (p?.periodSeconds > 1800)
      errs.push(invalidField(`${pp}.periodSeconds`, p.periodSeconds, "must be less than or equal to 1800"));
  });
  return errs;
}

/** validateHorizontalPodAutoscalerSpec (HPAScaleToZero off: minReplicas of at least 1). */
export function validateHorizontalPodAutoscaler(hpa: Json): FieldCause[] {
  const spec = hpa.spec ?? {};
  const errs: FieldCause[] = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas ?? 0;
  if (typeof min === "number" && min < 1)
    errs.push(invalidField("spec.minReplicas", min, "must be greater than or equal to 1"));
  if (max < 1) errs.push(invalidField("spec.maxReplicas", max, "must be greater than 0"));
  if (typeof min === "number" && max < min)
    errs.push(invalidField("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
  errs.push(...validateRef(spec.scaleTargetRef, "spec.scaleTargetRef"));
  (Array.isArray(spec.metrics) ? spec.metrics : []).forEach((m: Json, i: number) => {
    errs.push(...validateMetric(m, `spec.metrics[${i}]`));
  });
  if (spec.behavior) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, "spec.behavior.scaleUp"));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, "spec.behavior.scaleDown"));
  }
  return errs;
}
