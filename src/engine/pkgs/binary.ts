/**
 * The programs a package manager installs are files in the container's layer, as on a real
 * system: an ELF header followed by the name of the program it is (`\x7fELF...curl`). Running
 * such a file (through PATH, by path, or a copy of it) runs that program; `rm` takes it away;
 * a new container starts from the image without it. The userland's `binary` hook reads them.
 */
import { shellProgram } from "../sh";
import { APPLETS } from "../sh/applets/userland";
import type { Program } from "../sh/interface";
import { ifconfig, netstat } from "./nettools";
import { nano, top, vim } from "./terminal";

/** The first bytes of an ELF64 little-endian executable (e_ident up to EI_OSABI). */
export const ELF_HEADER = "\u007fELF\u0002\u0001\u0001\u0000";

/** Names a program is installed under that are another's (`vim.basic` is vim). */
const ALIASES: Record<string, string> = {
  "vim.basic": "vim",
  vi: "vim",
  "nc.openbsd": "nc",
  netcat: "nc",
  rnano: "nano",
};

/** The program id a path installs (its file name, or what that name is an alias of). */
export function programIdOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return ALIASES[base] ?? base;
}

/** The programs packages can install, by id; a package whose program is not here is not offered. */
function packagePrograms(): Record<string, Program> {
  const gnu = (name: string) => {
    const applet = APPLETS[name];
    return applet ? applet("gnu") : undefined;
  };
  const out: Record<string, Program> = { bash: shellProgram("bash"), vim, nano, top, ifconfig, netstat };
  for (const name of ["curl", "wget", "nslookup", "dig", "host", "ping", "ps", "free", "kill", "nc", "jq"]) {
    const p = gnu(name);
    if (p) out[name] = p;
  }
  return out;
}

let programs: Record<string, Program> | undefined;

/** The program with this id, if one is written. */
export function packageProgram(id: string): Program | undefined {
  programs ??= packagePrograms();
  return programs[id];
}

/** The text of an installed binary for a program id. */
export function binaryText(id: string): string {
  return `${ELF_HEADER}${"\u0000".repeat(8)}${id}\u0000`;
}

/** The program an installed binary holds; undefined for any other text. */
export function programOfBinary(text: string): Program | undefined {
  if (!text.startsWith(ELF_HEADER)) return undefined;
  const rest = text.slice(ELF_HEADER.length + 8);
  const end = rest.indexOf("\u0000");
  return end > 0 ? packageProgram(rest.slice(0, end)) : undefined;
}
