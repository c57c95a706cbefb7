/**
 * file 5.41 (Ubuntu 22.04): what a file holds, from its first bytes as libmagic's rules name
 * them: `directory`, `empty`, scripts by their #! line (`Bourne-Again shell script, ASCII text
 * executable`), PEM certificates and keys, JSON, gzip and tar data, else `ASCII text` or
 * `Unicode text, UTF-8 text` with the notes on line ends (`with no line terminators`, `with CRLF
 * line terminators`, `with very long lines (N)`). Missing files: `cannot open` as file.c words it.
 */
import type { CommandContext } from "../interface";
import { type Applet, abs, byteLength, getopt, has, type Parsed, usage } from "./common";
import { gunzipText } from "./gzip";

/** Interpreters of #! lines as magic/Magdir/commands names them. */
const INTERPRETERS: [RegExp, string][] = [
  [/\/(env\s+)?bash\b/, "Bourne-Again shell script"],
  [/\/(env\s+)?(sh|dash)\b/, "POSIX shell script"],
  [/\/(env\s+)?python3?\b/, "Python script"],
  [/\/(env\s+)?perl\b/, "Perl script text"],
  [/\/(env\s+)?node\b/, "Node.js script"],
  [/\/(env\s+)?ruby\b/, "Ruby script"],
];

/** What libmagic says of a text (without the `NAME: ` prefix). */
export function magicOf(text: string): string {
  if (text === "") return "empty";
  if (gunzipText(text)) {
    const g = gunzipText(text) as { name: string };
    return `gzip compressed data, was "${g.name}", from Unix, original size modulo 2^32 ${byteLength(text) - 10 - g.name.length - 1}`;
  }
  if (text.length > 262 && text.slice(257, 262) === "ustar") return "POSIX tar archive (GNU)";
  const pem = /^-----BEGIN ([A-Z ]+)-----/.exec(text);
  if (pem) {
    const kind = pem[1] as string;
    if (kind === "CERTIFICATE") return "PEM certificate";
    if (kind === "CERTIFICATE REQUEST") return "PEM certificate request";
    if (kind === "RSA PRIVATE KEY") return "PEM RSA private key";
    if (kind === "EC PRIVATE KEY") return "PEM EC private key";
    if (kind === "OPENSSH PRIVATE KEY") return "OpenSSH private key";
  }
  const ascii = !/[\u0080-\uffff]/.test(text);
  let kind = ascii ? "ASCII text" : "Unicode text, UTF-8 text";
  const shebang = /^#!\s*(\S+(?:\s+\S+)?)/.exec(text);
  if (shebang) {
    const hit = INTERPRETERS.find(([re]) => re.test(shebang[1] as string));
    kind = hit ? `${hit[1]}, ${kind} executable` : `a ${shebang[1]} script, ${kind} executable`;
  } else if (/^\s*[[{]/.test(text) && isJson(text)) return "JSON data";
  const notes: string[] = [];
  const longest = text.split("\n").reduce((m, l) => Math.max(m, byteLength(l)), 0);
  if (longest > 300) notes.push(`with very long lines (${longest})`);
  if (text.includes("\r\n")) notes.push("with CRLF line terminators");
  else if (!text.includes("\n")) notes.push("with no line terminators");
  return notes.length ? `${kind}, ${notes.join(", ")}` : kind;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `file [-b] FILE...`. */
export const file: Applet = (flavour) => (ctx: CommandContext) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "bLzi", { brief: "b", dereference: "L" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  if (!p.operands.length) {
    ctx.stderr.write(
      "Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]\n",
    );
    return 1;
  }
  const width = Math.max(...p.operands.map((o) => o.length));
  for (const f of p.operands) {
    const path = abs(ctx, f);
    let what: string;
    if (f === "-") what = magicOf(ctx.stdin);
    else if (ctx.fs.isDir(path)) what = "directory";
    else if (!ctx.fs.isFile(path)) what = `cannot open \`${f}' (No such file or directory)`;
    else what = magicOf(ctx.fs.read(path));
    const name = f === "-" ? "/dev/stdin" : f;
    ctx.stdout.write(has(p, "b") ? `${what}\n` : `${`${name}:`.padEnd(width + 2)}${what}\n`);
  }
  return 0;
};
