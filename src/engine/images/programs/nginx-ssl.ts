/**
 * nginx's ssl module as a server block uses it (ngx_http_ssl_module.c, ngx_event_openssl.c with
 * OpenSSL 3): `listen 443 ssl;` needs `ssl_certificate` and `ssl_certificate_key`, both loaded at
 * start (and by `nginx -t`); a missing or unreadable file, or a key that is not the certificate's,
 * stops nginx with its [emerg] text.
 */
import { servingCertificate, x509KeyPair } from "../../pki/tls";
import type { FileSystem, ServingCertificate } from "../../sh/interface";

/** The ssl directives of a server block, and where its first `listen ... ssl` is. */
export interface NginxSsl {
  certificate?: string;
  certificateKey?: string;
  /** `file:line` of the first ssl listen, for the "no ssl_certificate" message. */
  listenAt: string;
}

/** What loading a server's certificate gave: the certificate served, or nginx's [emerg] text. */
export type SslLoad = { ok: true; certificate: ServingCertificate } | { ok: false; emerg: string };

const noFile = (path: string) =>
  `BIO_new_file() failed (SSL: error:80000002:system library::No such file or directory:calling fopen(${path}, r) error:10000080:BIO routines::no such file)`;

/** ngx_ssl_certificate: reads the certificate chain and key a server block names. */
export function loadNginxSsl(fs: FileSystem, ssl: NginxSsl): SslLoad {
  if (!ssl.certificate)
    return {
      ok: false,
      emerg: `no "ssl_certificate" is defined for the "listen ... ssl" directive in ${ssl.listenAt}`,
    };
  if (!ssl.certificateKey)
    return {
      ok: false,
      emerg: `no "ssl_certificate_key" is defined for certificate "${ssl.certificate}" and the "listen ... ssl" directive in ${ssl.listenAt}`,
    };
  if (!fs.isFile(ssl.certificate))
    return { ok: false, emerg: `cannot load certificate "${ssl.certificate}": ${noFile(ssl.certificate)}` };
  const certText = fs.read(ssl.certificate);
  if (!certText.includes("-----BEGIN CERTIFICATE-----"))
    return {
      ok: false,
      emerg: `cannot load certificate "${ssl.certificate}": PEM_read_bio_X509_AUX() failed (SSL: error:0480006C:PEM routines::no start line:Expecting: TRUSTED CERTIFICATE)`,
    };
  if (!fs.isFile(ssl.certificateKey))
    return {
      ok: false,
      emerg: `cannot load certificate key "${ssl.certificateKey}": ${noFile(ssl.certificateKey)}`,
    };
  const pair = x509KeyPair(certText, fs.read(ssl.certificateKey));
  if (pair.ok) return { ok: true, certificate: servingCertificate(pair.chain) };
  if (pair.error === "tls: private key does not match public key")
    return {
      ok: false,
      emerg: `SSL_CTX_use_PrivateKey("${ssl.certificateKey}") failed (SSL: error:05800074:x509 certificate routines::key values mismatch)`,
    };
  if (pair.error.startsWith("x509:"))
    return {
      ok: false,
      emerg: `cannot load certificate "${ssl.certificate}": PEM_read_bio_X509_AUX() failed (SSL: error:0680007B:asn1 encoding routines::header too long)`,
    };
  return {
    ok: false,
    emerg: `cannot load certificate key "${ssl.certificateKey}": PEM_read_bio_PrivateKey() failed (SSL: error:1E08010C:DECODER routines::unsupported:No supported data to decode. Input type: PEM)`,
  };
}
