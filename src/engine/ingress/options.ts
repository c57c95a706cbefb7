/**
 * The nginx-ingress-controller flags the simulation reads (kubernetes/ingress-nginx
 * pkg/flags/flags.go, controller-v1.11.3 defaults).
 */

/** What the controller was started with. */
export interface ControllerOptions {
  /** --ingress-class: the `kubernetes.io/ingress.class` annotation value it serves. */
  ingressClass: string;
  /** --controller-class: the IngressClass spec.controller it serves. */
  controllerClass: string;
  /** --watch-ingress-without-class: also serve Ingresses that name no class. */
  watchWithoutClass: boolean;
  /** --publish-service: ns/name of the Service whose address the Ingresses' status gets. */
  publishService?: string;
  /** --publish-status-address: fixed addresses for the status. */
  publishStatusAddress?: string;
  /** --report-node-internal-ip-address: the node's InternalIP even when it has an ExternalIP. */
  reportNodeInternalIp: boolean;
  /** --http-port, --https-port, --healthz-port. */
  httpPort: number;
  httpsPort: number;
  healthzPort: number;
  /** --validating-webhook: the admission webhook's listen port, when set. */
  webhookPort?: number;
  /** --configmap: ns/name of the ConfigMap holding nginx's settings. */
  configMap?: string;
  /**
   * The strict-validate-path-type default of the controller's release (config.go: false up to
   * v1.11, true from v1.12.0).
   */
  strictValidatePathType: boolean;
}

/** The value of `--name=value` (or `--name value`) in argv. */
function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
    if (a === `--${name}` && i + 1 < argv.length && !(argv[i + 1] as string).startsWith("--"))
      return argv[i + 1];
  }
  return undefined;
}

function boolFlag(argv: readonly string[], name: string): boolean {
  if (argv.includes(`--${name}`)) return true;
  return flag(argv, name) === "true";
}

function portFlag(argv: readonly string[], name: string, dflt: number): number {
  const v = Number(flag(argv, name));
  return Number.isInteger(v) && v > 0 ? v : dflt;
}

/** Parses the controller's arguments (everything after the program path). */
export function parseControllerOptions(argv: readonly string[], version = ""): ControllerOptions {
  const webhook = flag(argv, "validating-webhook");
  const webhookPort = webhook ? Number(webhook.replace(/^.*:/, "")) : undefined;
  return {
    ingressClass: flag(argv, "ingress-class") ?? "nginx",
    controllerClass: flag(argv, "controller-class") ?? "k8s.io/ingress-nginx",
    watchWithoutClass: boolFlag(argv, "watch-ingress-without-class"),
    publishService: flag(argv, "publish-service"),
    publishStatusAddress: flag(argv, "publish-status-address"),
    reportNodeInternalIp: boolFlag(argv, "report-node-internal-ip-address"),
    httpPort: portFlag(argv, "http-port", 80),
    httpsPort: portFlag(argv, "https-port", 443),
    healthzPort: portFlag(argv, "healthz-port", 10254),
    webhookPort: webhookPort && Number.isInteger(webhookPort) ? webhookPort : undefined,
    configMap: flag(argv, "configmap"),
    strictValidatePathType: releaseAtLeast(version, 1, 12),
  };
}

/** Whether a `v1.12.0` style version is at least major.minor (an unknown version is the newest). */
export function releaseAtLeast(version: string, major: number, minor: number): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (!m) return true;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}
