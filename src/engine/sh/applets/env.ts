/**
 * env and printenv: coreutils src/env.c and src/printenv.c, busybox coreutils/env.c and
 * coreutils/printenv.c.
 */
import type { CommandContext, Proc } from "../interface";
import { type Applet, cannotRun, findCommand, getopt, usage } from "./common";

/** Runs argv through ctx.exec with env as its environment. */
export function* execWithEnv(ctx: CommandContext, argv: string[], env: Record<string, string>): Proc {
  return yield* ctx.exec(argv, ctx.stdin, env);
}

/** `env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG]...]`. */
export const env: Applet = (flavour) => (ctx) => {
  let p: ReturnType<typeof getopt>;
  try {
    p = getopt(
      ctx.argv.slice(1),
      "iu:0",
      { "ignore-environment": "i", "unset=": "u", null: "0" },
      { stopAtOperand: true },
    );
  } catch (e) {
    return usage(ctx, flavour, e, 125);
  }
  let rest = p.operands;
  if (rest[0] === "-") {
    p.opts.set("i", [""]);
    rest = rest.slice(1);
  }
  const vars: Record<string, string> = p.opts.has("i") ? {} : { ...ctx.env };
  for (const name of p.opts.get("u") ?? []) delete vars[name];
  while (rest[0]?.includes("=") && !rest[0].startsWith("=")) {
    const a = rest.shift() as string;
    const i = a.indexOf("=");
    vars[a.slice(0, i)] = a.slice(i + 1);
  }
  if (!rest.length) {
    const end = p.opts.has("0") ? "\0" : "\n";
    ctx.stdout.write(
      Object.entries(vars)
        .map(([k, v]) => `${k}=${v}${end}`)
        .join(""),
    );
    return 0;
  }
  const name = rest[0] as string;
  if (!findCommand(ctx, name, vars.PATH))
    return cannotRun(ctx, flavour, name, `'${name}': No such file or directory`);
  return execWithEnv(ctx, rest, vars);
};

/** `printenv [NAME]...`: exit 1 when a name is not set. */
export const printenv: Applet = () => (ctx) => {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
  if (!names.length) {
    ctx.stdout.write(
      Object.entries(ctx.env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(""),
    );
    return 0;
  }
  let missing = false;
  for (const n of names) {
    const v = ctx.env[n];
    if (v === undefined) missing = true;
    else ctx.stdout.write(`${v}\n`);
  }
  return missing ? 1 : 0;
};
