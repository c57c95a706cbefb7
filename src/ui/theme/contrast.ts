/**
 * Colour maths for checking the theme's tokens (sRGB hex, #rgb or #rrggbb): WCAG 2.x contrast
 * (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio, #dfn-relative-luminance), blending, and
 * CIE76 colour distance.
 */

/** WCAG AA: body text needs 4.5:1, large text (≥ 18.66 px bold or 24 px) and UI parts 3:1. */
export const AA_TEXT = 4.5;
/** WCAG AA for large text and non-text parts (borders, icons, focus rings). */
export const AA_LARGE = 3;

/** The red, green and blue channels (0–255) of a hex colour, or undefined if it is not one. */
export function parseHex(hex: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) return undefined;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance (0 black … 1 white). */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio of two hex colours (1 … 21); throws on a colour that is not hex (a bug in the caller). */
export function contrast(a: string, b: string): number {
  const ca = parseHex(a);
  const cb = parseHex(b);
  if (!ca || !cb) throw new Error(`not a hex colour: ${ca ? b : a}`);
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour t of the way from a to b (0 gives a, 1 gives b), as hex: how a half-transparent a looks over b. */
export function mix(a: string, b: string, t: number): string {
  const ca = parseHex(a);
  const cb = parseHex(b);
  if (!ca || !cb) throw new Error(`not a hex colour: ${ca ? b : a}`);
  return `#${ca
    .map((v, i) =>
      Math.round(v * (1 - t) + (cb[i] as number) * t)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** CIE L*a*b* of an sRGB hex colour (D65). */
function lab(hex: string): [number, number, number] {
  const c = parseHex(hex);
  if (!c) throw new Error(`not a hex colour: ${hex}`);
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ].map((t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t) / 116 + 16 / 116)) as [
    number,
    number,
    number,
  ];
  return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
}

/** How far apart two colours look (CIE76 ΔE: about 2.3 is just noticeable, above 20 clearly different). */
export function deltaE(a: string, b: string): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}
