/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go and
 * pkg/apis/rbac/v1/evaluation_helpers.go): a request is allowed when a rule of a role bound to
 * the user, one of its groups, or its service account allows the verb on the resource (or the
 * non-resource URL). Cluster role bindings apply everywhere, role bindings in their namespace.
 */
import type { ApiReader } from "../../api/interface";
import type { KubeObject } from "../../api/types";

/** Who asks: a user name and groups (service accounts are `system:serviceaccount:NS:NAME`). */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** authorizer.Attributes: a resource request, or a non-resource one when path is set. */
export interface Attributes {
  verb: string;
  /** "" for the core group. */
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** "" for a cluster-scoped request (or all namespaces). */
  namespace?: string;
  /** A non-resource URL (`/healthz`). */
  path?: string;
}

/** A PolicyRule. */
export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const SA_PREFIX = "system:serviceaccount:";

/** The groups an authenticated service account has (serviceaccount.MakeGroupNames plus authenticated). */
export function serviceAccountGroups(namespace: string): string[] {
  return ["system:serviceaccounts", `system:serviceaccounts:${namespace}`, "system:authenticated"];
}

/** The namespace and name of a service account user name, or undefined. */
export function splitServiceAccount(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const [namespace, name, ...rest] = user.slice(SA_PREFIX.length).split(":");
  if (!namespace || !name || rest.length) return undefined;
  return { namespace, name };
}

/** appliesTo: whether a binding's subject is the user, one of its groups, or its service account. */
export function subjectMatches(
  subject: Record<string, string>,
  user: UserInfo,
  bindingNamespace: string,
): boolean {
  return appliesTo(subject, requester(user), bindingNamespace);
}

/** The user as bindings are matched against it, split once per request. */
interface Requester {
  name: string;
  groups: ReadonlySet<string>;
  serviceAccount?: { namespace: string; name: string };
}

function requester(user: UserInfo): Requester {
  return { name: user.name, groups: new Set(user.groups), serviceAccount: splitServiceAccount(user.name) };
}

function appliesTo(subject: Record<string, string>, who: Requester, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case "User":
      return subject.name === who.name;
    case "Group":
      return who.groups.has(subject.name as string);
    case "ServiceAccount": {
      const sa = who.serviceAccount;
      return !!sa && sa.name === subject.name && sa.namespace === (subject.namespace || bindingNamespace);
    }
    default:
      return false;
  }
}

const has = (list: string[] | undefined, value: string) => (list ?? []).some((v) => v === "*" || v === value);

/** ResourceMatches: `*`, the resource (with its subresource), or `*\/subresource`. */
function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === "*" || r === combined) return true;
    if (subresource && r.startsWith("*/") && r.slice(2) === subresource) return true;
  }
  return false;
}

/** NonResourceURLMatches: `*`, the path, or a prefix ending in `*`. */
function urlMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === "*" || u === path || (u.endsWith("*") && path.startsWith(u.slice(0, -1))),
  );
}

/** RuleAllows. */
export function ruleAllows(attrs: Attributes, rule: PolicyRule): boolean {
  if (!has(rule.verbs, attrs.verb)) return false;
  if (attrs.path !== undefined) return urlMatches(rule, attrs.path);
  const sub = attrs.subresource ?? "";
  const combined = sub ? `${attrs.resource}/${sub}` : (attrs.resource ?? "");
  if (!has(rule.apiGroups, attrs.apiGroup ?? "")) return false;
  if (!resourceMatches(rule, combined, sub)) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (!!attrs.name && names.includes(attrs.name));
}

/** The rules of a binding's role, or the lister's NotFound text when the role is missing. */
function roleRules(api: ApiReader, ref: Record<string, string>, namespace: string): PolicyRule[] | string {
  const cluster = ref.kind === "ClusterRole";
  const role = cluster
    ? api.get("ClusterRole", undefined, ref.name as string)
    : api.get("Role", namespace, ref.name as string);
  if (!role) return `${cluster ? "clusterrole" : "role"}.rbac.authorization.k8s.io "${ref.name}" not found`;
  return (role.rules as PolicyRule[] | undefined) ?? [];
}

/**
 * VisitRulesFor: calls visit with every rule that applies to the user in the namespace and where
 * it comes from (`ClusterRoleBinding "x" of ClusterRole "y"`), in the order the authorizer visits
 * them, until visit returns false; a missing role's NotFound text goes to errors instead.
 */
function visitRulesFor(
  api: ApiReader,
  user: UserInfo,
  namespace: string,
  errors: string[],
  visit: (rule: PolicyRule, source: () => string) => boolean,
): void {
  const who = requester(user);
  const walk = (bindings: KubeObject[], ns: string, kind: string): boolean => {
    for (const b of bindings) {
      const subjects = (b.subjects as Record<string, string>[] | undefined) ?? [];
      if (!subjects.some((s) => appliesTo(s, who, ns))) continue;
      const ref = (b.roleRef as Record<string, string>) ?? {};
      const rules = roleRules(api, ref, ns);
      if (typeof rules === "string") {
        errors.push(rules);
        continue;
      }
      const source = () => `${kind} "${b.metadata.name}" of ${ref.kind} "${ref.name}"`;
      for (const rule of rules) if (!visit(rule, source)) return false;
    }
    return true;
  };
  if (!walk(api.list("ClusterRoleBinding"), "", "ClusterRoleBinding")) return;
  if (namespace) walk(api.list("RoleBinding", { namespace }), namespace, "RoleBinding");
}

/** Every rule that applies to the user in the namespace, with where it comes from (VisitRulesFor). */
export function rulesFor(
  api: ApiReader,
  user: UserInfo,
  namespace: string,
  errors: string[] = [],
): { rule: PolicyRule; source: string }[] {
  const out: { rule: PolicyRule; source: string }[] = [];
  visitRulesFor(api, user, namespace, errors, (rule, source) => {
    out.push({ rule, source: source() });
    return true;
  });
  return out;
}

/**
 * Authorize: allowed when a rule allows the request (the reason names the binding); denied with
 * `RBAC: ...` naming the roles that bindings of the user refer to and that do not exist.
 */
export function authorize(
  api: ApiReader,
  user: UserInfo,
  attrs: Attributes,
): { allowed: boolean; reason: string } {
  const errors: string[] = [];
  let allowedBy = "";
  visitRulesFor(api, user, attrs.namespace ?? "", errors, (rule, source) => {
    if (!ruleAllows(attrs, rule)) return true;
    allowedBy = source();
    return false;
  });
  if (allowedBy) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
  const aggregate = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  return { allowed: false, reason: errors.length ? `RBAC: ${aggregate}` : "" };
}

/**
 * The Forbidden message of a denied resource request (forbidden.go):
 * `pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"`.
 */
export function forbiddenMessage(user: UserInfo, attrs: Attributes): string {
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : (attrs.resource ?? "");
  const qualified = attrs.apiGroup ? `${attrs.resource}.${attrs.apiGroup}` : (attrs.resource ?? "");
  const what = attrs.name ? `${qualified} "${attrs.name}"` : qualified;
  const where = attrs.namespace ? `in the namespace "${attrs.namespace}"` : "at the cluster scope";
  return `${what} is forbidden: User "${user.name}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.apiGroup ?? ""}" ${where}`;
}
