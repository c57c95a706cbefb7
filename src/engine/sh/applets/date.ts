/**
 * date: coreutils src/date.c and busybox coreutils/date.c in the C locale, on the virtual clock,
 * always UTC (containers have no TZ). Default format `%a %b %e %H:%M:%S %Z %Y`.
 */
import { type Applet, complain, getopt, has, last, type Parsed, usage } from "./common";
import { dayName, monthName } from "./fileinfo";

const FULL_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const FULL_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The default output format of both. */
export const DATE_DEFAULT_FORMAT = "%a %b %e %H:%M:%S %Z %Y";

/** strftime in the C locale for UTC (with %N nanoseconds and %s epoch seconds, as GNU has). */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, "0");
  const yday = Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const h12 = d.getUTCHours() % 12 || 12;
  const isoWeek = () => {
    const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    const day = t.getUTCDay() || 7;
    t.setUTCDate(t.getUTCDate() + 4 - day);
    const y = t.getUTCFullYear();
    return { week: Math.ceil(((t.getTime() - Date.UTC(y, 0, 1)) / 86_400_000 + 1) / 7), year: y };
  };
  const conv = (c: string): string | undefined => {
    switch (c) {
      case "a":
        return dayName(d.getUTCDay());
      case "A":
        return FULL_DAYS[d.getUTCDay()] as string;
      case "b":
        return monthName(d.getUTCMonth());
      case "h":
        return monthName(d.getUTCMonth());
      case "B":
        return FULL_MONTHS[d.getUTCMonth()] as string;
      case "c":
        return strftime("%a %b %e %H:%M:%S %Y", ms);
      case "C":
        return p2(Math.floor(d.getUTCFullYear() / 100));
      case "d":
        return p2(d.getUTCDate());
      case "D":
        return strftime("%m/%d/%y", ms);
      case "e":
        return String(d.getUTCDate()).padStart(2);
      case "F":
        return strftime("%Y-%m-%d", ms);
      case "G":
        return String(isoWeek().year);
      case "H":
        return p2(d.getUTCHours());
      case "I":
        return p2(h12);
      case "j":
        return String(yday).padStart(3, "0");
      case "k":
        return String(d.getUTCHours()).padStart(2);
      case "l":
        return String(h12).padStart(2);
      case "m":
        return p2(d.getUTCMonth() + 1);
      case "M":
        return p2(d.getUTCMinutes());
      case "n":
        return "\n";
      case "N":
        return String((ms % 1000) * 1_000_000).padStart(9, "0");
      case "p":
        return d.getUTCHours() < 12 ? "AM" : "PM";
      case "P":
        return d.getUTCHours() < 12 ? "am" : "pm";
      case "r":
        return strftime("%I:%M:%S %p", ms);
      case "R":
        return strftime("%H:%M", ms);
      case "s":
        return String(Math.floor(ms / 1000));
      case "S":
        return p2(d.getUTCSeconds());
      case "t":
        return "\t";
      case "T":
        return strftime("%H:%M:%S", ms);
      case "u":
        return String(d.getUTCDay() || 7);
      case "V":
        return p2(isoWeek().week);
      case "w":
        return String(d.getUTCDay());
      case "x":
        return strftime("%m/%d/%y", ms);
      case "X":
        return strftime("%H:%M:%S", ms);
      case "y":
        return p2(d.getUTCFullYear() % 100);
      case "Y":
        return String(d.getUTCFullYear());
      case "z":
        return "+0000";
      case "Z":
        return "UTC";
      case "%":
        return "%";
    }
    return undefined;
  };
  return format.replace(/%(:?)([-_0^#]?)([a-zA-Z%])/g, (m, colon: string, flag: string, c: string) => {
    if (colon) return c === "z" ? "+00:00" : m;
    const v = conv(c);
    if (v === undefined) return m;
    let s = v;
    if (flag === "-") s = s.replace(/^[0 ]+(?=.)/, "");
    else if (flag === "_") s = s.replace(/^0+(?=.)/, (z) => " ".repeat(z.length));
    else if (flag === "^") s = s.toUpperCase();
    return s;
  });
}

const UNIT_MS: Record<string, number> = {
  sec: 1000,
  second: 1000,
  min: 60_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  fortnight: 1_209_600_000,
};

/** GNU's relative items: `2 hours ago`, `+1 day`, `-30 min`, `tomorrow`, `yesterday`, `next week`. */
function relative(t: string, now: number): number | undefined {
  const day = Math.floor(now / 86_400_000) * 86_400_000;
  const named: Record<string, number> = {
    now,
    today: now,
    yesterday: now - 86_400_000,
    tomorrow: now + 86_400_000,
  };
  if (t in named) return named[t];
  if (t === "midnight" || t === "today 00:00") return day;
  let total = 0;
  let rest = t;
  const item =
    /^\s*(?:(next|last)\s+|([-+]?\d+)\s*)?(sec|second|min|minute|hour|day|week|fortnight|month|year)s?(\s+ago)?/;
  let matched = false;
  for (let m = item.exec(rest); m && rest.trim(); m = item.exec(rest)) {
    matched = true;
    const n = m[1] === "next" ? 1 : m[1] === "last" ? -1 : Number(m[2] ?? 1);
    const sign = m[4] ? -1 : 1;
    const unit = m[3] as string;
    if (unit === "month" || unit === "year") {
      const d = new Date(now + total);
      if (unit === "month") d.setUTCMonth(d.getUTCMonth() + sign * n);
      else d.setUTCFullYear(d.getUTCFullYear() + sign * n);
      total = d.getTime() - now;
    } else total += sign * n * (UNIT_MS[unit] as number);
    rest = rest.slice(m[0].length);
  }
  return matched && !rest.trim() ? now + total : undefined;
}

/**
 * Parses `-d` input: `@SECONDS` and ISO dates and times (both), GNU's relative items (GNU only:
 * busybox's date takes no `2 hours ago`); undefined when invalid.
 */
export function parseDate(text: string, now: number, flavour: "busybox" | "gnu" = "gnu"): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === "") return now;
  const rel = flavour === "gnu" ? relative(t, now) : undefined;
  if (rel !== undefined) return rel;
  const at = /^@(-?\d+(?:\.\d+)?)$/.exec(t);
  if (at) return Math.round(Number(at[1]) * 1000);
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|z|UTC|utc|[+-]\d{2}:?\d{2})?$/.exec(
      t,
    );
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = iso;
    let ms = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s),
      Number(`0.${frac}`) * 1000,
    );
    if (zone && /^[+-]/.test(zone)) {
      const z = zone.replace(":", "");
      ms -=
        (Number(z.slice(0, 3)) * 60 + Math.sign(Number(z.slice(0, 3)) || 1) * Number(z.slice(3))) * 60_000;
    }
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** `date [-u] [-R] [-I[SPEC]] [-d STRING] [+FORMAT]`. */
export const date: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  const args = ctx.argv.slice(1).map((a) => (/^-I\w+$/.test(a) ? `--iso-8601=${a.slice(2)}` : a));
  try {
    p = getopt(args, "uRd:s:Ir:D:", {
      utc: "u",
      universal: "u",
      "rfc-email": "R",
      "date=": "d",
      "iso-8601=": "I",
      "iso-8601": "I",
      "rfc-3339=": "rfc3339",
      "set=": "s",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const now = ctx.sys.now();
  let ms = now;
  const d = last(p, "d");
  if (d !== undefined) {
    const parsed = parseDate(d, now, flavour);
    if (parsed === undefined) {
      complain(ctx, `invalid date '${d}'`);
      return 1;
    }
    ms = parsed;
  }
  if (has(p, "s")) {
    complain(
      ctx,
      flavour === "gnu"
        ? "cannot set date: Operation not permitted"
        : "can't set date: Operation not permitted",
    );
    return 1;
  }
  const plus = p.operands.find((o) => o.startsWith("+"));
  const other = p.operands.find((o) => !o.startsWith("+"));
  if (other !== undefined) {
    complain(ctx, flavour === "gnu" ? `invalid date '${other}'` : `invalid date '${other}'`);
    return 1;
  }
  let format = DATE_DEFAULT_FORMAT;
  if (plus) format = plus.slice(1);
  else if (has(p, "R")) format = "%a, %d %b %Y %H:%M:%S %z";
  else if (has(p, "I")) {
    const spec = last(p, "I") || "date";
    format =
      { date: "%F", hours: "%FT%H%:z", minutes: "%FT%H:%M%:z", seconds: "%FT%T%:z", ns: "%FT%T,%N%:z" }[
        spec
      ] ?? "%F";
  } else if (has(p, "rfc3339")) format = last(p, "rfc3339") === "date" ? "%F" : "%F %T%:z";
  ctx.stdout.write(`${strftime(format, ms)}\n`);
  return 0;
};
