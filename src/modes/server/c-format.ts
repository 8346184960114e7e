// glibc printf's %.Nf (exact binary value, ties to even), %-Ns / %Ns padding and redis-cli's bytesToHuman (7.0).

/**
 * printf("%.<digits>f", x) as glibc prints it: the exact value of the double, rounded half to even. JavaScript's
 * toFixed rounds exact ties up (0.125 -> "0.13"), glibc gives "0.12". NaN and infinities print as C does.
 */
export function cFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const negative = x < 0 || Object.is(x, -0);
  const { mantissa, exponent } = decompose(Math.abs(x));
  const scale = 10n ** BigInt(digits);
  let q: bigint;
  if (exponent >= 0) {
    q = (mantissa << BigInt(exponent)) * scale;
  } else {
    const den = 1n << BigInt(-exponent);
    const num = mantissa * scale;
    q = num / den;
    const twice = (num % den) * 2n;
    if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  }
  let text = q.toString().padStart(digits + 1, '0');
  if (digits > 0) text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${text}` : text;
}

/** x = mantissa * 2^exponent exactly, for a finite x >= 0. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** printf("%0<width>.<digits>f"): zero-padded to width (NaN and infinities are space-padded, as glibc does). */
export function cFixedZeroPad(x: number, digits: number, width: number): string {
  const text = cFixed(x, digits);
  if (!Number.isFinite(x)) return text.padStart(width, ' ');
  const sign = text.startsWith('-') ? '-' : '';
  return sign + text.slice(sign.length).padStart(width - sign.length, '0');
}

/** printf("%-<width>s"). */
export function padRight(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** printf("%<width>s"). */
export function padLeft(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

/**
 * redis-cli 7.0's bytesToHuman: B, K, M, G with two decimals. At 1 TiB and above no branch matches and the buffer
 * keeps what was in it before (`previous`): --stat shows the keys column's text again there, as redis-cli does.
 */
export function bytesToHuman(n: number, previous = ''): string {
  const sign = n < 0 ? '-' : '';
  const v = Math.abs(n);
  if (v < 1024) return `${sign}${v}B`;
  if (v < 1024 * 1024) return `${sign}${cFixed(v / 1024, 2)}K`;
  if (v < 1024 * 1024 * 1024) return `${sign}${cFixed(v / (1024 * 1024), 2)}M`;
  if (v < 1024 * 1024 * 1024 * 1024) return `${sign}${cFixed(v / (1024 * 1024 * 1024), 2)}G`;
  return sign + previous.slice(sign.length);
}
