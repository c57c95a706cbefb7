/**
 * `kubectl create token SERVICEACCOUNT` (staging/src/k8s.io/kubectl/pkg/cmd/create/
 * create_token.go): a TokenRequest for the ServiceAccount; prints the token. The server's default
 * lifetime is one hour; the least it grants is ten minutes.
 */
import { ApiError, invalid } from "../../engine/api/errors";
import { requestedToken } from "../../engine/kubelet/satoken";
import { type Invocation, KubectlError, parseDuration } from "../command";

/** The flags of `create token`. */
export const TOKEN_FLAGS = [
  { name: "duration", type: "string" as const },
  { name: "audience", type: "stringArray" as const },
  { name: "bound-object-kind", type: "string" as const },
  { name: "bound-object-name", type: "string" as const },
  { name: "bound-object-uid", type: "string" as const },
];

const BOUND_KINDS = ["Node", "Pod", "Secret"];

/** Runs `kubectl create token NAME`. */
export function createToken(inv: Invocation, args: string[]): void {
  if (args.length !== 1)
    throw new KubectlError(
      `exactly one NAME is required, got ${args.length}\nSee 'kubectl create token -h' for help and examples`,
    );
  const name = args[0] as string;
  let seconds = 3600;
  if (inv.flags.has("duration")) {
    const d = parseDuration(inv.flags.str("duration"));
    if (d < 0) throw new KubectlError("--duration must be positive");
    if (!Number.isInteger(d)) throw new KubectlError("--duration must be an even number of seconds");
    if (d > 0) seconds = d;
  }
  const kind = inv.flags.str("bound-object-kind");
  const boundName = inv.flags.str("bound-object-name");
  if (kind && !BOUND_KINDS.includes(kind))
    throw new KubectlError(
      `supported --bound-object-kind values are ${BOUND_KINDS.map((k) => k).join(", ")}`,
    );
  if (!kind && (boundName || inv.flags.str("bound-object-uid")))
    throw new KubectlError("--bound-object-name can only be set if --bound-object-kind is provided");
  if (kind && !boundName)
    throw new KubectlError("--bound-object-name is required if --bound-object-kind is provided");
  const ns = inv.namespace;
  const sa = inv.cluster.api.get("ServiceAccount", ns, name);
  if (!sa) throw new ApiError("NotFound", `serviceaccounts "${name}" not found`);
  if (seconds < 600)
    throw invalid("TokenRequest.authentication.k8s.io", name, [
      {
        type: "FieldValueInvalid",
        field: "spec.expirationSeconds",
        message: `Invalid value: ${seconds}: may not specify a duration less than 10 minutes`,
      },
    ]);
  let bound: { kind: string; name: string; uid: string } | undefined;
  if (kind) {
    const obj = inv.cluster.api.get(kind, kind === "Node" ? undefined : ns, boundName);
    if (!obj) throw new ApiError("NotFound", `${kind.toLowerCase()}s "${boundName}" not found`);
    bound = { kind, name: boundName, uid: inv.flags.str("bound-object-uid") || (obj.metadata.uid as string) };
  }
  const token = requestedToken(
    { namespace: ns, name, uid: sa.metadata.uid as string },
    inv.cluster.clock.now(),
    { expirationSeconds: seconds, audiences: inv.flags.list("audience"), bound },
  );
  inv.out(`${token}\n`);
}
