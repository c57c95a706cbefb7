/**
 * OpenSSL's X.509 v3 extension configuration (x509v3_config(5)), as `-extfile`, `-extensions` and
 * `-addext` give it: `subjectAltName = DNS:a, IP:1.2.3.4` or `@alt_names`, `basicConstraints`,
 * `keyUsage`, `extendedKeyUsage`, `subjectKeyIdentifier = hash`, `authorityKeyIdentifier`.
 */

import { EKU } from "./cluster";
import { Failure } from "./openssl-io";
import { type Extensions, OID } from "./x509";

/** keyUsage names (v3_bitst.c) by their bit. */
const KEY_USAGE_NAMES = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

/** extendedKeyUsage short names (objects.txt). */
const EXT_KEY_USAGE_NAMES: Record<string, string> = {
  serverAuth: EKU.serverAuth,
  clientAuth: EKU.clientAuth,
  codeSigning: "1.3.6.1.5.5.7.3.3",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  OCSPSigning: "1.3.6.1.5.5.7.3.9",
};

/** The sections of a config file: name to ordered key/value pairs ("" for the lines before any). */
export function parseConfig(text: string): Map<string, [string, string][]> {
  const sections = new Map<string, [string, string][]>([["", []]]);
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    const head = /^\[\s*([^\]\s]+)\s*\]$/.exec(line);
    if (head) {
      current = head[1] as string;
      if (!sections.has(current)) sections.set(current, []);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    sections.get(current)?.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return sections;
}

/** What an extension section asks for; SKI/AKI values are filled in by the signer. */
export interface RequestedExtensions {
  extensions: Extensions;
  /** subjectKeyIdentifier = hash was asked for. */
  subjectKeyId: boolean;
  /** authorityKeyIdentifier was asked for. */
  authorityKeyId: boolean;
}

/** Adds one `name = value` line to what is requested (v3_conf.c); unknown names fail as OpenSSL does. */
export function addExtension(
  req: RequestedExtensions,
  name: string,
  value: string,
  sections: Map<string, [string, string][]>,
): void {
  const x = req.extensions;
  let critical = false;
  let v = value.trim();
  if (v.startsWith("critical,")) {
    critical = true;
    v = v.slice("critical,".length).trim();
  }
  const items = v
    .split(",")
    .map((i) => i.trim())
    .filter(Boolean);
  const mark = (id: string) => {
    x.order = [...(x.order ?? []).filter((o) => o !== id), id];
    x.critical = { ...x.critical, [id]: critical };
  };
  switch (name) {
    case "subjectAltName": {
      const names: string[] = [];
      for (const item of items)
        if (item.startsWith("@"))
          for (const [k, val] of sections.get(item.slice(1)) ?? [])
            names.push(`${k.replace(/\.\d+$/, "")}:${val}`);
        else names.push(item);
      for (const n of names) {
        const colon = n.indexOf(":");
        const type = n.slice(0, colon).trim();
        const val = n.slice(colon + 1).trim();
        if (type === "DNS") x.dnsNames = [...(x.dnsNames ?? []), val];
        else if (type === "IP") {
          if (!/^\d+\.\d+\.\d+\.\d+$/.test(val)) throw new Failure(`Error: bad IP address value=${val}`);
          x.ipAddresses = [...(x.ipAddresses ?? []), val];
        } else throw new Failure(`Error: unsupported option name=${type}, value=${val}`);
      }
      mark(OID.subjectAltName);
      return;
    }
    case "basicConstraints":
      x.isCA = items.some((i) => /^CA:true$/i.test(i));
      mark(OID.basicConstraints);
      return;
    case "keyUsage":
      x.keyUsage = items.map((i) => {
        const bit = KEY_USAGE_NAMES.indexOf(i);
        if (bit < 0) throw new Failure(`Error: unknown bit string argument: name=${i}`);
        return bit;
      });
      mark(OID.keyUsage);
      return;
    case "extendedKeyUsage":
      x.extKeyUsage = items.map((i) => {
        const o = EXT_KEY_USAGE_NAMES[i];
        if (!o) throw new Failure(`Error: unknown object name ${i}`);
        return o;
      });
      mark(OID.extKeyUsage);
      return;
    case "subjectKeyIdentifier":
      req.subjectKeyId = true;
      mark(OID.subjectKeyIdentifier);
      return;
    case "authorityKeyIdentifier":
      req.authorityKeyId = true;
      mark(OID.authorityKeyIdentifier);
      return;
    default:
      throw new Failure(`Error: unknown extension name ${name}`);
  }
}

/** The extensions of a config's section (-extensions NAME, else the lines before any section). */
export function extensionsOf(text: string, section = ""): RequestedExtensions {
  const sections = parseConfig(text);
  const lines = sections.get(section);
  if (!lines) throw new Failure(`Error checking extension section ${section}`);
  const req: RequestedExtensions = { extensions: {}, subjectKeyId: false, authorityKeyId: false };
  for (const [k, v] of lines) addExtension(req, k, v, sections);
  return req;
}

/** Ubuntu's openssl.cnf [ v3_ca ], what `req -x509` adds: SKI, AKI, critical CA:TRUE. */
export function v3Ca(): RequestedExtensions {
  const req: RequestedExtensions = { extensions: {}, subjectKeyId: false, authorityKeyId: false };
  const sections = new Map<string, [string, string][]>();
  addExtension(req, "subjectKeyIdentifier", "hash", sections);
  addExtension(req, "authorityKeyIdentifier", "keyid:always,issuer", sections);
  addExtension(req, "basicConstraints", "critical,CA:true", sections);
  return req;
}
