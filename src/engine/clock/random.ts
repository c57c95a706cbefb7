/** Seeded randomness (mulberry32): the same seed gives the same sequence, run after run. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
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
    const h = this.chars(32, "0123456789abcdef");
    const variant = "89ab"[this.int(4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
