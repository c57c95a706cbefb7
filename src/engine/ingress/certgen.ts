/**
 * kube-webhook-certgen (kubernetes/ingress-nginx images/kube-webhook-certgen, as the admission
 * Jobs run it): `create` makes the webhook's CA, certificate and key and saves them in a Secret
 * (keys ca, cert, key) unless it exists; `patch` puts the Secret's CA into the webhook
 * configuration's caBundle and sets its failurePolicy. Each logs logrus JSON lines to stdout and
 * exits; a fatal error exits 1 and the Job's pod restarts (restartPolicy OnFailure).
 */
import { encodeBase64 } from "../api/base64";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster";
import type { ContainerProcess, ProcessHook, ProcessOutcome } from "../processes";

/** The image's short name. */
export const CERTGEN_IMAGE = "kube-webhook-certgen";

// biome-ignore lint/suspicious/noExplicitAny: Secrets and webhook configurations are open JSON
type Json = any;

/** certgen's flags (cmd/root.go, create.go, patch.go). */
interface CertgenFlags {
  host: string;
  namespace: string;
  secretName: string;
  certName: string;
  keyName: string;
  webhookName: string;
  patchValidating: boolean;
  patchMutating: boolean;
  patchFailurePolicy: string;
}

function parseFlags(args: readonly string[]): CertgenFlags {
  const get = (name: string) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    return a?.slice(name.length + 3);
  };
  return {
    host: get("host") ?? "",
    namespace: get("namespace") ?? "",
    secretName: get("secret-name") ?? "",
    certName: get("cert-name") ?? "cert",
    keyName: get("key-name") ?? "key",
    webhookName: get("webhook-name") ?? "",
    patchValidating: get("patch-validating") !== "false",
    patchMutating: get("patch-mutating") !== "false",
    patchFailurePolicy: get("patch-failure-policy") ?? "",
  };
}

/** PEM armour around deterministic bytes: the shape of certgen's output, not a usable key. */
function pem(label: string, seed: string): string {
  const body = encodeBase64(`${label}:${seed}`.repeat(12)).replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----\n${body.replace(/\n$/, "")}\n-----END ${label}-----\n`;
}

/** What one run did: its log lines and exit code. */
export interface CertgenRun {
  logs: string[];
  exitCode: number;
}

/** One run of `kube-webhook-certgen create|patch`. */
export function runCertgen(cluster: Cluster, args: readonly string[]): CertgenRun {
  const logs: string[] = [];
  const time = cluster.clock.timestamp();
  const log = (level: string, msg: string, source: string, err?: string) =>
    logs.push(
      JSON.stringify({ ...(err !== undefined ? { err } : {}), level, msg, source, time }).replace(
        /\\u0026/g,
        "&",
      ),
    );
  const flags = parseFlags(args);
  const api = cluster.api;
  const secret = api.get("Secret", flags.namespace, flags.secretName) as Json;
  const ca: string | undefined = secret?.data?.ca;
  if (args[0] === "create") {
    if (ca) {
      log("info", "secret already exists", "cmd/create.go:33");
      return { logs, exitCode: 0 };
    }
    if (!secret) log("info", "no secret found", "k8s/k8s.go:229", `secrets "${flags.secretName}" not found`);
    log("info", "creating new secret", "cmd/create.go:28");
    const seed = `${flags.host}/${cluster.rng.chars(16, "0123456789abcdef")}`;
    try {
      api.create({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: flags.secretName, namespace: flags.namespace },
        data: {
          ca: encodeBase64(pem("CERTIFICATE", `ca/${seed}`)),
          [flags.certName]: encodeBase64(pem("CERTIFICATE", seed)),
          [flags.keyName]: encodeBase64(pem("EC PRIVATE KEY", seed)),
        },
      } as KubeObject);
    } catch (e) {
      log("fatal", "failed creating secret", "k8s/k8s.go:256", (e as Error).message);
      return { logs, exitCode: 1 };
    }
    return { logs, exitCode: 0 };
  }
  if (args[0] === "patch") {
    if (!flags.patchMutating && !flags.patchValidating) {
      log(
        "fatal",
        "patch-validating=false, patch-mutating=false. You must patch at least one kind of webhook, otherwise this command is a no-op",
        "cmd/patch.go:106",
      );
      return { logs, exitCode: 1 };
    }
    if (!secret) log("info", "no secret found", "k8s/k8s.go:229", `secrets "${flags.secretName}" not found`);
    if (!ca) {
      log("fatal", `no secret with '${flags.secretName}' in '${flags.namespace}'`, "cmd/patch.go:106");
      return { logs, exitCode: 1 };
    }
    log(
      "info",
      `patching webhook configurations '${flags.webhookName}' mutating=${flags.patchMutating}, validating=${flags.patchValidating}, failurePolicy=${flags.patchFailurePolicy}`,
      "k8s/k8s.go:118",
    );
    const kinds = [
      ...(flags.patchValidating ? ["ValidatingWebhookConfiguration"] : []),
      ...(flags.patchMutating ? ["MutatingWebhookConfiguration"] : []),
    ];
    for (const kind of kinds) {
      const hook = api.get(kind, undefined, flags.webhookName) as Json;
      if (!hook) {
        log(
          "fatal",
          "failed getting validating webhook",
          "cmd/patch.go:103",
          `${kind.toLowerCase()}s.admissionregistration.k8s.io "${flags.webhookName}" not found`,
        );
        return { logs, exitCode: 1 };
      }
      const next = structuredClone(hook);
      for (const w of next.webhooks ?? []) {
        w.clientConfig = { ...(w.clientConfig ?? {}), caBundle: ca };
        if (flags.patchFailurePolicy) w.failurePolicy = flags.patchFailurePolicy;
      }
      api.update(next);
    }
    log("info", "Patched hook(s)", "k8s/k8s.go:138");
    return { logs, exitCode: 0 };
  }
  return { logs: [`Error: unknown command "${args[0] ?? ""}" for "kube-webhook-certgen"`], exitCode: 1 };
}

/** The hook that runs kube-webhook-certgen containers. */
export class CertgenHook implements ProcessHook {
  constructor(private readonly cluster: Cluster) {}

  started(process: ContainerProcess): ProcessOutcome | undefined {
    if (process.image !== CERTGEN_IMAGE) return undefined;
    const run = runCertgen(this.cluster, process.argv.slice(1));
    return { logs: run.logs, exitCode: run.exitCode };
  }

  stopped(): void {}
}
