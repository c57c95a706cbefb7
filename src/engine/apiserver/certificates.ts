/**
 * certificates.k8s.io/v1 CertificateSigningRequest on the API server: defaults
 * (pkg/apis/certificates/v1/defaults.go), validation (pkg/apis/certificates/validation), and the
 * registry strategy (pkg/registry/certificates/certificates/strategy.go): the requesting user is
 * written into the spec on create, status starts empty, and the /status and /approval
 * subresources each change only their part.
 */
import { ApiError, type FieldCause, invalid } from "../api/errors";
import type { AdmissionPlugin } from "../api/interface";
import type { Clock } from "../clock/clock";
import { decodePem } from "../pki/pem";
import { parseCertificate, parseRequest } from "../pki/x509";
import { decodeBase64 } from "../sh/applets/codec";
import { duplicate, forbidden, invalidField, notSupported, required } from "./field";

// biome-ignore lint/suspicious/noExplicitAny: CSRs are open JSON here
type Json = any;

/** The well-known signers (certificates.k8s.io/v1 types.go). */
export const KubeAPIServerClientSignerName = "kubernetes.io/kube-apiserver-client";
export const KubeAPIServerClientKubeletSignerName = "kubernetes.io/kube-apiserver-client-kubelet";
export const KubeletServingSignerName = "kubernetes.io/kubelet-serving";
export const LegacyUnknownSignerName = "kubernetes.io/legacy-unknown";

/** Every usage the API accepts (validation.go allValidUsages, sorted as sets.String.List()). */
export const ALL_VALID_USAGES = [
  "any",
  "cert sign",
  "client auth",
  "code signing",
  "content commitment",
  "crl sign",
  "data encipherment",
  "decipher only",
  "digital signature",
  "email protection",
  "encipher only",
  "ipsec end system",
  "ipsec tunnel",
  "ipsec user",
  "key agreement",
  "key encipherment",
  "microsoft sgc",
  "netscape sgc",
  "ocsp signing",
  "s/mime",
  "server auth",
  "signing",
  "timestamping",
] as const;

/** certificates.ParseCSR's refusal of anything but a CERTIFICATE REQUEST block. */
export const ErrPEMBlockType = "PEM block type must be CERTIFICATE REQUEST";
/** The expirationSeconds floor. */
export const ErrExpirationTooShort = "may not specify a duration less than 600 seconds (10 minutes)";
/** validateConditions: Approved with Denied. */
export const ErrApprovedAndDenied = "Approved and Denied conditions are mutually exclusive";

/** SetDefaults_CertificateSigningRequestSpec and SetDefaults_CertificateSigningRequestCondition. */
export function defaultCertificateSigningRequest(csr: Json): void {
  csr.spec = csr.spec ?? {};
  if (csr.spec.usages === undefined || csr.spec.usages === null)
    csr.spec.usages = ["digital signature", "key encipherment"];
  for (const c of csr.status?.conditions ?? []) if (c && !c.status) c.status = "True";
}

/** Go's %#v of a []byte: `[]byte{0x2d, 0x2d}`. */
function goBytes(bytes: Uint8Array): string {
  return `[]byte{${[...bytes].map((b) => `0x${b.toString(16)}`).join(", ")}}`;
}

/** The bytes of spec.request (base64 in JSON); undefined when it is not base64. */
export function requestBytes(csr: Json): Uint8Array | undefined {
  const r = csr.spec?.request;
  if (typeof r !== "string") return new Uint8Array();
  return decodeBase64(r);
}

/** validateCSR: the request must be a PEM CERTIFICATE REQUEST whose self-signature checks. */
function validateRequest(bytes: Uint8Array): string | undefined {
  const block = decodePem(new TextDecoder().decode(bytes));
  if (block?.type !== "CERTIFICATE REQUEST") return ErrPEMBlockType;
  try {
    const req = parseRequest(block.der);
    if (!req.signatureValid) return "x509: ECDSA verification failure";
  } catch {
    return "asn1: structure error: tags don't match (16 vs {class:0 tag:2 length:1 isCompound:false}) {optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false} tbsCertificateRequest @2";
  }
  return undefined;
}

/** ValidateSignerName (pkg/apis/core/validation): `example.com/signer-name`. */
function validateSignerName(name: unknown): FieldCause[] {
  const path = "spec.signerName";
  if (typeof name !== "string" || name === "") return [required(path, "")];
  const segments = name.split("/");
  if (segments.length !== 2)
    return [
      invalidField(
        path,
        name,
        "must be a fully qualified domain and path of the form 'example.com/signer-name'",
      ),
    ];
  const [domain, rest] = segments as [string, string];
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(domain))
    return [
      invalidField(
        path,
        name,
        "must be a fully qualified domain and path of the form 'example.com/signer-name'",
      ),
    ];
  if (!rest) return [required(path, "")];
  return [];
}

function validateConditions(csr: Json): FieldCause[] {
  const errs: FieldCause[] = [];
  const seen = new Set<string>();
  let approved = false;
  let denied = false;
  (csr.status?.conditions ?? []).forEach((c: Json, i: number) => {
    const p = `status.conditions[${i}]`;
    if (!c?.type) errs.push(required(`${p}.type`, ""));
    const trueOnly = ["Approved", "Denied", "Failed"].includes(c?.type);
    const allowed = trueOnly ? ["True"] : ["False", "True", "Unknown"];
    if (!c?.status) errs.push(required(`${p}.status`, ""));
    else if (!allowed.includes(c.status)) errs.push(notSupported(`${p}.status`, c.status, allowed));
    if (c?.type === "Approved") {
      approved = true;
      if (denied) errs.push(invalidField(`${p}.type`, c.type, ErrApprovedAndDenied));
    } else if (c?.type === "Denied") {
      denied = true;
      if (approved) errs.push(invalidField(`${p}.type`, c.type, ErrApprovedAndDenied));
    }
    if (seen.has(c?.type)) errs.push(duplicate(`${p}.type`, c.type));
    seen.add(c?.type);
  });
  return errs;
}

/** validateCertificateSigningRequest: the request, usages, signer, duration and conditions. */
export function validateCertificateSigningRequest(csr: Json): FieldCause[] {
  const errs: FieldCause[] = [];
  const spec = csr.spec ?? {};
  const bytes = requestBytes(csr) ?? new Uint8Array();
  const problem = validateRequest(bytes);
  if (problem)
    errs.push({
      type: "FieldValueInvalid",
      field: "spec.request",
      message: `Invalid value: ${goBytes(bytes)}: ${problem}`,
    });
  const usages: string[] = Array.isArray(spec.usages) ? spec.usages : [];
  if (usages.length === 0) errs.push(required("spec.usages", ""));
  usages.forEach((u, i) => {
    if (!(ALL_VALID_USAGES as readonly string[]).includes(u))
      errs.push(notSupported(`spec.usages[${i}]`, u, ALL_VALID_USAGES));
  });
  usages.forEach((u, i) => {
    if (usages.indexOf(u) < i) errs.push(duplicate(`spec.usages[${i}]`, u));
  });
  if (spec.signerName === LegacyUnknownSignerName)
    errs.push(
      invalidField(
        "spec.signerName",
        spec.signerName,
        "the legacy signerName is not allowed via this API version",
      ),
    );
  else errs.push(...validateSignerName(spec.signerName));
  if (typeof spec.expirationSeconds === "number" && spec.expirationSeconds < 600)
    errs.push(invalidField("spec.expirationSeconds", spec.expirationSeconds, ErrExpirationTooShort));
  errs.push(...validateConditions(csr));
  return errs;
}

const conditionsOf = (csr: Json, type: string): Json[] =>
  (csr?.status?.conditions ?? []).filter((c: Json) => c?.type === type);

/** validateCertificateSigningRequestUpdate's rules on conditions and the certificate, per subresource. */
export function validateCertificateSigningRequestUpdate(
  csr: Json,
  old: Json,
  subresource: string,
): FieldCause[] {
  const errs: FieldCause[] = [];
  for (const t of ["Approved", "Denied", "Failed"])
    if (conditionsOf(csr, t).length < conditionsOf(old, t).length)
      errs.push(forbidden("status.conditions", `updates may not remove a condition of type "${t}"`));
  if (subresource !== "approval")
    for (const t of ["Approved", "Denied"]) {
      const n = conditionsOf(csr, t);
      const o = conditionsOf(old, t);
      if (n.length > o.length)
        errs.push(forbidden("status.conditions", `updates may not add a condition of type "${t}"`));
    }
  const cert = csr.status?.certificate ?? "";
  const oldCert = old.status?.certificate ?? "";
  if (cert !== oldCert) {
    if (subresource !== "status")
      errs.push(forbidden("status.certificate", "updates may not set certificate content"));
    else if (oldCert)
      errs.push(forbidden("status.certificate", "updates may not modify existing certificate content"));
    else {
      const pem = new TextDecoder().decode(decodeBase64(cert) ?? new Uint8Array());
      const block = decodePem(pem);
      let ok = Boolean(block && block.type === "CERTIFICATE");
      try {
        if (block) parseCertificate(block.der);
      } catch {
        ok = false;
      }
      if (!ok)
        errs.push({
          type: "FieldValueInvalid",
          field: "status.certificate",
          message: `Invalid value: "<certificate data>": ${block ? "x509: malformed certificate" : "must contain at least one CERTIFICATE PEM block"}`,
        });
    }
  }
  return errs;
}

/** The CSR registry strategy as an admission step (PrepareForCreate, the subresources' PrepareForUpdate and validation). */
export function certificateSigningRequestStrategy(clock: Clock): AdmissionPlugin {
  return {
    name: "CertificateSigningRequestStrategy",
    decode(object) {
      if (object.kind !== "CertificateSigningRequest") return;
      const r = (object as Json).spec?.request;
      if (typeof r === "string" && decodeBase64(r) === undefined) {
        const at = r.search(/[^A-Za-z0-9+/=\n]/);
        throw new ApiError(
          "BadRequest",
          `CertificateSigningRequest in version "v1" cannot be handled as a CertificateSigningRequest: illegal base64 data at input byte ${Math.max(0, at)}`,
        );
      }
    },
    mutate(request) {
      const obj = request.object as Json;
      if (obj?.kind !== "CertificateSigningRequest") return;
      if (request.operation === "CREATE") {
        obj.spec = obj.spec ?? {};
        delete obj.spec.username;
        delete obj.spec.uid;
        delete obj.spec.groups;
        delete obj.spec.extra;
        const user = request.user;
        if (user) {
          obj.spec.username = user.name;
          if (user.uid) obj.spec.uid = user.uid;
          obj.spec.groups = [...user.groups];
        }
        obj.status = {};
        return;
      }
      if (request.operation !== "UPDATE") return;
      const old = request.oldObject as Json;
      // The spec is the stored one on every update (the strategies' PrepareForUpdate).
      obj.spec = old?.spec;
      const now = new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
      for (const c of obj.status?.conditions ?? []) {
        if (!c) continue;
        if (!c.lastUpdateTime) c.lastUpdateTime = now;
        if (!c.lastTransitionTime) {
          const before = (old?.status?.conditions ?? []).find((o: Json) => o?.type === c.type);
          c.lastTransitionTime =
            before && before.status === c.status ? (before.lastTransitionTime ?? now) : now;
        }
      }
    },
    validate(request) {
      const obj = request.object as Json;
      // The main resource is validated with every kind's rules (validate-kinds.ts); here the subresources.
      if (obj?.kind !== "CertificateSigningRequest" || request.operation !== "UPDATE") return;
      if (request.subresource === "") return;
      const causes = [
        ...validateCertificateSigningRequest(obj),
        ...validateCertificateSigningRequestUpdate(obj, request.oldObject, request.subresource),
      ];
      if (causes.length)
        throw invalid("CertificateSigningRequest.certificates.k8s.io", obj.metadata?.name ?? "", causes);
    },
  };
}
