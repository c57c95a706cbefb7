/**
 * The small openssl apps of a Kubernetes user's day (OpenSSL 3.0's apps/): genpkey, rsa
 * -modulus (to check a key matches a certificate), rand -base64|-hex, base64/enc -base64, and the
 * digests (`openssl md5`, `dgst -sha256`).
 */
import type { Rng } from "../clock/random";
import { decodeBase64, encodeBase64 } from "../sh/applets/codec";
import { md5, sha1, sha256, utf8 } from "../sh/applets/digest";
import { type Args, Failure, type Io, str } from "./openssl-io";
import { decodePem, encodePem } from "./pem";
import { generateKey, parsePrivateKey, pkcs1, pkcs8 } from "./x509";

/** `genpkey -algorithm RSA [-pkeyopt rsa_keygen_bits:N] [-out F]`. */
export function openssl_genpkey(io: Io, args: Args, rng: Rng, progress: (rng: Rng) => string): void {
  const algorithm = str(args, "algorithm");
  if (!algorithm) throw new Failure("Either an algorithm or a parameter file must be specified.");
  if (algorithm.toUpperCase() !== "RSA" && algorithm.toUpperCase() !== "RSA-PSS")
    throw new Failure(
      `Algorithm ${algorithm} not found\nError initializing context\n40C7B5F4B57F0000:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:349:Global default library context, Algorithm (${algorithm} : 0), Properties (<null>)`,
    );
  let bits = 2048;
  for (const opt of args.all.get("pkeyopt") ?? []) {
    const m = /^rsa_keygen_bits:(\d+)$/.exec(opt);
    if (!m) throw new Failure(`parameter error "${opt}"`);
    bits = Number(m[1]);
  }
  const key = generateKey(rng, bits);
  if (!args.flags.has("quiet")) io.ctx.stderr.write(progress(rng));
  io.out(str(args, "out"), encodePem("PRIVATE KEY", pkcs8(key)));
}

/** `rsa -in KEY [-noout] [-modulus] [-traditional] [-out F]`. */
export function openssl_rsa(io: Io, args: Args): void {
  const path = str(args, "in");
  const block = decodePem(io.read(path, "private key"));
  let key: ReturnType<typeof parsePrivateKey>;
  try {
    if (!block || !/PRIVATE KEY$/.test(block.type)) throw new Error();
    key = parsePrivateKey(block.der);
  } catch {
    throw new Failure(`Could not read private key from ${path ?? "<stdin>"}`);
  }
  if (args.order.includes("modulus")) io.ctx.stdout.write(`Modulus=${key.n.toString(16).toUpperCase()}\n`);
  if (args.flags.has("noout")) return;
  io.ctx.stderr.write("writing RSA key\n");
  io.out(
    str(args, "out"),
    args.flags.has("traditional")
      ? encodePem("RSA PRIVATE KEY", pkcs1(key))
      : encodePem("PRIVATE KEY", pkcs8(key)),
  );
}

/** `rand [-base64|-hex] [-out F] NUM`: NUM random bytes from the seeded generator. */
export function openssl_rand(io: Io, args: Args, rng: Rng): void {
  const n = Number(args.operands[0]);
  if (args.operands[0] === undefined) throw new Failure("rand: Use -help for summary.");
  if (!Number.isInteger(n) || n < 0) throw new Failure(`Invalid number "${args.operands[0]}"`);
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = rng.int(256);
  let text: string;
  if (args.flags.has("base64")) text = wrap64(encodeBase64(bytes));
  else if (args.flags.has("hex"))
    text = `${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}\n`;
  else text = String.fromCharCode(...bytes);
  io.out(str(args, "out"), text);
}

/** Base64 as OpenSSL's BIO writes it: 64 columns, a newline after the last line. */
function wrap64(b64: string): string {
  if (!b64) return "";
  return `${b64.match(/.{1,64}/g)?.join("\n")}\n`;
}

/** `base64 [-d] [-A] [-in F] [-out F]`, `enc -base64 ...`. */
export function openssl_base64(io: Io, args: Args): void {
  if (!args.flags.has("base64") && !args.flags.has("a"))
    throw new Failure("enc: only -base64 (-a) encoding is simulated here");
  const input = io.read(str(args, "in"), "input file");
  if (args.flags.has("d")) {
    const bytes = decodeBase64(input.replace(/\s+/g, ""), true) ?? new Uint8Array();
    io.out(str(args, "out"), new TextDecoder().decode(bytes));
    return;
  }
  const b64 = encodeBase64(utf8(input));
  io.out(str(args, "out"), args.flags.has("A") ? (b64 ? `${b64}\n` : "") : wrap64(b64));
}

const DIGESTS: Record<string, [string, (b: Uint8Array) => string]> = {
  md5: ["MD5", md5],
  sha1: ["SHA1", sha1],
  sha256: ["SHA2-256", sha256],
};

/** `openssl md5|sha1|sha256 [FILE]`, `dgst -sha256 [FILE]`: `MD5(stdin)= hex`. */
export function openssl_digest(io: Io, sub: string, args: Args): void {
  const name = sub === "dgst" ? (Object.keys(DIGESTS).find((d) => args.flags.has(d)) ?? "sha256") : sub;
  const [label, fn] = DIGESTS[name] as [string, (b: Uint8Array) => string];
  const files = args.operands.length ? args.operands : [undefined];
  for (const f of files) {
    const hex = fn(utf8(io.read(f, "input file")));
    io.ctx.stdout.write(`${label}(${f ?? "stdin"})= ${hex}\n`);
  }
}
