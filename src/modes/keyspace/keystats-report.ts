// redis-cli 7.4's --keystats report, section by section (displayKeyStats and friends), through cleanPrintfln: on a
// terminal each call starts with "erase line"; the progress bar is colored on a terminal and plain text otherwise.
import { cFixed } from '../../util/c-printf.js';
import type { KeyStats } from './keystats-stats.js';
import { LENGTH_BOUNDS } from './keystats-stats.js';

const INT64_MIN = '-9223372036854775808';

/** bytesToHuman (7.4): 1003B, 4.03K, 100.00M, 2.32G, 3.01T. A double is truncated to long long as C does. */
export function bytesToHuman(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 2 ** 63) return `-${INT64_MIN}B`; // (long long)NaN is INT64_MIN; -n overflows
  n = Math.trunc(n);
  const sign = n < 0 ? '-' : '';
  n = Math.abs(n);
  if (n < 1024) return `${sign}${n}B`;
  const units: Array<[number, string]> = [[1024 ** 2, 'K'], [1024 ** 3, 'M'], [1024 ** 4, 'G'], [1024 ** 5, 'T']];
  for (const [limit, unit] of units) if (n < limit) return `${sign}${cFixed(n / (limit / 1024), 2)}${unit}`;
  return `${sign}${cFixed(n / 1024 ** 4, 2)}T`;
}

const left = (s: string, w: number) => s.padEnd(w);
const right = (s: string, w: number) => s.padStart(w);

/** cleanPrintfln: the text, one "\n"-ended line per piece, each call prefixed by "erase line" on a terminal. */
export class CleanPrinter {
  text = '';

  constructor(readonly tty: boolean, private readonly warn: (line: string) => void) {}

  /** Prints and returns the number of lines. */
  line(s = ''): number {
    if (this.tty) this.text += '\x1b[2K\r';
    if (Buffer.byteLength(s, 'latin1') >= 1024) {
      this.warn('Warning: String was trimmed in cleanPrintln');
      s = s.slice(0, 1023);
    }
    this.text += `${s}\n`;
    return s.split('\n').length;
  }
}

export function progressBar(p: CleanPrinter, sampled: number, total: number): number {
  const done = total ? (sampled < total ? sampled / total : 1) : 0;
  let bar = 'keys scanned';
  if (p.tty) {
    const width = Math.round(60 * done);
    bar = `\x1b[32m${'|'.repeat(width)}\x1b[31m${'-'.repeat(60 - width)}\x1b[39m`;
  }
  return p.line(`${cFixed(done * 100, 2, 6)}% ${bar}`) + p.line(`Keys sampled: ${sampled}`);
}

/** displayKeyStats: progress, total size, top sizes, biggest per type by memory and by length. */
export function keyStatsHead(p: CleanPrinter, s: KeyStats, total: number): number {
  let n = progressBar(p, s.sampled, total);
  n += p.line(`Keys size:    ${bytesToHuman(s.totalSize)}`) + p.line();
  n += p.line(`--- Top ${s.topLabel} key sizes ---`);
  s.top.forEach((e, i) => {
    n += p.line(`${right(String(i + 1), 3)} ${right(bytesToHuman(e.size), 8)} ${left(e.type, 10)} ${e.key}${e.node ? ` on ${e.node}` : ''}`);
  });
  n += p.line() + p.line('--- Top size per type ---');
  for (const t of s.memory.ordered()) {
    if (t.biggestKey !== undefined) n += p.line(`${left(t.name, 10)} ${t.biggestKey} is ${bytesToHuman(t.biggest)}${node(t.biggestNode)}`);
  }
  n += p.line() + p.line('--- Top length and cardinality per type ---');
  for (const t of s.length.ordered()) {
    if (t.biggestKey === undefined) continue;
    const size = t.sizeUnit === 'bytes' ? bytesToHuman(t.biggest) : `${t.biggest} ${t.sizeUnit}`;
    n += p.line(`${left(t.name, 10)} ${t.biggestKey} has ${size}${node(t.biggestNode)}`);
  }
  return n;
}

const node = (address: string | undefined) => (address ? ` on ${address}` : '');

/** displayKeyStatsSizeDist: the key size percentiles, one row per change of the cumulative count. */
export function sizeDistribution(p: CleanPrinter, s: KeyStats): void {
  p.line('Key size Percentile Total keys');
  p.line('-------- ---------- -----------');
  let last = 0;
  for (const row of s.sizes.percentiles(1)) {
    if (row.cumulativeCount === last) continue;
    const percentile = row.cumulativeCount === s.sizes.totalCount ? 100 : row.percentile;
    p.line(`${right(bytesToHuman(row.highestEquivalentValue), 8)} ${cFixed(percentile, 4, 9)}% ${right(String(row.cumulativeCount), 11)}`);
    last = row.cumulativeCount;
  }
  p.line(`Note: 0.01% size precision, Mean: ${bytesToHuman(s.sizes.mean())}, StdDeviation: ${bytesToHuman(s.sizes.stddev())}`);
}

/** displayKeyStatsLengthDist: key name lengths per bucket, cumulated. */
export function lengthDistribution(p: CleanPrinter, s: KeyStats): void {
  const d = s.names;
  p.line('Key name length Percentile Total keys');
  p.line('--------------- ---------- -----------');
  let keys = 0;
  LENGTH_BOUNDS.forEach((bound, i) => {
    if (!d.counts[i]) return;
    keys += d.counts[i]!;
    p.line(`${right(bytesToHuman(Math.min(bound, d.maxSize)), 15)} ${cFixed((100 * keys) / d.totalCount, 4, 9)}% ${right(String(keys), 11)}`);
  });
  if (keys < d.totalCount) p.line(`           inf ${cFixed(100, 4, 9)}% ${right(String(d.totalCount), 11)}`);
  const avg = d.totalCount ? bytesToHuman(Math.floor(d.totalSize / d.totalCount)) : '0';
  p.line(`Total key length is ${bytesToHuman(d.totalSize)} (${avg} avg)`);
}

/** displayKeyStatsType: one row per type that has keys. */
export function typeTable(p: CleanPrinter, s: KeyStats): void {
  p.line('Type        Total keys  Keys % Tot size Avg size  Total length/card Avg ln/card');
  p.line('--------- ------------ ------- -------- -------- ------------------ -----------');
  for (const mem of s.memory.ordered()) {
    if (!mem.count) continue;
    let [length, avgLength] = [' - ', ' - '];
    const len = s.length.get(mem.name);
    if (len?.sizeCmd && len.count) {
      const avg = len.totalSize / len.count;
      if (len.sizeUnit === 'bytes') [length, avgLength] = [bytesToHuman(len.totalSize), bytesToHuman(Math.round(avg))];
      else [length, avgLength] = [`${len.totalSize} ${len.sizeUnit}`, cFixed(avg, 2)];
    }
    const share = s.sampled ? (100 * mem.count) / s.sampled : 0;
    p.line(`${left(mem.name, 10)} ${right(String(mem.count), 11)} ${cFixed(share, 2, 6)}% ${right(bytesToHuman(mem.totalSize), 8)} `
      + `${right(bytesToHuman(Math.floor(mem.totalSize / mem.count)), 8)} ${right(length, 18)} ${right(avgLength, 11)}`);
  }
}
