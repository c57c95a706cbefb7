/**
 * Digits of pi with BigInt arithmetic (Machin's formula, pi = 16·atan(1/5) − 4·atan(1/239)), as
 * Math::BigFloat's bpi(N) gives them: N significant digits, rounded half to even.
 */

function arctanInverse(x: bigint, scale: bigint): bigint {
  // atan(1/x) · scale = Σ (−1)^k / ((2k+1)·x^(2k+1)) · scale
  let term = scale / x;
  const x2 = x * x;
  let sum = term;
  let sign = -1n;
  for (let k = 3n; term !== 0n; k += 2n) {
    term /= x2;
    sum += (sign * term) / k;
    sign = -sign;
  }
  return sum;
}

/** Pi to `digits` significant digits (`bpi(5)` → "3.1416"). */
export function piDigits(digits: number): string {
  if (digits < 1) return "0";
  const guard = 10;
  const scale = 10n ** BigInt(digits - 1 + guard);
  const pi = 16n * arctanInverse(5n, scale) - 4n * arctanInverse(239n, scale);
  // Round pi·10^(digits-1) half to even from the guard digits.
  const unit = 10n ** BigInt(guard);
  let q = pi / unit;
  const r = pi % unit;
  const half = unit / 2n;
  if (r > half || (r === half && q % 2n === 1n)) q += 1n;
  const s = q.toString();
  return s.length > 1 ? `${s[0]}.${s.slice(1)}` : s;
}
