// The pieces of the key-space reports that must match redis-cli's C exactly: the type table's dict order (7.0 and
// 7.4), the HdrHistogram of --keystats (expected rows printed by the hdr_histogram C library that redis vendors),
// bytesToHuman, the hot-key eviction pool and the --top list.
import { describe, expect, it } from 'vitest';
import { HdrHistogram } from '../../src/modes/keyspace/hdr-histogram.js';
import { HotKeyPool } from '../../src/modes/keyspace/hotkeys-mode.js';
import { bytesToHuman } from '../../src/modes/keyspace/keystats-report.js';
import { KeyStats } from '../../src/modes/keyspace/keystats-stats.js';
import { RedisDict } from '../../src/modes/redis-dict.js';

describe('RedisDict: redis-cli\'s summary order', () => {
  const order = (generation: '7.0' | '7.4', finds: string[], add?: string) => {
    const d = new RedisDict(generation);
    for (const f of finds) d.find(f);
    if (add) d.add(add);
    return d.order().join(' ');
  };

  it('7.0 (observed with redis-cli 7.0.15: empty db, one key, more keys, a module type)', () => {
    expect(order('7.0', [])).toBe('hash list string stream set zset');
    expect(order('7.0', ['string'])).toBe('string list hash stream set zset');
    expect(order('7.0', ['list', 'hash'])).toBe('list hash string stream set zset');
    expect(order('7.0', Array(20).fill('string'), 'ReJSON-RL')).toBe('list hash string stream set ReJSON-RL zset');
  });

  it('7.4 (observed with redis-cli 7.4.1): lookups rehash the looked-up bucket first', () => {
    expect(order('7.4', [])).toBe('set hash list stream string zset');
    expect(order('7.4', ['string'])).toBe('hash list stream string set zset');
    expect(order('7.4', ['list'])).toBe('set list hash stream string zset');
    expect(order('7.4', ['list', 'hash', 'string', 'string'])).toBe('list hash stream string set zset');
  });
});

describe('HdrHistogram (1 B .. 1 TiB, 4 significant figures)', () => {
  it('iterates percentiles exactly as hdr_iter_percentile_init(h, 1) does', () => {
    const h = new HdrHistogram();
    for (const v of [56, 72, 72, 80, 80, 96, 144, 160, 200, 1080, 4736, 123456, 123457, 99999999, 3, 0]) h.record(v);
    const rows = h.percentiles(1).map((r) => [r.highestEquivalentValue, r.percentile, r.cumulativeCount]);
    expect(rows).toEqual([[0, 0, 1], [96, 50, 8], [1080, 75, 12], [123459, 87.5, 15], [123459, 93.75, 15],
      [100003839, 96.875, 16], [100003839, 100, 16]]);
    expect(h.mean()).toBe(6265967.9375);
    expect(h.stddev()).toBeCloseTo(24202519.553220466, 6);
  });

  it('an empty histogram yields one 100% row with count 0, and a NaN mean', () => {
    const h = new HdrHistogram();
    expect(h.percentiles(1)).toEqual([{ highestEquivalentValue: 0, percentile: 100, cumulativeCount: 0 }]);
    expect(h.mean()).toBeNaN();
  });

  it('refuses values beyond 1 TiB (redis-cli then warns)', () => {
    expect(new HdrHistogram().record(2 ** 41)).toBe(false);
  });
});

describe('bytesToHuman (7.4)', () => {
  it.each([[0, '0B'], [1023, '1023B'], [1024, '1.00K'], [4736, '4.62K'], [1536 * 1024, '1.50M'], [2 ** 30, '1.00G'],
    [2 ** 40, '1.00T'], [-5, '-5B'], [NaN, '--9223372036854775808B'], [615.99, '615B']])('%s -> %s', (n, text) => {
    expect(bytesToHuman(n)).toBe(text);
  });
});

describe('HotKeyPool (findHotKeys eviction pool of 16)', () => {
  it('keeps the 16 hottest, ties below the keys already there, counter 0 never', () => {
    const pool = new HotKeyPool();
    expect(pool.offer(0, () => 'zero')).toBe(false);
    for (let i = 1; i <= 20; i++) pool.offer(i, () => `k${i}`);
    pool.offer(20, () => 'tie');
    const hottest = pool.hottest();
    expect(hottest).toHaveLength(16);
    expect(hottest.slice(0, 3).map((h) => h.key)).toEqual(['k20', 'tie', 'k19']);
    expect(hottest.at(-1)!.key).toBe('k6');
  });
});

describe('KeyStats --top list', () => {
  const top = (limit: bigint, sizes: number[]) => {
    const s = new KeyStats(limit, () => undefined);
    sizes.forEach((size, i) => s.add(Buffer.from(`k${i}`), 'string', size, 1));
    return s.top.map((e) => `${e.key}=${e.size}`);
  };

  it('sorted by size, a tie after the earlier key, trimmed to --top; --top 0 keeps none', () => {
    expect(top(3n, [5, 9, 5, 7, 1])).toEqual(['"k1"=9', '"k3"=7', '"k0"=5']);
    expect(top(10n, [5, 5])).toEqual(['"k0"=5', '"k1"=5']);
    expect(top(0n, [5, 9])).toEqual([]);
  });
});
