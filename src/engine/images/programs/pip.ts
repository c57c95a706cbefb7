/**
 * pip and npm as the python and node images ship them: their versions (the pip each CPython's
 * ensurepip bundles, the npm each node release bundles), and installing packages, which needs
 * PyPI or the npm registry: the cluster has no internet, so they fail as they fail offline.
 * pip's text: pip 24's urllib3 Retry warnings (5 retries, backoff 0.25 s doubling after the
 * second) then "Could not find a version"; npm's: the ENOTFOUND report of npm 10.
 */
import { sleepUntil } from "../../sh/applets/sleep";
import type { CommandContext, Proc } from "../../sh/interface";

/** The pip CPython's ensurepip bundles, by python minor (Lib/ensurepip/__init__.py _PIP_VERSION). */
const PIP_BY_PYTHON: Record<string, string> = {
  "3.13": "24.3.1",
  "3.12": "24.3.1",
  "3.11": "24.0",
  "3.10": "23.0.1",
  "3.9": "23.0.1",
  "3.8": "23.0.1",
};

/** The npm each node release bundles (nodejs.org/dist index.json). */
const NPM_BY_NODE: Record<string, string> = {
  "23.4.0": "10.9.2",
  "22.12.0": "10.9.0",
  "20.18.1": "10.8.2",
  "18.20.5": "10.8.2",
  "16.20.2": "8.19.4",
  "14.21.3": "6.14.18",
  "12.22.12": "6.14.16",
  "10.24.1": "6.14.12",
};

/** What this pip says for a subcommand beyond the simulation. */
export const PIP_UNSUPPORTED =
  "kubeglass: the simulated pip answers --version, list and install; it does not run this command";

/** What this npm says for a subcommand beyond the simulation. */
export const NPM_UNSUPPORTED =
  "kubeglass: the simulated npm answers --version and install; it does not run this command";

function pythonMinor(ctx: CommandContext): string {
  return (ctx.env.PYTHON_VERSION || "3.13.1").split(".").slice(0, 2).join(".");
}

/** pip / pip3: `--version`, `list`, `install PKG...` (fails offline). */
export function pip(ctx: CommandContext): number | Proc {
  const args = ctx.argv.slice(1);
  const minor = pythonMinor(ctx);
  const version = PIP_BY_PYTHON[minor] ?? "24.3.1";
  if (args[0] === "--version" || args[0] === "-V") {
    ctx.stdout.write(
      `pip ${version} from /usr/local/lib/python${minor}/site-packages/pip (python ${minor})\n`,
    );
    return 0;
  }
  if (args[0] === "list") {
    const rows: [string, string][] = [["pip", version]];
    if (Number(minor.split(".")[1]) < 12) rows.push(["setuptools", "65.5.1"], ["wheel", "0.45.1"]);
    const w = Math.max(7, ...rows.map(([n]) => n.length));
    ctx.stdout.write(
      `${"Package".padEnd(w)} Version\n${"-".repeat(w)} -------\n${rows.map(([n, v]) => `${n.padEnd(w)} ${v}`).join("\n")}\n`,
    );
    return 0;
  }
  if (args[0] === "install") {
    const pkgs = args.slice(1).filter((a) => !a.startsWith("-"));
    if (!pkgs.length) {
      ctx.stderr.write('ERROR: You must give at least one requirement to install (see "pip help install")\n');
      return 1;
    }
    if (args.includes("-r")) {
      ctx.stderr.write(`${PIP_UNSUPPORTED}\n`);
      return 1;
    }
    return pipInstallOffline(ctx, pkgs[0] as string);
  }
  ctx.stderr.write(`${PIP_UNSUPPORTED}\n`);
  return 1;
}

/** pip install without a route to PyPI: five retries of the index page, then no versions. */
function* pipInstallOffline(ctx: CommandContext, req: string): Proc {
  const name = req.replace(/[<>=!~;[ ].*$/, "");
  const page = `/simple/${name.toLowerCase().replace(/[-_.]+/g, "-")}/`;
  const backoff = [0, 500, 1000, 2000, 4000];
  for (let total = 4; total >= 0; total--) {
    ctx.stderr.write(
      `WARNING: Retrying (Retry(total=${total}, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f4b2c1d3e50>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': ${page}\n`,
    );
    const wait = backoff[4 - total] ?? 0;
    if (wait) yield* sleepUntil(ctx, ctx.sys.now() + wait);
  }
  ctx.stderr.write(
    `ERROR: Could not find a version that satisfies the requirement ${req} (from versions: none)\nERROR: No matching distribution found for ${req}\n`,
  );
  return 1;
}

/** npm: `--version`/`-v`, `install` (fails offline: ENOTFOUND registry.npmjs.org). */
export function npm(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  const version = NPM_BY_NODE[ctx.env.NODE_VERSION || "23.4.0"] ?? "10.9.2";
  if (args[0] === "--version" || args[0] === "-v") {
    ctx.stdout.write(`${version}\n`);
    return 0;
  }
  if ((args[0] === "install" || args[0] === "i") && args.length > 1) {
    const pkg = args.slice(1).find((a) => !a.startsWith("-")) ?? "";
    // npm 10.8 prefixes errors with "npm error"; earlier releases with "npm ERR!".
    ctx.stderr.write(
      `npm error code ENOTFOUND\nnpm error syscall getaddrinfo\nnpm error errno ENOTFOUND\nnpm error network request to https://registry.npmjs.org/${pkg.replace("/", "%2f")} failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org\nnpm error network This is a problem related to network connectivity.\nnpm error network In most cases you are behind a proxy or have bad network settings.\nnpm error network\nnpm error network If you are behind a proxy, please make sure that the\nnpm error network 'proxy' config is set properly.  See: 'npm help config'\nnpm error A complete log of this run can be found in: ${ctx.env.HOME || "/root"}/.npm/_logs/${new Date(ctx.sys.now()).toISOString().replace(/[:.]/g, "_")}-debug-0.log\n`,
    );
    return 1;
  }
  ctx.stderr.write(`${NPM_UNSUPPORTED}\n`);
  return 1;
}
