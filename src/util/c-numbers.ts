// C's atoi()/atof() for flag values: redis-cli reads numbers this forgivingly ("3x" is 3, "abc" is 0).

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
