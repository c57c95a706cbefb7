/**
 * `kubectl certificate approve|deny NAME...` (staging/src/k8s.io/kubectl/pkg/cmd/certificates):
 * adds the Approved or Denied condition through the /approval subresource and prints
 * `certificatesigningrequest.certificates.k8s.io/NAME approved`. A request already in the asked
 * state is left alone (unless --force); one in the other state is an error.
 */
import { notFound } from "../../engine/api/errors";
import { qualifiedPlural, resourceForKind } from "../../engine/api/resources";
import { clone } from "../../engine/api/types";
import { type Command, F, type Invocation, KubectlError } from "../command";

/** `kubectl certificate` alone: cobra's help for the group. */
export const CERTIFICATE_HELP = `Modify certificate resources.

Available Commands:
  approve       Approve a certificate signing request
  deny          Deny a certificate signing request

Usage:
  kubectl certificate SUBCOMMAND [options]

Use "kubectl certificate <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** The conditions kubectl adds (certificates.go). */
export const KubectlApprove = {
  type: "Approved",
  reason: "KubectlApprove",
  message: "This CSR was approved by kubectl certificate approve.",
  verb: "approved",
  other: "Denied",
  otherWord: "denied",
} as const;
export const KubectlDeny = {
  type: "Denied",
  reason: "KubectlDeny",
  message: "This CSR was denied by kubectl certificate deny.",
  verb: "denied",
  other: "Approved",
  otherWord: "approved",
} as const;

function modify(inv: Invocation, names: string[], action: typeof KubectlApprove | typeof KubectlDeny): void {
  const res = resourceForKind("CertificateSigningRequest");
  if (!res) return;
  const api = inv.cluster.api;
  const force = inv.flags.bool("force");
  const output = inv.flags.str("output");
  for (const name of names) {
    try {
      const live = api.get("CertificateSigningRequest", undefined, name);
      if (!live) throw notFound(qualifiedPlural(res), name);
      const csr = clone(live);
      const conditions = [...((csr.status?.conditions as { type: string }[] | undefined) ?? [])];
      if (conditions.some((c) => c.type === action.other))
        throw new KubectlError(`certificate signing request "${name}" is already ${action.otherWord}`);
      const has = conditions.some((c) => c.type === action.type);
      if (!has || force) {
        conditions.push({
          type: action.type,
          status: "True",
          reason: action.reason,
          message: action.message,
          lastUpdateTime: inv.cluster.clock.timestamp(),
        } as { type: string });
        csr.status = { ...(csr.status ?? {}), conditions };
        api.updateApproval(csr);
      }
      const ref = `certificatesigningrequest.${res.group}/${name}`;
      inv.out(output === "name" ? `${ref}\n` : `${ref} ${action.verb}\n`);
    } catch (e) {
      inv.report(e);
    }
  }
}

/** kubectl certificate. */
export const certificate: Command = {
  name: "certificate",
  flags: [
    F.output,
    F.filename,
    F.recursive,
    { name: "force", type: "bool" },
    F.template,
    F.allowMissing,
    F.showManagedFields,
  ],
  run(inv) {
    const [sub, ...names] = inv.flags.args;
    if (sub === undefined) {
      inv.out(CERTIFICATE_HELP);
      return;
    }
    if (sub !== "approve" && sub !== "deny")
      throw new KubectlError(`unknown command "${sub}" for "kubectl certificate"`);
    if (names.length === 0 && !inv.flags.has("filename"))
      throw new KubectlError("one or more CSRs must be specified as <name> or -f <filename>");
    modify(inv, names, sub === "approve" ? KubectlApprove : KubectlDeny);
  },
};
