// C's atoi()/atof()/strtoull() for flag values: redis-cli reads numbers this forgivingly ("3x" is 3, "abc" is 0).

/** Leading whitespace, optional sign, digits; anything after them is ignored. */
export function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number.parseInt(m[1], 10) : 0;
}

/** A leading decimal number, or 0. */
export function atof(s: string): number {
  const n = Number.parseFloat(s.trim());
  return Number.isFinite(n) ? n : 0;
}

/** strtoull() the way redis-cli reads --cursor and --top: the value and whether characters were left over. */
export function strtoull(text: string): { value: bigint; rest: string; negative: boolean } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d*)([\s\S]*)$/.exec(text)!;
  const digits = m[2]!;
  if (digits === '') return { value: 0n, rest: text, negative: false };
  const max = (1n << 64n) - 1n;
  let value = BigInt(digits);
  if (value > max) value = max;
  const negative = m[1] === '-';
  if (negative && value !== max) value = (max + 1n - value) & max;
  return { value, rest: m[3]!, negative };
}
