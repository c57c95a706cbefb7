/**
 * ssh-keygen (OpenSSH 8.9p1, Ubuntu 22.04) generating a key pair: `ssh-keygen`, `-t rsa|ed25519`,
 * `-b BITS`, `-f FILE`, `-N PASSPHRASE`, `-C COMMENT`, `-q`. Without -f it asks for the file,
 * and without -N for the passphrase twice, reading answers from its input (end of input ends
 * it, as ssh-keygen exits 1 when its prompt reads nothing). The files are OpenSSH's formats
 * (`-----BEGIN OPENSSH PRIVATE KEY-----`, `ssh-rsa AAAA... comment`) with random key material
 * from the cluster's seeded generator; the fingerprint is the SHA-256 of the public key blob and
 * the randomart is sshkey.c's drunken bishop over it.
 */
import type { Rng } from "../clock/random";
import { resolvePath } from "../node/fs";
import { sha256 } from "../sh/applets/digest";
import type { CommandContext, Program } from "../sh/interface";

const enc = new TextEncoder();

/** SSH wire format: uint32 length then the bytes. */
function sshString(bytes: Uint8Array | string): Uint8Array {
  const b = typeof bytes === "string" ? enc.encode(bytes) : bytes;
  const out = new Uint8Array(4 + b.length);
  new DataView(out.buffer).setUint32(0, b.length);
  out.set(b, 4);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => rng.int(256));
}

/** An mpint of bits bits with its top bit set (a leading zero byte keeps it positive). */
function mpint(rng: Rng, bits: number, odd = false): Uint8Array {
  const b = randomBytes(rng, Math.ceil(bits / 8));
  b[0] = (b[0] as number) | 0x80;
  if (odd) b[b.length - 1] = (b[b.length - 1] as number) | 1;
  return sshString(concat([Uint8Array.of(0), b]));
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

/** A generated key: its public blob and the private section's key fields. */
interface Generated {
  type: "ssh-rsa" | "ssh-ed25519";
  /** `RSA 3072`, `ED25519 256`: the randomart's title. */
  title: string;
  pub: Uint8Array;
  privateFields: Uint8Array;
}

function generate(rng: Rng, type: "rsa" | "ed25519", bits: number): Generated {
  if (type === "ed25519") {
    const pk = randomBytes(rng, 32);
    const sk = randomBytes(rng, 32);
    const pub = concat([sshString("ssh-ed25519"), sshString(pk)]);
    return {
      type: "ssh-ed25519",
      title: "ED25519 256",
      pub,
      privateFields: concat([sshString("ssh-ed25519"), sshString(pk), sshString(concat([sk, pk]))]),
    };
  }
  const e = sshString(Uint8Array.of(0x01, 0x00, 0x01));
  const n = mpint(rng, bits, true);
  const pub = concat([sshString("ssh-rsa"), e, n]);
  const d = mpint(rng, bits - 1);
  const iqmp = mpint(rng, bits / 2 - 1);
  const p = mpint(rng, bits / 2, true);
  const q = mpint(rng, bits / 2, true);
  return {
    type: "ssh-rsa",
    title: `RSA ${bits}`,
    pub,
    privateFields: concat([sshString("ssh-rsa"), n, e, d, iqmp, p, q]),
  };
}

/** PROTOCOL.key's openssh-key-v1 container, unencrypted, PEM-armoured at 70 columns. */
function privateKeyFile(rng: Rng, key: Generated, comment: string): string {
  const check = randomBytes(rng, 4);
  let section = concat([check, check, key.privateFields, sshString(comment)]);
  const padding = (8 - (section.length % 8)) % 8;
  section = concat([section, Uint8Array.from({ length: padding }, (_, i) => i + 1)]);
  const blob = concat([
    enc.encode("openssh-key-v1\0"),
    sshString("none"),
    sshString("none"),
    sshString(""),
    Uint8Array.of(0, 0, 0, 1),
    sshString(key.pub),
    sshString(section),
  ]);
  const b64 = base64(blob);
  const lines = b64.match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** sshkey.c fingerprint_randomart: the drunken bishop on a 17x9 field over the digest's bits. */
export function randomart(digest: Uint8Array, title: string, hashName: string): string {
  const W = 17;
  const H = 9;
  const symbols = " .o+=*BOX@%&#/^SE";
  const len = symbols.length - 1;
  const field = Array.from({ length: W }, () => new Array<number>(H).fill(0));
  let x = Math.floor(W / 2);
  let y = Math.floor(H / 2);
  for (const byte of digest) {
    let input = byte;
    for (let b = 0; b < 4; b++) {
      x += input & 0x1 ? 1 : -1;
      y += input & 0x2 ? 1 : -1;
      x = Math.max(0, Math.min(x, W - 1));
      y = Math.max(0, Math.min(y, H - 1));
      const col = field[x] as number[];
      if ((col[y] as number) < len - 2) col[y] = (col[y] as number) + 1;
      input >>= 2;
    }
  }
  (field[Math.floor(W / 2)] as number[])[Math.floor(H / 2)] = len - 1;
  (field[x] as number[])[y] = len;
  const frame = (label: string) => {
    const t = `[${label}]`;
    const left = Math.floor((W - t.length) / 2);
    return `+${"-".repeat(left)}${t}${"-".repeat(W - left - t.length)}+`;
  };
  const rows: string[] = [frame(title)];
  for (let row = 0; row < H; row++) {
    let line = "|";
    for (let col = 0; col < W; col++) line += symbols[Math.min((field[col] as number[])[row] as number, len)];
    rows.push(`${line}|`);
  }
  rows.push(frame(hashName));
  return `${rows.join("\n")}\n`;
}

/** The `ssh-keygen` program; rng() is the cluster's seeded generator. */
export function sshKeygenProgram(rng: () => Rng): Program {
  return (ctx: CommandContext) => {
    const args = ctx.argv.slice(1);
    const opts: Record<string, string> = {};
    const flags = new Set<string>();
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      const m = /^-([tbfNCq])(.*)$/.exec(a);
      if (!m) {
        ctx.stderr.write(`ssh-keygen: illegal option -- ${a.replace(/^-+/, "").slice(0, 1)}\n`);
        return 1;
      }
      const [, letter, rest] = m as unknown as [string, string, string];
      if (letter === "q") flags.add("q");
      else if (rest) opts[letter] = rest;
      else {
        if (i + 1 >= args.length) {
          ctx.stderr.write(`ssh-keygen: option requires an argument -- ${letter}\n`);
          return 1;
        }
        opts[letter] = args[++i] as string;
      }
    }
    const type = (opts.t ?? "rsa").toLowerCase();
    if (type !== "rsa" && type !== "ed25519") {
      ctx.stderr.write(`unknown key type ${type}\n`);
      return 1;
    }
    const bits = type === "ed25519" ? 256 : Number(opts.b ?? 3072);
    if (type === "rsa" && !(bits >= 1024 && bits <= 16384)) {
      ctx.stderr.write(
        `Invalid RSA key length: ${bits < 1024 ? "minimum is 1024 bits" : "maximum is 16384 bits"}\n`,
      );
      return 255;
    }
    const quiet = flags.has("q");
    const say = (t: string) => {
      if (!quiet) ctx.stdout.write(t);
    };
    const answers = ctx.stdin.split("\n");
    let answered = 0;
    const ask = (prompt: string): string | undefined => {
      ctx.stdout.write(prompt);
      if (answered >= answers.length - (ctx.stdin.endsWith("\n") ? 1 : 0)) return undefined;
      return answers[answered++];
    };
    const home = ctx.env.HOME || "/root";
    say(`Generating public/private ${type} key pair.\n`);
    let file = opts.f;
    if (file === undefined) {
      const dflt = `${home}/.ssh/id_${type}`;
      const answer = ask(`Enter file in which to save the key (${dflt}): `);
      if (answer === undefined) return 1;
      file = answer.trim() || dflt;
      const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) || "/" : ".";
      const full = resolvePath(ctx.cwd, dir);
      if (file === dflt && !ctx.fs.isDir(full)) {
        ctx.fs.mkdir(full, true);
        ctx.stdout.write(`Created directory '${full}'.\n`);
      }
    }
    const path = resolvePath(ctx.cwd, file);
    if (ctx.fs.exists(path)) {
      const answer = ask(`${file} already exists.\nOverwrite (y/n)? `);
      if (!answer?.trim().toLowerCase().startsWith("y")) return 1;
    }
    if (opts.N === undefined) {
      const first = ask("Enter passphrase (empty for no passphrase): ");
      if (first === undefined) return 1;
      const again = ask("Enter same passphrase again: ");
      if (again === undefined) return 1;
      if (first !== again) {
        ctx.stdout.write("Passphrases do not match.  Try again.\n");
        return 1;
      }
    }
    const comment = opts.C ?? `${ctx.sys.user().name}@${ctx.sys.hostname()}`;
    const key = generate(rng(), type, bits);
    try {
      ctx.fs.write(path, privateKeyFile(rng(), key, comment));
      ctx.fs.write(`${path}.pub`, `${key.type} ${base64(key.pub)} ${comment}\n`);
    } catch {
      ctx.stderr.write(`Saving key "${file}" failed: No such file or directory\n`);
      return 1;
    }
    const digest = hexBytes(sha256(key.pub));
    const fingerprint = `SHA256:${base64(digest).replace(/=+$/, "")}`;
    say(`Your identification has been saved in ${file}\n`);
    say(`Your public key has been saved in ${file}.pub\n`);
    say(`The key fingerprint is:\n${fingerprint} ${comment}\n`);
    say(`The key's randomart image is:\n${randomart(digest, key.title, "SHA256")}`);
    return 0;
  };
}
