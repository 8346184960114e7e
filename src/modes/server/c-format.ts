// printf's %-Ns padding and redis-cli's bytesToHuman (7.0), for the server modes' reports.
import { cFixed } from '../../util/c-printf.js';

/** printf("%-<width>s"). */
export function padRight(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
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
