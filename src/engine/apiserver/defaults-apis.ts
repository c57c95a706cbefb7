/**
 * Defaulting of networking.k8s.io/v1 (pkg/apis/networking/v1/defaults.go) and autoscaling/v2
 * (pkg/apis/autoscaling/v2/defaults.go) objects, plus what their registry strategies set on create
 * (a fresh status).
 */

// biome-ignore lint/suspicious/noExplicitAny: defaulting walks open JSON
type Json = any;

function def(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** autoscaling.DefaultCPUUtilization: the target of an HPA created without metrics. */
export const DEFAULT_CPU_UTILIZATION = 80;

/** SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort. */
export function defaultNetworkPolicy(np: Json): void {
  np.spec = np.spec ?? {};
  const spec = np.spec;
  def(spec, "podSelector", {});
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])])
    for (const port of rule?.ports ?? []) if (port) def(port, "protocol", "TCP");
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    // Any policy that does not specify policyTypes implies at least "Ingress".
    spec.policyTypes = ["Ingress"];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) spec.policyTypes.push("Egress");
  }
}

/** The ingress strategy's PrepareForCreate: status starts empty (`loadBalancer: {}`). */
export function defaultIngress(ing: Json, create: boolean): void {
  ing.spec = ing.spec ?? {};
  if (create) ing.status = { loadBalancer: {} };
}

/** SetDefaults_IngressClass: parameters without a scope are Cluster-scoped. */
export function defaultIngressClass(ic: Json): void {
  ic.spec = ic.spec ?? {};
  if (ic.spec.parameters && typeof ic.spec.parameters === "object")
    def(ic.spec.parameters, "scope", "Cluster");
}

/** defaultHPAScaleUpRules of autoscaling/v2 defaults.go. */
function scaleUpRules(): Json {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: "Max",
    policies: [
      { type: "Pods", value: 4, periodSeconds: 15 },
      { type: "Percent", value: 100, periodSeconds: 15 },
    ],
  };
}

/** defaultHPAScaleDownRules of autoscaling/v2 defaults.go. */
function scaleDownRules(): Json {
  return {
    stabilizationWindowSeconds: 300,
    selectPolicy: "Max",
    policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
  };
}

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: nil fields take the defaults. */
function fillRules(rules: Json, defaults: Json): Json {
  if (!rules || typeof rules !== "object") return defaults;
  def(rules, "stabilizationWindowSeconds", defaults.stabilizationWindowSeconds);
  def(rules, "selectPolicy", defaults.selectPolicy);
  def(rules, "policies", defaults.policies);
  return rules;
}

/**
 * SetDefaults_HorizontalPodAutoscaler (autoscaling/v2): minReplicas 1, a CPU utilization metric
 * at 80% when none is given, and a given behavior completed with the default rules. On create the
 * strategy empties the status (only desiredReplicas has no omitempty).
 */
export function defaultHorizontalPodAutoscaler(hpa: Json, create: boolean): void {
  hpa.spec = hpa.spec ?? {};
  const spec = hpa.spec;
  def(spec, "minReplicas", 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0)
    spec.metrics = [
      {
        type: "Resource",
        resource: {
          name: "cpu",
          target: { type: "Utilization", averageUtilization: DEFAULT_CPU_UTILIZATION },
        },
      },
    ];
  if (spec.behavior && typeof spec.behavior === "object") {
    spec.behavior.scaleUp = fillRules(spec.behavior.scaleUp, scaleUpRules());
    spec.behavior.scaleDown = fillRules(spec.behavior.scaleDown, scaleDownRules());
  }
  if (create) hpa.status = { desiredReplicas: 0 };
}
