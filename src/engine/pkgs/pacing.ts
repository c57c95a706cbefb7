/**
 * Package managers take time on the cluster's clock: fetching an index, downloading and
 * unpacking packages. A step runs at once and notes how long each part would take (`wait`); its
 * output is then written as the virtual clock reaches each part, so `kubectl exec` and a
 * terminal see the lines arrive over the seconds a real run takes. (The container's files change
 * when the step runs, at its start.)
 */
import { sleepUntil } from "../sh/applets/sleep";
import type { CommandContext, Output, Proc } from "../sh/interface";

/** What a paced step uses to say that time passes before its next output. */
export interface Pacer {
  /** The next output comes ms later. */
  wait(ms: number): void;
}

interface Chunk {
  at: number;
  out: Output;
  text: string;
}

/** Runs step with outputs that keep what it writes, then writes it out on the clock. */
export function* paced(ctx: CommandContext, step: (ctx: CommandContext, pacer: Pacer) => number): Proc {
  const start = ctx.sys.now();
  let offset = 0;
  const chunks: Chunk[] = [];
  const keep = (out: Output): Output => ({ write: (text: string) => chunks.push({ at: offset, out, text }) });
  const status = step(
    { ...ctx, stdout: keep(ctx.stdout), stderr: keep(ctx.stderr) },
    {
      wait: (ms) => {
        offset += ms;
      },
    },
  );
  for (const c of chunks) {
    if (c.at > 0) yield* sleepUntil(ctx, start + c.at);
    c.out.write(c.text);
  }
  if (offset > 0) yield* sleepUntil(ctx, start + offset);
  return status;
}
