// C printf's `%W.Pf` for doubles as glibc prints them: exact binary value, exact ties rounded half to even, nan/inf.

/** How many times 2 divides n (n > 0). */
function twos(n: bigint): number {
  let k = 0;
  while ((n & 1n) === 0n) { n >>= 1n; k++; }
  return k;
}

/** The double as m * 2^e with m a (53-bit) integer; x finite and > 0. */
function decompose(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) m |= 1n << 52n;
  return { m, e: (biased === 0 ? 1 : biased) - 1075 };
}

/** True when |x| * 10^p lies exactly half way between two integers (where toFixed and glibc differ). */
function isExactTie(x: number, p: number): boolean {
  if (x === 0) return false;
  const { m, e } = decompose(Math.abs(x));
  // x * 10^p = m * 10^p * 2^e is k + 1/2 exactly when m * 10^p has exactly -(e + 1) factors of two.
  return twos(m * 10n ** BigInt(p)) === -(e + 1);
}

/** The digits of |x| at precision p, rounded as glibc does (toFixed is exact except that it rounds ties up). */
function fixedDigits(ax: number, p: number): string {
  const up = ax.toFixed(p);
  if (!isExactTie(ax, p)) return up;
  const digits = BigInt(up.replace('.', ''));
  if ((digits & 1n) === 0n) return up;
  const down = (digits - 1n).toString().padStart(p + 1, '0');
  return p === 0 ? down : `${down.slice(0, -p)}.${down.slice(-p)}`;
}

/**
 * printf("%<width>.<precision>f", x) with glibc's results, e.g. cFixed(0.125, 2) = "0.12", cFixed(5.5, 2, 5, true) =
 * "05.50" (`%05.2f`), cFixed(NaN, 2, 5, true) = " -nan" for 0.0/0.0 on x86 (the zero flag does not apply to nan/inf).
 */
export function cFixed(x: number, precision: number, width = 0, zeroPad = false): string {
  if (!Number.isFinite(x)) {
    // 0.0/0.0 on x86-64 yields the "default NaN", which has its sign bit set: glibc prints "-nan".
    const text = Number.isNaN(x) ? '-nan' : x < 0 ? '-inf' : 'inf';
    return text.padStart(width, ' ');
  }
  const negative = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  // toFixed switches to exponent notation from 1e21 on; such values never reach these reports, but stay exact.
  const body = ax < 1e21 ? fixedDigits(ax, precision) : BigInt(ax).toString() + (precision ? `.${'0'.repeat(precision)}` : '');
  const sign = negative ? '-' : '';
  if (sign.length + body.length >= width) return sign + body;
  return zeroPad ? sign + body.padStart(width - sign.length, '0') : (sign + body).padStart(width, ' ');
}
