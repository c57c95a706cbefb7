/**
 * Semantic versions and constraints as Masterminds/semver v3 reads them (sprig's semverCompare,
 * helm's kubeVersion check): `v` prefix and missing minor/patch allowed, `||` between alternatives,
 * `,` or spaces between conditions, operators = != > < >= <= ~ ^ and x/X/* wildcards. A version
 * with a prerelease satisfies a condition only when the condition names a prerelease too.
 */

/** A parsed version. */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

const VERSION =
  /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** semver.ErrInvalidSemVer's text. */
export const ERR_INVALID_SEMVER = "Invalid Semantic Version";

/** Parses a version (NewVersion's coercion: `1.2` is 1.2.0); undefined when it is not one. */
export function parseSemVer(text: string): SemVer | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ?? "" };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1;
    if (nx) return -1;
    if (ny) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Orders two versions: -1, 0 or 1. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (const k of ["major", "minor", "patch"] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

type Check = (v: SemVer) => boolean;

const CONDITION =
  /^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+(?:\.[0-9xX*]+)?(?:\.[0-9xX*]+)?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/** One condition (`>=1.19-0`, `~1.2`, `1.x`) as a check; undefined when it does not parse. */
function condition(text: string): Check | undefined {
  const m = CONDITION.exec(text);
  if (!m) return undefined;
  const op = m[1] ?? "";
  const body = m[2] as string;
  const noMeta = body.split("+")[0] ?? "";
  const dash = noMeta.indexOf("-");
  const core = dash < 0 ? noMeta : noMeta.slice(0, dash);
  const pre = dash < 0 ? "" : noMeta.slice(dash + 1);
  const parts = core.split(".");
  const wild = (p: string | undefined) => p === undefined || p === "x" || p === "X" || p === "*";
  const dirty = parts.findIndex(wild);
  const num = (i: number) => (wild(parts[i]) ? 0 : Number(parts[i]));
  const base: SemVer = { major: num(0), minor: num(1), patch: num(2), pre };
  const cmp = (v: SemVer) => compareSemVer(v, base);
  // The next version past the wildcard part: 1.x → 2.0.0, 1.2.x → 1.3.0.
  const upper = (level: number): SemVer =>
    level <= 0
      ? { major: base.major + 1, minor: 0, patch: 0, pre: "" }
      : level === 1
        ? { major: base.major, minor: base.minor + 1, patch: 0, pre: "" }
        : { major: base.major, minor: base.minor, patch: base.patch + 1, pre: "" };
  const below = (limit: SemVer) => (v: SemVer) => compareSemVer(v, limit) < 0;
  const prereleaseOk = (v: SemVer) => !v.pre || !!pre;
  let check: Check;
  switch (op) {
    case "":
    case "=":
      check = dirty < 0 ? (v) => cmp(v) === 0 : (v) => cmp(v) >= 0 && below(upper(dirty - 1))(v);
      if (dirty === 0) check = () => true;
      break;
    case "!=":
      check = dirty < 0 ? (v) => cmp(v) !== 0 : (v) => !(cmp(v) >= 0 && below(upper(dirty - 1))(v));
      break;
    case ">":
      check = dirty < 0 ? (v) => cmp(v) > 0 : (v) => !below(upper(dirty - 1))(v);
      break;
    case ">=":
    case "=>":
      check = (v) => cmp(v) >= 0;
      break;
    case "<":
      check = (v) => cmp(v) < 0;
      break;
    case "<=":
    case "=<":
      check = dirty < 0 ? (v) => cmp(v) <= 0 : below(upper(dirty - 1));
      break;
    case "~":
    case "~>":
      check = (v) => cmp(v) >= 0 && below(upper(dirty === 1 || parts.length === 1 ? 0 : 1))(v);
      break;
    default: {
      // ^: the leftmost non-zero part stays.
      const level = base.major > 0 || dirty === 1 ? 0 : base.minor > 0 || dirty === 2 ? 1 : 2;
      check = (v) => cmp(v) >= 0 && below(upper(level))(v);
    }
  }
  return (v) => prereleaseOk(v) && check(v);
}

/**
 * A constraint (`>=1.19-0`, `^1.2 || ~2.0`) as a check; an error message (semver's) when it does
 * not parse.
 */
export function parseConstraint(text: string): Check | string {
  const alternatives: Check[][] = [];
  for (const alt of text.split("||")) {
    const conds: Check[] = [];
    // Hyphen ranges: `1.2 - 1.4.5` is >=1.2 <=1.4.5.
    const spaced = alt.trim().replace(/(\S+)\s+-\s+(\S+)/g, ">=$1,<=$2");
    for (const piece of spaced
      .replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, "$1")
      .split(/[\s,]+/)
      .filter(Boolean)) {
      const c = condition(piece);
      if (!c) return `improper constraint: ${text}`;
      conds.push(c);
    }
    alternatives.push(conds);
  }
  return (v) => alternatives.some((conds) => conds.every((c) => c(v)));
}
