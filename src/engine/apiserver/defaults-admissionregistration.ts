/**
 * Defaulting of admissionregistration.k8s.io/v1 webhook configurations
 * (pkg/apis/admissionregistration/v1/defaults.go: SetDefaults_ValidatingWebhook,
 * SetDefaults_MutatingWebhook, SetDefaults_Rule, SetDefaults_ServiceReference).
 */

// biome-ignore lint/suspicious/noExplicitAny: defaulting walks open JSON
type Json = any;

function def(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** The defaults both kinds of webhook share; a mutating one also gets reinvocationPolicy Never. */
function defaultWebhook(hook: Json, mutating: boolean): void {
  if (!hook || typeof hook !== "object") return;
  def(hook, "failurePolicy", "Fail");
  def(hook, "matchPolicy", "Equivalent");
  def(hook, "namespaceSelector", {});
  def(hook, "objectSelector", {});
  def(hook, "timeoutSeconds", 10);
  if (mutating) def(hook, "reinvocationPolicy", "Never");
  for (const rule of hook.rules ?? []) if (rule && typeof rule === "object") def(rule, "scope", "*");
  const service = hook.clientConfig?.service;
  if (service && typeof service === "object") def(service, "port", 443);
}

/** Defaults every webhook of a ValidatingWebhookConfiguration. */
export function defaultValidatingWebhookConfiguration(obj: Json): void {
  for (const hook of obj.webhooks ?? []) defaultWebhook(hook, false);
}

/** Defaults every webhook of a MutatingWebhookConfiguration. */
export function defaultMutatingWebhookConfiguration(obj: Json): void {
  for (const hook of obj.webhooks ?? []) defaultWebhook(hook, true);
}
