/**
 * `kubectl auth can-i` and `kubectl auth whoami` (staging/src/k8s.io/kubectl/pkg/cmd/auth):
 * a SelfSubjectAccessReview answered by the API server's RBAC authorizer, as the kubeconfig's
 * user or the one `--as` / `--as-group` impersonate.
 */

import {
  type Attributes,
  authorize,
  rulesFor,
  serviceAccountGroups,
  splitServiceAccount,
  type UserInfo,
} from "../../engine/apiserver/auth/rbac";
import { type Command, type Invocation, KubectlError } from "../command";
import { describedRules, policyRuleRow } from "../describe/rbac";
import { tabwrite } from "../printers/tabwriter";

/** The user of the admin kubeconfig kubeadm writes. */
export const ADMIN_USER: UserInfo = {
  name: "kubernetes-admin",
  groups: ["kubeadm:cluster-admins", "system:authenticated"],
};

/** Whether user is kubeadm's admin (its group is bound to cluster-admin): requests need no RBAC check. */
export function isClusterAdmin(user: UserInfo): boolean {
  return user.name === ADMIN_USER.name && user.groups.includes("kubeadm:cluster-admins");
}

/**
 * Who the request is from: the impersonated user (with a service account's groups), else the
 * kubeconfig's client certificate's user, else the admin.
 */
export function requestUser(inv: Invocation): UserInfo {
  const as = inv.flags.str("as");
  const asGroups = inv.flags.has("as-group") ? inv.flags.list("as-group") : [];
  if (!as) {
    if (asGroups.length)
      throw new KubectlError("requesting groups or user-extra for  without impersonating a user");
    return inv.identity ?? ADMIN_USER;
  }
  const sa = splitServiceAccount(as);
  const groups = [...asGroups];
  for (const g of sa ? serviceAccountGroups(sa.namespace) : ["system:authenticated"])
    if (!groups.includes(g)) groups.push(g);
  return { name: as, groups };
}

/** The verbs SelfSubjectAccessReview knows for resources and for URLs (cani.go). */
const RESOURCE_VERBS = new Set([
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
  "use",
  "bind",
  "impersonate",
  "*",
  "approve",
  "sign",
  "escalate",
  "attest",
]);
const NON_RESOURCE_VERBS = new Set(["get", "put", "post", "head", "options", "delete", "patch", "*"]);

function warn(inv: Invocation, message: string): void {
  inv.err(`Warning: ${message}\n\n`);
}

/** resourceFor: the typed resource, or (with a warning) the text as typed. */
function resourceFor(
  inv: Invocation,
  typed: string,
): { group: string; resource: string; namespaced: boolean } {
  if (typed === "*") return { group: "", resource: "*", namespaced: true };
  const lower = typed.toLowerCase();
  const res = inv.mapper.resolve(lower);
  if (res) return { group: res.group, resource: res.plural, namespaced: res.namespaced };
  const [resource = "", ...group] = lower.split(".");
  if (group.length)
    warn(inv, `the server doesn't have a resource type '${resource}' in group '${group.join(".")}'`);
  else warn(inv, `the server doesn't have a resource type '${resource}'`);
  return { group: "", resource: typed, namespaced: true };
}

function canI(inv: Invocation, args: string[]): void {
  const list = inv.flags.bool("list");
  const all = inv.flags.bool("all-namespaces");
  const namespace = all ? "" : inv.namespace;
  const user = requestUser(inv);
  if (list) {
    if (args.length) throw new KubectlError("list option must be specified with no arguments");
    if (inv.flags.bool("quiet") || all || inv.flags.has("subresource"))
      throw new KubectlError(
        "--list option must not be specified with --quiet, --all-namespaces or --subresource",
      );
    listRules(inv, user, namespace);
    return;
  }
  if (args.length !== 2)
    throw new KubectlError(
      "you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.",
    );
  const [verb, target] = args as [string, string];
  let attrs: Attributes;
  if (target.startsWith("/")) {
    if (inv.flags.has("subresource"))
      throw new KubectlError("--subresource can not be used with NonResourceURL");
    if (!NON_RESOURCE_VERBS.has(verb)) warn(inv, `verb '${verb}' is not a known verb`);
    attrs = { verb, path: target };
  } else {
    const slash = target.indexOf("/");
    const typed = slash >= 0 ? target.slice(0, slash) : target;
    const name = slash >= 0 ? target.slice(slash + 1) : "";
    const res = resourceFor(inv, typed);
    if (!all && !res.namespaced)
      warn(
        inv,
        res.group
          ? `resource '${res.resource}' is not namespace scoped in group '${res.group}'`
          : `resource '${res.resource}' is not namespace scoped`,
      );
    if (!RESOURCE_VERBS.has(verb)) warn(inv, `verb '${verb}' is not a known verb`);
    attrs = {
      verb,
      apiGroup: res.group,
      resource: res.resource,
      subresource: inv.flags.str("subresource") || undefined,
      name: name || undefined,
      namespace,
    };
  }
  const decision = authorize(inv.cluster.api, user, attrs);
  if (!inv.flags.bool("quiet"))
    inv.out(decision.allowed ? "yes\n" : `no${decision.reason ? ` - ${decision.reason}` : ""}\n`);
  if (!decision.allowed) inv.exit = 1;
}

/**
 * `--list` (cani.go printStatus): the SelfSubjectRulesReview's rules broken down, compacted and
 * sorted as describe role does them, one printAccess row each.
 */
function listRules(inv: Invocation, user: UserInfo, namespace: string): void {
  const rows = describedRules(rulesFor(inv.cluster.api, user, namespace).map(({ rule }) => rule)).map(
    (r) => `${policyRuleRow(r)}\n`,
  );
  const header = inv.flags.bool("no-headers") ? "" : "Resources\tNon-Resource URLs\tResource Names\tVerbs\n";
  inv.out(tabwrite(`${header}${rows.join("")}`));
}

/** `kubectl auth`. */
export const auth: Command = {
  name: "auth",
  flags: [
    { name: "all-namespaces", short: "A", type: "bool" },
    { name: "list", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "subresource", type: "string" },
    { name: "no-headers", type: "bool" },
    { name: "as-group", type: "stringArray" },
    { name: "output", short: "o", type: "string" },
  ],
  run(inv) {
    const [sub, ...args] = inv.flags.args;
    if (sub === "whoami") {
      const user = requestUser(inv);
      inv.out(tabwrite(`ATTRIBUTE\tVALUE\nUsername\t${user.name}\nGroups\t[${user.groups.join(" ")}]\n`));
      return;
    }
    if (sub !== "can-i") throw new KubectlError(`unknown command "${sub ?? ""}" for "kubectl auth"`);
    canI(inv, args);
  },
};
