/**
 * Yelp's dumb-init (the ingress-nginx controller image's ENTRYPOINT `dumb-init --`): a minimal
 * init that runs its command as a child and forwards signals; here it execs the command.
 */
import type { CommandContext, Proc } from "../../sh/interface";

/** `dumb-init [options] [--] COMMAND [ARGS...]`: runs COMMAND (options such as -c are skipped). */
export function* dumbInit(ctx: CommandContext): Proc {
  let args = ctx.argv.slice(1);
  while (args.length > 0 && (args[0] ?? "").startsWith("-") && args[0] !== "--") args = args.slice(1);
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    ctx.stderr.write("Usage: dumb-init [option] command [[arg] ...]\n");
    return 1;
  }
  return yield* ctx.exec(args);
}
