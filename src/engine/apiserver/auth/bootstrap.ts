/**
 * The RBAC objects the API server creates at start (bootstrappolicy: cluster-admin, the
 * aggregated admin/edit/view and the roles aggregated into them, basic-user, discovery,
 * public-info-viewer, with their bindings) and kubeadm's `kubeadm:cluster-admins` binding, whose
 * group the admin kubeconfig's user is in. Only objects that are missing are created.
 */
import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import type { PolicyRule } from "./rbac";

const RBAC = "rbac.authorization.k8s.io/v1";
const BOOTSTRAP_LABELS = { "kubernetes.io/bootstrapping": "rbac-defaults" };
const AUTOUPDATE = { "rbac.authorization.kubernetes.io/autoupdate": "true" };
const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];
const AGG = "rbac.authorization.k8s.io/aggregate-to-";

function rule(apiGroups: string[], resources: string[], verbs: string[]): PolicyRule {
  return { apiGroups, resources, verbs };
}

function clusterRole(
  name: string,
  rules: PolicyRule[],
  labels: Record<string, string> = {},
  extra: object = {},
): KubeObject {
  return {
    apiVersion: RBAC,
    kind: "ClusterRole",
    metadata: { name, labels: { ...BOOTSTRAP_LABELS, ...labels }, annotations: { ...AUTOUPDATE } },
    rules,
    ...extra,
  };
}

function aggregated(name: string, labels: Record<string, string> = {}): KubeObject {
  return clusterRole(name, [], labels, {
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`${AGG}${name}`]: "true" } }] },
  });
}

function binding(name: string, role: string, groups: string[], labels = BOOTSTRAP_LABELS): KubeObject {
  return {
    apiVersion: RBAC,
    kind: "ClusterRoleBinding",
    metadata: {
      name,
      labels: { ...labels },
      annotations: labels === BOOTSTRAP_LABELS ? { ...AUTOUPDATE } : {},
    },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
    subjects: groups.map((g) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: g })),
  };
}

/** The bootstrap ClusterRoles (bootstrappolicy/policy.go ClusterRoles, v1.32). */
export const BOOTSTRAP_CLUSTER_ROLES: KubeObject[] = [
  clusterRole("cluster-admin", [
    { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
    { nonResourceURLs: ["*"], verbs: ["*"] },
  ]),
  aggregated("admin"),
  aggregated("edit", { [`${AGG}admin`]: "true" }),
  aggregated("view", { [`${AGG}edit`]: "true" }),
  clusterRole(
    "system:aggregate-to-admin",
    [
      rule(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
      rule(["rbac.authorization.k8s.io"], ["rolebindings", "roles"], [...READ, ...WRITE].sort()),
    ],
    { [`${AGG}admin`]: "true" },
  ),
  clusterRole(
    "system:aggregate-to-edit",
    [
      rule(
        [""],
        ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"],
        READ,
      ),
      rule([""], ["serviceaccounts"], ["impersonate"]),
      rule([""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], WRITE),
      rule([""], ["pods/eviction"], ["create"]),
      rule(
        [""],
        [
          "configmaps",
          "events",
          "persistentvolumeclaims",
          "replicationcontrollers",
          "replicationcontrollers/scale",
          "secrets",
          "serviceaccounts",
          "services",
          "services/proxy",
        ],
        WRITE,
      ),
      rule([""], ["serviceaccounts/token"], ["create"]),
      rule(
        ["apps"],
        [
          "daemonsets",
          "deployments",
          "deployments/rollback",
          "deployments/scale",
          "replicasets",
          "replicasets/scale",
          "statefulsets",
          "statefulsets/scale",
        ],
        WRITE,
      ),
      rule(["autoscaling"], ["horizontalpodautoscalers"], WRITE),
      rule(["batch"], ["cronjobs", "jobs"], WRITE),
      rule(["policy"], ["poddisruptionbudgets"], WRITE),
      rule(["networking.k8s.io"], ["ingresses", "networkpolicies"], WRITE),
      rule(["coordination.k8s.io"], ["leases"], [...READ, ...WRITE].sort()),
    ],
    { [`${AGG}edit`]: "true" },
  ),
  clusterRole(
    "system:aggregate-to-view",
    [
      rule(
        [""],
        [
          "configmaps",
          "endpoints",
          "persistentvolumeclaims",
          "persistentvolumeclaims/status",
          "pods",
          "replicationcontrollers",
          "replicationcontrollers/scale",
          "serviceaccounts",
          "services",
          "services/status",
        ],
        READ,
      ),
      rule(
        [""],
        [
          "bindings",
          "events",
          "limitranges",
          "namespaces/status",
          "pods/log",
          "pods/status",
          "replicationcontrollers/status",
          "resourcequotas",
          "resourcequotas/status",
        ],
        READ,
      ),
      rule([""], ["namespaces"], READ),
      rule(["discovery.k8s.io"], ["endpointslices"], READ),
      rule(
        ["apps"],
        [
          "controllerrevisions",
          "daemonsets",
          "daemonsets/status",
          "deployments",
          "deployments/scale",
          "deployments/status",
          "replicasets",
          "replicasets/scale",
          "replicasets/status",
          "statefulsets",
          "statefulsets/scale",
          "statefulsets/status",
        ],
        READ,
      ),
      rule(["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], READ),
      rule(["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], READ),
      rule(["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"], READ),
      rule(["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"], READ),
    ],
    { [`${AGG}view`]: "true" },
  ),
  clusterRole("system:basic-user", [
    rule(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], ["create"]),
    rule(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"]),
  ]),
  clusterRole("system:discovery", [
    {
      nonResourceURLs: [
        "/api",
        "/api/*",
        "/apis",
        "/apis/*",
        "/healthz",
        "/livez",
        "/openapi",
        "/openapi/*",
        "/readyz",
        "/version",
        "/version/",
      ],
      verbs: ["get"],
    },
  ]),
  clusterRole("system:public-info-viewer", [
    { nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"], verbs: ["get"] },
  ]),
  // Read access to the service account issuer discovery endpoints, bound to every service account.
  clusterRole("system:service-account-issuer-discovery", [
    {
      nonResourceURLs: [
        "/.well-known/openid-configuration",
        "/.well-known/openid-configuration/",
        "/openid/v1/jwks",
        "/openid/v1/jwks/",
      ],
      verbs: ["get"],
    },
  ]),
  clusterRole("system:monitoring", [
    {
      nonResourceURLs: [
        "/healthz",
        "/healthz/*",
        "/livez",
        "/livez/*",
        "/metrics",
        "/metrics/slis",
        "/readyz",
        "/readyz/*",
      ],
      verbs: ["get"],
    },
  ]),
];

/** The bootstrap ClusterRoleBindings, and kubeadm's binding of its admins' group. */
export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: KubeObject[] = [
  binding("cluster-admin", "cluster-admin", ["system:masters"]),
  binding("system:basic-user", "system:basic-user", ["system:authenticated"]),
  binding("system:discovery", "system:discovery", ["system:authenticated"]),
  binding("system:public-info-viewer", "system:public-info-viewer", [
    "system:authenticated",
    "system:unauthenticated",
  ]),
  binding("system:monitoring", "system:monitoring", ["system:monitoring"]),
  binding("system:service-account-issuer-discovery", "system:service-account-issuer-discovery", [
    "system:serviceaccounts",
  ]),
  binding(
    "kubeadm:cluster-admins",
    "cluster-admin",
    ["kubeadm:cluster-admins"],
    {} as typeof BOOTSTRAP_LABELS,
  ),
];

/** Creates the bootstrap policy objects that are missing. */
export function createBootstrapPolicy(cluster: Cluster): void {
  for (const obj of [...BOOTSTRAP_CLUSTER_ROLES, ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS])
    if (!cluster.api.get(obj.kind, undefined, obj.metadata.name as string)) cluster.api.create(obj);
}
