/**
 * `openssl s_client -connect HOST:PORT [-servername NAME] [-CAfile F] [-showcerts] </dev/null`
 * as OpenSSL 3.0's apps/s_client.c prints a TLS 1.3 handshake: CONNECTED, the verify callback's
 * lines on stderr, the chain, the server certificate, the session summary and the verify result.
 * The server's certificate is the one its listener serves for the name sent (SNI).
 */
import { connect } from "../sh/applets/net";
import type { CommandContext, Proc, ServingCertificate } from "../sh/interface";
import type { Args } from "./openssl-io";
import { str } from "./openssl-io";
import { encodePem } from "./pem";
import { formatName, formatTime } from "./text";
import { presentedChain, trustedCertificates, VERIFY_ERRORS, type VerifyResult, verifyChain } from "./tls";
import type { Certificate } from "./x509";

/** The error lines OpenSSL 3.0 prints when the connection fails (bio_sock2.c, bio_addr.c). */
const CONNECT_REFUSED =
  "40C7B5F4B57F0000:error:8000006F:system library:BIO_connect:Connection refused:../crypto/bio/bio_sock2.c:125:calling connect()\n40C7B5F4B57F0000:error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:127:\nconnect:errno=111\n";
const LOOKUP_FAILED =
  "40C7B5F4B57F0000:error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:738:Name or service not known\nconnect:errno=0\n";
/** What a client that speaks TLS to a plain-text server reads (ssl3_record.c). */
const WRONG_VERSION =
  "40C7B5F4B57F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:354:\n";

/** The verify callback's lines (s_cb.c verify_callback) for a chain and its outcome. */
function verifyLines(presented: Certificate[], result: VerifyResult): string {
  const chain = result.path ?? presented;
  const line = (depth: number) =>
    `depth=${depth} ${formatName((chain[depth] ?? (chain[0] as Certificate)).subject)}\n`;
  if (result.code === 0) {
    let out = "";
    const top = Math.max(0, chain.length - 1);
    for (let d = top; d >= 0; d--) out += `${line(d)}verify return:1\n`;
    return out;
  }
  let out = `${line(result.depth)}verify error:num=${result.code}:${result.text}\n`;
  const c = chain[result.depth];
  if (c && result.code === VERIFY_ERRORS.expired.code) out += `notAfter=${formatTime(c.notAfter)}\n`;
  if (c && result.code === VERIFY_ERRORS.notYetValid.code) out += `notBefore=${formatTime(c.notBefore)}\n`;
  out += "verify return:1\n";
  if (result.code === VERIFY_ERRORS.unableToGetIssuerLocally.code && result.depth === 0)
    out += `${line(0)}verify error:num=21:${VERIFY_ERRORS.unableToVerifyLeaf.text}\nverify return:1\n`;
  for (let d = result.depth; d >= 0; d--) out += `${line(d)}verify return:1\n`;
  return out;
}

/** The session summary's verify result (21 replaces 20 for a lone leaf, as the callback reports last). */
function finalResult(result: VerifyResult): { code: number; text: string } {
  if (result.code === VERIFY_ERRORS.unableToGetIssuerLocally.code && result.depth === 0)
    return VERIFY_ERRORS.unableToVerifyLeaf;
  return result;
}

function chainText(chain: Certificate[], showcerts: boolean): string {
  let out = "---\nCertificate chain\n";
  chain.forEach((c, i) => {
    out += ` ${i} s:${formatName(c.subject)}\n   i:${formatName(c.issuer)}\n`;
    out += `   a:PKEY: rsaEncryption, ${c.publicKey.n.toString(2).length} (bit); sigalg: RSA-SHA256\n`;
    out += `   v:NotBefore: ${formatTime(c.notBefore)}; NotAfter: ${formatTime(c.notAfter)}\n`;
    if (showcerts) out += encodePem("CERTIFICATE", c.der);
  });
  return out;
}

/** The s_client program (a process: connecting waits on the virtual clock). */
export function* sClient(ctx: CommandContext, args: Args): Proc {
  const target = str(args, "connect") ?? "localhost:4433";
  const m = /^(.*):(\d+)$/.exec(target);
  const host = m ? (m[1] as string) : target;
  const port = m ? Number(m[2]) : 443;
  const c = yield* connect(ctx, host, port);
  if (!c.ok) {
    ctx.stderr.write(c.error === "unresolved" ? LOOKUP_FAILED : CONNECT_REFUSED);
    return 1;
  }
  ctx.stdout.write("CONNECTED(00000003)\n");
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host);
  const sni = str(args, "servername") ?? (isIp || args.flags.has("noservername") ? undefined : host);
  const served: ServingCertificate | undefined = c.listener.certificateFor?.(sni) ?? c.listener.certificate;
  if (!served) {
    ctx.stderr.write(WRONG_VERSION);
    ctx.stdout.write(
      "---\nno peer certificate available\n---\nNo client certificate CA names sent\n---\nSSL handshake has read 5 bytes and written 299 bytes\nVerification: OK\n---\nNew, (NONE), Cipher is (NONE)\nSecure Renegotiation IS NOT supported\nCompression: NONE\nExpansion: NONE\nNo ALPN negotiated\nEarly data was not sent\nVerify return code: 0 (ok)\n---\n",
    );
    return 1;
  }
  const chain = presentedChain(served);
  const caFile = str(args, "CAfile");
  let trusted: Certificate[] = [];
  if (caFile !== undefined) {
    const path = caFile.startsWith("/") ? caFile : `${ctx.cwd}/${caFile}`;
    if (!ctx.fs.isFile(path)) {
      ctx.stderr.write(
        `Error loading file ${caFile}\n40C7B5F4B57F0000:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:267:calling stat(${caFile})\n`,
      );
      return 1;
    }
    trusted = trustedCertificates(ctx.fs.read(path));
  }
  const leaf = chain[0];
  if (!leaf) {
    // A server whose certificate is known only by its names (a kubelet's, the fake one's).
    ctx.stdout.write("---\nno peer certificate available\n---\n");
    return 0;
  }
  const result = verifyChain(chain, trusted, ctx.sys.now());
  ctx.stderr.write(verifyLines(chain, result));
  const final = finalResult(result);
  let out = chainText(chain, args.flags.has("showcerts"));
  out += "---\nServer certificate\n";
  if (!args.flags.has("showcerts")) out += encodePem("CERTIFICATE", leaf.der);
  out += `subject=${formatName(leaf.subject)}\nissuer=${formatName(leaf.issuer)}\n`;
  out +=
    "---\nNo client certificate CA names sent\nPeer signing digest: SHA256\nPeer signature type: RSA-PSS\nServer Temp Key: X25519, 253 bits\n---\n";
  // Approximate record sizes: the certificates plus a TLS 1.3 handshake's fixed messages.
  const read = 543 + chain.reduce((n, x) => n + x.der.length, 0);
  const written = 373 + (sni ? 9 + sni.length + 4 : 0);
  out += `SSL handshake has read ${read} bytes and written ${written} bytes\n`;
  out += final.code === 0 ? "Verification: OK\n" : `Verification error: ${final.text}\n`;
  out += `---\nNew, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\nServer public key is ${leaf.publicKey.n.toString(2).length} bit\n`;
  out +=
    "Secure Renegotiation IS NOT supported\nCompression: NONE\nExpansion: NONE\nNo ALPN negotiated\nEarly data was not sent\n";
  out += `Verify return code: ${final.code} (${final.text})\n---\n`;
  ctx.stdout.write(out);
  ctx.stderr.write("DONE\n");
  return 0;
}
