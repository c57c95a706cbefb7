/**
 * chown and chgrp: busybox 1.36's (coreutils/chown.c, chgrp.c as `chown :GROUP`; names looked up
 * as libpwdgrp's parse_chown_usergroup_or_die does, `unknown user X`) and coreutils' (`invalid
 * user: 'X'`, `cannot access 'X'`). Names come from the container's /etc/passwd and /etc/group;
 * a number stands for itself. -R changes a directory's contents before the directory.
 */
import type { CommandContext } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  complain,
  type Flavour,
  fsReason,
  getopt,
  has,
  type Parsed,
  programName,
  usage,
} from "./common";
import { statOf } from "./fileinfo";

/** The entries of /etc/passwd or /etc/group: name, id, and (passwd) the primary group. */
function database(ctx: CommandContext, path: string): Array<{ name: string; id: number; gid?: number }> {
  let text = "";
  try {
    text = ctx.fs.isFile(path) ? ctx.fs.read(path) : "";
  } catch {
    text = "";
  }
  return text
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => f[0] && /^\d+$/.test(f[2] ?? ""))
    .map((f) => ({
      name: f[0] as string,
      id: Number(f[2]),
      ...(/^\d+$/.test(f[3] ?? "") ? { gid: Number(f[3]) } : {}),
    }));
}

/** What `USER[:GROUP]` asks for: ids to set (undefined: keep), or the complaint. */
function parseOwner(
  ctx: CommandContext,
  flavour: Flavour,
  spec: string,
): { uid?: number; gid?: number } | { error: string } {
  const users = database(ctx, "/etc/passwd");
  const groups = database(ctx, "/etc/group");
  const user = (s: string) =>
    /^\d+$/.test(s)
      ? { id: Number(s), gid: users.find((u) => u.id === Number(s))?.gid }
      : users.find((u) => u.name === s);
  const group = (s: string) => (/^\d+$/.test(s) ? Number(s) : groups.find((g) => g.name === s)?.id);
  // busybox takes `user.group` for `user:group`; coreutils does when there is no colon.
  const sep = spec.includes(":") ? spec.indexOf(":") : spec.indexOf(".");
  if (sep < 0) {
    const u = user(spec);
    if (!u) return { error: flavour === "gnu" ? `invalid user: '${spec}'` : `unknown user ${spec}` };
    return { uid: u.id };
  }
  const name = spec.slice(0, sep);
  const grp = spec.slice(sep + 1);
  if (name === "") {
    if (grp === "") return {};
    const g = group(grp);
    if (g === undefined)
      return { error: flavour === "gnu" ? `invalid group: '${spec}'` : `unknown group ${grp}` };
    return { gid: g };
  }
  const u = user(name);
  const bad = {
    error:
      flavour === "gnu"
        ? `invalid user: '${spec}'`
        : `unknown user/group ${grp === "" ? name : spec.replace(".", ":")}`,
  };
  if (!u) return bad;
  if (grp === "") return { uid: u.id, gid: u.gid ?? u.id };
  const g = group(grp);
  if (g === undefined) return flavour === "gnu" ? { error: `invalid group: '${spec}'` } : bad;
  return { uid: u.id, gid: g };
}

/** `chown [-Rhcvf] USER[:[GRP]] FILE...`; `chgrp [-Rhcvf] GROUP FILE...` is `chown :GROUP`. */
export const chown: Applet = (flavour) => (ctx) => {
  const name = programName(ctx);
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "RhvcfLHP", {
      recursive: "R",
      "no-dereference": "h",
      dereference: "D",
      changes: "c",
      silent: "f",
      quiet: "f",
      verbose: "v",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const [spec, ...files] = p.operands;
  if (spec === undefined || !files.length) {
    if (flavour === "busybox") {
      ctx.stderr.write(busyboxUsage(name));
      return 1;
    }
    complain(ctx, spec === undefined ? "missing operand" : `missing operand after '${spec}'`);
    ctx.stderr.write(`Try '${name} --help' for more information.\n`);
    return 1;
  }
  const owner = parseOwner(ctx, flavour, name === "chgrp" ? `:${spec}` : spec);
  if ("error" in owner) {
    complain(ctx, flavour === "gnu" && name === "chgrp" ? `invalid group: '${spec}'` : owner.error);
    return 1;
  }
  let status = 0;
  const change = (shown: string, path: string) => {
    const info = statOf(ctx.fs, path);
    if (!info) {
      if (!has(p, "f"))
        complain(
          ctx,
          flavour === "gnu"
            ? `cannot access '${shown}': No such file or directory`
            : `${shown}: No such file or directory`,
        );
      status = 1;
      return;
    }
    if (has(p, "R") && info.type === "dir" && info.link === undefined) {
      for (const child of ctx.fs.list(path))
        change(`${shown.replace(/\/$/, "")}/${child}`, `${path === "/" ? "" : path}/${child}`);
    }
    const uid = owner.uid ?? info.uid ?? 0;
    const gid = owner.gid ?? info.gid ?? 0;
    let reason: string | undefined;
    if (!ctx.fs.chown) reason = "Operation not permitted";
    else
      try {
        ctx.fs.chown(path, uid, gid);
      } catch (e) {
        reason = fsReason(e);
      }
    if (reason !== undefined) {
      if (!has(p, "f"))
        complain(
          ctx,
          flavour === "gnu" ? `changing ownership of '${shown}': ${reason}` : `${shown}: ${reason}`,
        );
      status = 1;
      return;
    }
    const changed = (info.uid ?? 0) !== uid || (info.gid ?? 0) !== gid;
    if (!has(p, "v") && !(has(p, "c") && changed)) return;
    if (flavour === "busybox") ctx.stdout.write(`changed ownership of '${shown}' to ${uid}:${gid}\n`);
    else {
      // coreutils' describe_change: names where known, the group only when one was given.
      const users = database(ctx, "/etc/passwd");
      const groups = database(ctx, "/etc/group");
      const un = (id: number) => users.find((x) => x.id === id)?.name ?? String(id);
      const gn = (id: number) => groups.find((x) => x.id === id)?.name ?? String(id);
      const was =
        owner.uid === undefined
          ? gn(info.gid ?? 0)
          : owner.gid === undefined
            ? un(info.uid ?? 0)
            : `${un(info.uid ?? 0)}:${gn(info.gid ?? 0)}`;
      const now =
        owner.uid === undefined ? gn(gid) : owner.gid === undefined ? un(uid) : `${un(uid)}:${gn(gid)}`;
      const what = owner.uid === undefined ? "group" : "ownership";
      ctx.stdout.write(
        changed
          ? `changed ${what} of '${shown}' from ${was} to ${now}\n`
          : `${what} of '${shown}' retained as ${now}\n`,
      );
    }
  };
  for (const f of files) change(f, abs(ctx, f));
  return status;
};
