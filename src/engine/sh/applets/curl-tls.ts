/**
 * curl 8's TLS handshake with its OpenSSL backend (lib/vtls/openssl.c): the verbose lines of a
 * TLS 1.3 handshake, the server certificate it shows, peer verification against --cacert (OpenSSL's
 * chain building: a self-signed certificate given as its own CA file is trusted) and the host
 * name against the SANs or, when there are none, the CN (ossl_verifyhost). -k skips both.
 */
import { formatTime } from "../../pki/text";
import { checkHost, presentedChain, trustedCertificates, verifyChain } from "../../pki/tls";
import type { Certificate } from "../../pki/x509";
import type { CommandContext, Listener, ServingCertificate } from "../interface";
import { abs } from "./common";

/** The text curl prints after a certificate it could not verify (tool_operate.c, CURL_CA_CERT_ERRORMSG). */
export const VERIFY_HELP =
  "More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.";

/** The TLS library Ubuntu 24.04's curl 8.5.0 is built with (its handshake errors name it). */
export const CURL_OPENSSL = "OpenSSL/3.0.13";

/** Where the distribution's curl finds its CA bundle when --cacert is not given. */
export const DEFAULT_CA_FILE = "/etc/ssl/certs/ca-certificates.crt";

/** A failed handshake: curl's exit code and message. */
export interface TlsFailure {
  code: number;
  text: string;
}

/** What curl needs to know for one handshake. */
export interface TlsOptions {
  /** -k / --insecure. */
  insecure: boolean;
  /** --cacert FILE. */
  caFile?: string;
  verbose: boolean;
}

/** A name as curl prints it (X509_NAME_print_ex with XN_FLAG_SEP_SPLUS_SPC: `CN=a; O=b`). */
function curlName(name: Certificate["subject"]): string {
  return name.map((a) => `${a.type}=${a.value}`).join("; ");
}

const HANDSHAKE_OUT = "* ALPN: curl offers h2,http/1.1\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n";
const HANDSHAKE_IN =
  "* TLSv1.3 (IN), TLS handshake, Server hello (2):\n* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):\n* TLSv1.3 (IN), TLS handshake, Certificate (11):\n";
const HANDSHAKE_END =
  "* TLSv1.3 (IN), TLS handshake, CERT verify (15):\n* TLSv1.3 (IN), TLS handshake, Finished (20):\n* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):\n* TLSv1.3 (OUT), TLS handshake, Finished (20):\n* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS\n* ALPN: server accepted http/1.1\n";

/** The certificate a listener serves for the name curl sends (SNI is not sent for an IP address). */
export function servedCertificate(listener: Listener, host: string): ServingCertificate | undefined {
  const sni = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? undefined : host;
  return listener.certificateFor?.(sni) ?? listener.certificate;
}

/**
 * The handshake with a server on host: undefined when it succeeds (verbose lines written to
 * stderr), else curl's failure. A server without a certificate does not speak TLS (35).
 */
export function tlsHandshake(
  ctx: CommandContext,
  host: string,
  cert: ServingCertificate | undefined,
  o: TlsOptions,
): TlsFailure | undefined {
  const say = (text: string) => {
    if (o.verbose) ctx.stderr.write(text);
  };
  say(HANDSHAKE_OUT);
  if (!cert) return { code: 35, text: `${CURL_OPENSSL}: error:0A00010B:SSL routines::wrong version number` };
  let caText = "";
  if (!o.insecure) {
    const caFile = o.caFile ?? DEFAULT_CA_FILE;
    try {
      caText = ctx.fs.read(abs(ctx, caFile));
    } catch {
      if (o.caFile !== undefined) return { code: 77, text: `error setting certificate file: ${o.caFile}` };
    }
    say(`*  CAfile: ${caFile}\n*  CApath: /etc/ssl/certs\n`);
  }
  say(HANDSHAKE_IN);
  const chain = presentedChain(cert);
  const leaf = chain[0];
  if (!leaf) return legacyHandshake(host, cert, o, caText, say);
  const result = verifyChain(chain, trustedCertificates(caText), ctx.sys.now());
  const problem = (text: string): TlsFailure => {
    say(
      `* TLSv1.3 (OUT), TLS alert, unknown CA (560):\n* SSL certificate problem: ${text}\n* Closing connection\n`,
    );
    return { code: 60, text: `SSL certificate problem: ${text}\n${VERIFY_HELP}` };
  };
  if (!o.insecure && result.code !== 0) return problem(result.text);
  say(HANDSHAKE_END);
  say(
    `* Server certificate:\n*  subject: ${curlName(leaf.subject)}\n*  start date: ${formatTime(leaf.notBefore)}\n*  expire date: ${formatTime(leaf.notAfter)}\n`,
  );
  if (!o.insecure) {
    const match = checkHost(leaf, host);
    if (!match.ok) {
      say(`* ${match.error}\n* Closing connection\n`);
      return { code: 60, text: `${match.error}\n${VERIFY_HELP}` };
    }
    say(`* ${match.line}\n`);
  }
  say(`*  issuer: ${curlName(leaf.issuer)}\n`);
  say(
    result.code === 0
      ? "*  SSL certificate verify ok.\n"
      : `*  SSL certificate verify result: ${result.text} (${result.code}), continuing anyway.\n`,
  );
  say("* using HTTP/1.1\n");
  return undefined;
}

/** A server known only by names and issuer (a kubelet's, the API server's): the older checks. */
function legacyHandshake(
  host: string,
  cert: ServingCertificate,
  o: TlsOptions,
  caText: string,
  say: (text: string) => void,
): TlsFailure | undefined {
  const problem = (what: string) => ({ code: 60, text: `SSL certificate problem: ${what}\n${VERIFY_HELP}` });
  if (!o.insecure) {
    if (cert.selfSigned) return problem("self-signed certificate");
    const issuer = cert.issuerPem ? pemBlocks(cert.issuerPem)[0] : undefined;
    if (!issuer || !pemBlocks(caText).includes(issuer))
      return problem("unable to get local issuer certificate");
    if (!cert.dnsNames.includes(host) && !cert.ipAddresses.includes(host))
      return {
        code: 60,
        text: `SSL: no alternative certificate subject name matches target host name '${host}'\n${VERIFY_HELP}`,
      };
  }
  say(HANDSHAKE_END);
  return undefined;
}

/** The PEM certificates of a CA file, whitespace-normalised for comparison. */
function pemBlocks(text: string): string[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map((m) =>
    m[0].replace(/\s+/g, ""),
  );
}
