/**
 * `kubectl describe csr` (describe.go CertificateSigningRequestDescriber): the requestor, signer,
 * requested duration and condition summary, then the request's subject and SANs parsed from its
 * PEM, then events.
 */
import type { KubeObject } from "../../engine/api/types";
import { requestBytes } from "../../engine/apiserver/certificates";
import { decodePem } from "../../engine/pki/pem";
import { type CertificateRequest, nameValues, parseRequest } from "../../engine/pki/x509";
import { formatLabels } from "../printers/common";
import { humanDuration } from "../printers/duration";
import { csrCondition } from "../printers/kinds";
import { type Any, type DescribeContext, describeEvents, eventsFor, rfc1123z } from "./common";
import { LEVEL_0, PrefixWriter } from "./writer";

/** The describer's refusal of a request it cannot parse. */
export function errorParsingCSR(detail: string): Error {
  return new Error(`Error parsing CSR: ${detail}`);
}

function parsed(csr: Any): CertificateRequest {
  const block = decodePem(new TextDecoder().decode(requestBytes(csr) ?? new Uint8Array()));
  if (block?.type !== "CERTIFICATE REQUEST")
    throw errorParsingCSR("PEM block type must be CERTIFICATE REQUEST");
  try {
    return parseRequest(block.der);
  } catch {
    throw errorParsingCSR("asn1: structure error");
  }
}

/** `kubectl describe certificatesigningrequest NAME`. */
export function describeCertificateSigningRequest(obj: KubeObject, ctx: DescribeContext): string {
  const csr = obj as Any;
  const cr = parsed(csr);
  const spec = csr.spec ?? {};
  const w = new PrefixWriter();
  const list = (prefix: string, name: string, values: string[]) => {
    if (values.length === 0) return;
    w.write(LEVEL_0, `${prefix}${name}:\t${values.join(`\n${prefix}\t`)}\n`);
  };
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Labels:\t${formatLabels(obj.metadata.labels)}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(obj.metadata.annotations)}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Requesting User:\t${spec.username ?? ""}\n`);
  if (spec.signerName) w.write(LEVEL_0, `Signer:\t${spec.signerName}\n`);
  if (typeof spec.expirationSeconds === "number")
    w.write(LEVEL_0, `Requested Duration:\t${humanDuration(spec.expirationSeconds * 1000)}\n`);
  w.write(LEVEL_0, `Status:\t${csrCondition(csr)}\n`);
  w.write(LEVEL_0, "Subject:\n");
  w.write(LEVEL_0, `\tCommon Name:\t${nameValues(cr.subject, "CN")[0] ?? ""}\n`);
  w.write(LEVEL_0, `\tSerial Number:\t${nameValues(cr.subject, "serialNumber")[0] ?? ""}\n`);
  list("\t", "Organization", nameValues(cr.subject, "O"));
  list("\t", "Organizational Unit", nameValues(cr.subject, "OU"));
  list("\t", "Country", nameValues(cr.subject, "C"));
  list("\t", "Locality", nameValues(cr.subject, "L"));
  list("\t", "Province", nameValues(cr.subject, "ST"));
  list("\t", "StreetAddress", nameValues(cr.subject, "street"));
  list("\t", "PostalCode", nameValues(cr.subject, "postalCode"));
  const dns = cr.extensions.dnsNames ?? [];
  const ips = cr.extensions.ipAddresses ?? [];
  if (dns.length + ips.length > 0) {
    w.write(LEVEL_0, "Subject Alternative Names:\n");
    list("\t", "DNS Names", dns);
    list("\t", "IP Addresses", ips);
  }
  if (ctx.showEvents !== false) describeEvents(eventsFor(obj, ctx.api), w, ctx.now);
  return w.string();
}
