/**
 * stress (polinux/stress: stress 1.0.4) and vish/stress (the Kubernetes docs' memory and CPU
 * examples): they declare the memory they hold through sys.setMemory, so a limit below it gets the
 * container OOM-killed.
 */
import { canonicalQuantity, parseQuantity } from "../../apiserver/quantity";
import type { CommandContext, Proc } from "../../sh/interface";
import {
  forever,
  GO_RUNTIME_SIGNALS,
  GO_SIGNAL_EXIT,
  goDuration,
  klog,
  stopWatch,
  untilStopped,
} from "./util";

/** stress's size argument: bytes with an optional B, K, M or G suffix (powers of 1024). */
export function stressBytes(arg: string | undefined): number | undefined {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(arg ?? "");
  if (!m) return undefined;
  const mult = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] as string).toLowerCase()] as number;
  return Number(m[1]) * mult;
}

/** stress: `--cpu N --io N --vm N --vm-bytes B --hdd N --timeout N`. */
export function stress(ctx: CommandContext): number | Proc {
  const args = ctx.argv.slice(1);
  if (args.includes("--version")) {
    ctx.stdout.write("stress 1.0.4\n");
    return 0;
  }
  const num = (long: string, short: string) => {
    const i = args.findIndex((a) => a === long || a === short);
    return i >= 0 ? Number(args[i + 1]) || 0 : 0;
  };
  const cpu = num("--cpu", "-c");
  const io = num("--io", "-i");
  const vm = num("--vm", "-m");
  const hdd = num("--hdd", "-d");
  const bytesArg = args[args.indexOf("--vm-bytes") + 1];
  const vmBytes = args.includes("--vm-bytes") ? stressBytes(bytesArg) : 256 * 1024 ** 2;
  if (vmBytes === undefined) {
    ctx.stderr.write(`stress: FAIL: [1] (${"1"}) invalid number: ${bytesArg}\n`);
    return 1;
  }
  const timeoutArg = args[args.findIndex((a) => a === "--timeout" || a === "-t") + 1];
  const timeoutS = args.some((a) => a === "--timeout" || a === "-t")
    ? Number.parseInt(timeoutArg ?? "0", 10)
    : 0;
  if (cpu + io + vm + hdd === 0) {
    ctx.stdout.write(
      "`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n",
    );
    return 0;
  }
  // stress installs no signal handlers: TERM's default action ends it.
  return (function* (): Proc {
    ctx.stdout.write(`stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd\n`);
    ctx.sys.setMemory(vm * vmBytes);
    // Each cpu worker spins on sqrt() and each vm worker on malloc/touch/free: a core each.
    ctx.sys.setCpu?.(cpu + vm);
    if (timeoutS <= 0) return yield* forever();
    yield { kind: "sleep", ms: timeoutS * 1000 };
    ctx.stdout.write(`stress: info: [1] successful run completed in ${timeoutS}s\n`);
    return 0;
  })();
}

/**
 * vish/stress (github.com/vishh/stress main.go): `-mem-total Q -mem-alloc-size Q
 * -mem-alloc-sleep D -cpus N`. It allocates mem-alloc-size while the next chunk fits in mem-total,
 * sleeping after each, logs through glog, then blocks forever.
 */
export function vishStress(ctx: CommandContext): Proc {
  const args = ctx.argv.slice(1);
  const flag = (name: string) => {
    for (let i = 0; i < args.length; i++) {
      const a = (args[i] as string).replace(/^--?/, "");
      if (a === name) return args[i + 1];
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
    }
    return undefined;
  };
  const totalText = canonicalQuantity(flag("mem-total") ?? "0");
  const chunkText = canonicalQuantity(flag("mem-alloc-size") ?? "4Ki");
  const total = parseQuantity(totalText);
  const chunk = Math.max(1, parseQuantity(chunkText));
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(flag("mem-alloc-sleep") ?? "1ms");
  const sleepMs = m ? Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as "ms" | "s" | "m"] : 1;
  const cpus = Number(flag("cpus") ?? 0) || 0;
  // A Go program that handles no signals: the Go runtime exits it with status 2 on TERM.
  return (function* (): Proc {
    const watch = stopWatch(ctx.sys, GO_RUNTIME_SIGNALS);
    const log = (where: string, text: string) => ctx.stderr.write(`${klog(ctx.sys.now(), where)}${text}\n`);
    log(
      "main.go:26",
      `Allocating "${totalText}" memory, in "${chunkText}" chunks, with a ${goDuration(sleepMs)} sleep between allocations`,
    );
    for (let i = 0; i < cpus; i++) log("main.go:39", "Spawning a thread to consume CPU");
    ctx.sys.setCpu?.(cpus);
    for (let i = 1; i * chunk <= total; i++) {
      ctx.sys.setMemory(i * chunk);
      yield { kind: "sleep", ms: sleepMs };
      if (watch.received()) return GO_SIGNAL_EXIT;
    }
    log("main.go:29", `Allocated "${totalText}" memory`);
    yield* untilStopped(watch);
    return GO_SIGNAL_EXIT;
  })();
}
