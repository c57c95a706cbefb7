// nginx's ssl certificate loading with OpenSSL 3 (ngx_event_openssl.c ngx_ssl_certificate,
// ngx_http_ssl_module.c ngx_http_ssl_init): the [emerg] texts nginx -t and the master print.
import { describe, expect, it } from "vitest";
import { Rng } from "../../clock/random";
import { encodePem } from "../../pki/pem";
import { createCertificate, generateKey, parseCertificate, pkcs8 } from "../../pki/x509";
import { loadNginxSsl } from "./nginx-ssl";

const key = generateKey(new Rng(3));
const other = generateKey(new Rng(4));
const subject = [{ type: "CN", value: "my-nginx" }];
const der = createCertificate(
  { serial: 1n, subject, notBefore: 0, notAfter: 1e12, extensions: {} },
  key,
  subject,
  key,
);
const files: Record<string, string> = {
  "/ssl/tls.crt": encodePem("CERTIFICATE", der),
  "/ssl/tls.key": encodePem("PRIVATE KEY", pkcs8(key)),
  "/ssl/other.key": encodePem("PRIVATE KEY", pkcs8(other)),
  "/ssl/junk": "junk\n",
};
// biome-ignore lint/suspicious/noExplicitAny: a two-method file system stand-in
const fs: any = { isFile: (p: string) => p in files, read: (p: string) => files[p] };
const at = "/etc/nginx/conf.d/default.conf:5";

describe("loadNginxSsl", () => {
  it("serves the certificate of a matching pair", () => {
    const r = loadNginxSsl(fs, { certificate: "/ssl/tls.crt", certificateKey: "/ssl/tls.key", listenAt: at });
    expect(r.ok && parseCertificate(new Uint8Array(der)).subject).toEqual(subject);
  });

  it.each([
    [undefined, undefined, `no "ssl_certificate" is defined for the "listen ... ssl" directive in ${at}`],
    [
      "/ssl/none.crt",
      "/ssl/tls.key",
      'cannot load certificate "/ssl/none.crt": BIO_new_file() failed (SSL: error:80000002:system library::No such file or directory:calling fopen(/ssl/none.crt, r) error:10000080:BIO routines::no such file)',
    ],
    [
      "/ssl/junk",
      "/ssl/tls.key",
      'cannot load certificate "/ssl/junk": PEM_read_bio_X509_AUX() failed (SSL: error:0480006C:PEM routines::no start line:Expecting: TRUSTED CERTIFICATE)',
    ],
    [
      "/ssl/tls.crt",
      "/ssl/none.key",
      'cannot load certificate key "/ssl/none.key": BIO_new_file() failed (SSL: error:80000002:system library::No such file or directory:calling fopen(/ssl/none.key, r) error:10000080:BIO routines::no such file)',
    ],
    [
      "/ssl/tls.crt",
      "/ssl/other.key",
      'SSL_CTX_use_PrivateKey("/ssl/other.key") failed (SSL: error:05800074:x509 certificate routines::key values mismatch)',
    ],
  ])("%s / %s", (certificate, certificateKey, emerg) => {
    expect(loadNginxSsl(fs, { certificate, certificateKey, listenAt: at })).toEqual({ ok: false, emerg });
  });
});
