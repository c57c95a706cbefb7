/**
 * Cron schedules as robfig/cron's standard parser reads them (the parser the CronJob controller
 * uses): five fields (minute hour day-of-month month day-of-week) or a descriptor (@hourly,
 * @daily, @midnight, @weekly, @monthly, @yearly, @annually, @every <duration>). Times are UTC.
 */

/** A parsed schedule: allowed values per field, or a fixed interval for @every. */
export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** Day-of-month or day-of-week was "*" or "?" (then both must match; else either). */
  domStar: boolean;
  dowStar: boolean;
  /** @every: seconds between runs. */
  everySeconds?: number;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

interface Bounds {
  min: number;
  max: number;
  names?: string[];
  namesFrom?: number;
}

function parseValue(s: string, b: Bounds): number {
  const lower = s.toLowerCase();
  if (b.names) {
    const i = b.names.indexOf(lower);
    if (i >= 0) return i + (b.namesFrom ?? 0);
  }
  if (!/^\d+$/.test(s))
    throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  return Number(s);
}

/** getRange / getField: "*", "?", "a", "a-b", with "/step"; comma-separated. */
function parseField(field: string, b: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(",")) {
    const [range, stepText, ...more] = expr.split("/");
    if (more.length) throw new Error(`too many slashes: ${expr}`);
    const [lowText, highText, ...extra] = (range as string).split("-");
    if (extra.length) throw new Error(`too many hyphens: ${expr}`);
    let start: number;
    let end: number;
    let isStar = false;
    if (lowText === "*" || lowText === "?") {
      start = b.min;
      end = b.max;
      isStar = true;
    } else {
      start = parseValue(lowText as string, b);
      end = highText !== undefined ? parseValue(highText, b) : start;
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) throw new Error(`failed to parse int from ${stepText}`);
      step = Number(stepText);
      if (highText === undefined && !isStar) end = b.max;
      if (step > 1) isStar = false;
    }
    if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
    if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
    if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
    if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
    for (let v = start; v <= end; v += step) values.add(v);
    if (isStar) star = true;
  }
  return { values, star };
}

const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let total = 0;
  let consumed = "";
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    total += m[2] === "h" ? n * 3600 : m[2] === "m" ? n * 60 : m[2] === "s" ? n : n / 1000;
    consumed += m[0];
  }
  if (!text || consumed !== text)
    throw new Error(`failed to parse duration ${text}: time: invalid duration "${text}"`);
  return total;
}

/** cron.ParseStandard. Throws an Error with robfig's message on a bad spec. */
export function parseSchedule(spec: string): Schedule {
  let text = spec.trim();
  if (text.startsWith("TZ=") || text.startsWith("CRON_TZ=")) {
    const i = text.indexOf(" ");
    text = text.slice(i + 1).trim();
  }
  if (text.startsWith("@every ")) {
    const seconds = parseDuration(text.slice(7).trim());
    return {
      minute: new Set(),
      hour: new Set(),
      dom: new Set(),
      month: new Set(),
      dow: new Set(),
      domStar: true,
      dowStar: true,
      everySeconds: Math.max(1, Math.floor(seconds)),
    };
  }
  if (text.startsWith("@")) {
    const d = DESCRIPTORS[text];
    if (!d) throw new Error(`unrecognized descriptor: ${text}`);
    text = d;
  }
  const fields = text.split(/\s+/).filter(Boolean);
  if (fields.length !== 5)
    throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
  const [mi, h, dom, mo, dow] = fields as [string, string, string, string, string];
  const d = parseField(dom, { min: 1, max: 31 });
  const w = parseField(dow, { min: 0, max: 6, names: DAYS });
  return {
    minute: parseField(mi, { min: 0, max: 59 }).values,
    hour: parseField(h, { min: 0, max: 23 }).values,
    dom: d.values,
    month: parseField(mo, { min: 1, max: 12, names: MONTHS, namesFrom: 1 }).values,
    dow: w.values,
    domStar: d.star,
    dowStar: w.star,
  };
}

function dayMatches(s: Schedule, date: Date): boolean {
  const domMatch = s.dom.has(date.getUTCDate());
  const dowMatch = s.dow.has(date.getUTCDay());
  if (s.domStar || s.dowStar) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** SpecSchedule.Next: the first activation strictly after t (ms); undefined if none within 5 years. */
export function nextAfter(s: Schedule, t: number): number | undefined {
  if (s.everySeconds !== undefined) {
    // ConstantDelaySchedule: whole seconds after t.
    return Math.floor(t / 1000) * 1000 + s.everySeconds * 1000;
  }
  const d = new Date(Math.floor(t / 60000) * 60000 + 60000);
  const yearLimit = d.getUTCFullYear() + 5;
  for (;;) {
    if (d.getUTCFullYear() > yearLimit) return undefined;
    if (!s.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime();
  }
}

/**
 * mostRecentScheduleTime: the latest activation in (earliest, now], and how many were missed
 * (more than one means the controller was behind).
 */
export function mostRecentScheduleTime(
  s: Schedule,
  earliest: number,
  now: number,
): { time: number | undefined; missed: number } {
  let t = nextAfter(s, earliest);
  if (t === undefined || t > now) return { time: undefined, missed: 0 };
  let last = t;
  let missed = 1;
  for (;;) {
    t = nextAfter(s, last);
    if (t === undefined || t > now) break;
    last = t;
    missed++;
    if (missed > 1000) break;
  }
  return { time: last, missed };
}
