/** memcached 1.6: the text protocol's version, stats, set, get and delete on port 11211. */
import type { CommandContext, Proc } from "../../sh/interface";
import { stopWatch, untilStopped } from "./util";

/** A memcached cache and its text-protocol handler. */
export function memcachedStore(version: string, startedMs: number, now: () => number) {
  const data = new Map<string, { flags: string; value: string }>();
  return (input: string): string => {
    const lines = input.split("\r\n");
    let out = "";
    for (let i = 0; i < lines.length; i++) {
      const [cmd, ...args] = (lines[i] as string).trim().split(/\s+/);
      if (!cmd) continue;
      switch (cmd) {
        case "version":
          out += `VERSION ${version}\r\n`;
          break;
        case "stats":
          out += `STAT pid 1\r\nSTAT uptime ${Math.floor((now() - startedMs) / 1000)}\r\nSTAT time ${Math.floor(now() / 1000)}\r\nSTAT version ${version}\r\nSTAT curr_items ${data.size}\r\nEND\r\n`;
          break;
        case "set":
        case "add":
        case "replace": {
          const value = lines[++i] ?? "";
          const key = args[0] ?? "";
          if ((cmd === "add" && data.has(key)) || (cmd === "replace" && !data.has(key)))
            out += "NOT_STORED\r\n";
          else {
            data.set(key, { flags: args[1] ?? "0", value });
            out += "STORED\r\n";
          }
          break;
        }
        case "get":
        case "gets":
          for (const k of args) {
            const v = data.get(k);
            if (v) out += `VALUE ${k} ${v.flags} ${v.value.length}\r\n${v.value}\r\n`;
          }
          out += "END\r\n";
          break;
        case "delete":
          out += data.delete(args[0] ?? "") ? "DELETED\r\n" : "NOT_FOUND\r\n";
          break;
        case "quit":
          return out;
        default:
          out += "ERROR\r\n";
      }
    }
    return out;
  };
}

/** memcached: `-p PORT`, `-V`/`--version`. */
export function memcached(ctx: CommandContext): number | Proc {
  const version = ctx.env.MEMCACHED_VERSION || "1.6.32";
  const args = ctx.argv.slice(1);
  if (args.includes("-V") || args.includes("--version")) {
    ctx.stdout.write(`memcached ${version}\n`);
    return 0;
  }
  const p = args.indexOf("-p");
  const port = p >= 0 ? Number(args[p + 1]) : 11211;
  return (function* (): Proc {
    const watch = stopWatch(ctx.sys);
    const close = ctx.sys.listen({
      port,
      protocol: "TCP",
      tcp: memcachedStore(version, ctx.sys.now(), () => ctx.sys.now()),
    });
    yield* untilStopped(watch);
    close();
    return 0;
  })();
}

/**
 * The docker-entrypoint.sh of images whose script only puts their server in front of options
 * (memcached, mongo): `if [ "${1:0:1}" = '-' ]; then set -- SERVER "$@"; fi; exec "$@"`.
 */
export function execEntrypoint(server: string) {
  return function* (ctx: CommandContext): Proc {
    let args = ctx.argv.slice(1);
    if ((args[0] ?? "").startsWith("-")) args = [server, ...args];
    if (args.length === 0) return 0;
    // `exec "$@"`: the process becomes the program (its comm and cmdline).
    ctx.sys.execve?.(args);
    return yield* ctx.exec(args);
  };
}
