/** Seeded randomness (mulberry32): the same seed gives the same sequence, run after run. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The generator's position: new Rng(position()) draws what this one draws next. */
  position(): number {
    return this.state;
  }

  /** Moves the generator to a position (as position() gave it): it draws on from there. */
  seek(position: number): void {
    this.state = position >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A string of n characters drawn from alphabet. */
  chars(n: number, alphabet: string): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  /** The suffix of a generated name, as apimachinery's utilrand.String (no vowels, no confusables). */
  nameSuffix(n = 5): string {
    return this.chars(n, "bcdfghjklmnpqrstvwxz2456789");
  }

  /** A version-4 UUID. */
  uuid(): string {
    // 32 hex digits then the variant, drawn as chars(32) and int(4) would draw them; the
    // version and variant digits take the places of hex digits 12 and 16.
    const c = UUID_CODES;
    let j = 0;
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) j++;
      c[j++] = HEX_CODES[this.int(16)] as number;
    }
    c[14] = 0x34; // "4"
    c[19] = "89ab".charCodeAt(this.int(4));
    return String.fromCharCode.apply(null, c as unknown as number[]);
  }
}

const HEX_CODES = Array.from("0123456789abcdef", (ch) => ch.charCodeAt(0));
// The uuid being built: 36 character codes with the dashes in place.
const UUID_CODES: number[] = Array.from("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", (ch) => ch.charCodeAt(0));
