// The HdrHistogram redis-cli 7.4's --keystats records key sizes in (1 B .. 1 TiB, 4 significant figures): fixed memory.

/** One row of the percentile iteration (ticks per half distance 1), as displayKeyStatsSizeDist reads it. */
export interface PercentileRow {
  highestEquivalentValue: number;
  percentile: number;
  cumulativeCount: number;
}

const clz64 = (v: number): number => {
  const hi = Math.floor(v / 2 ** 32);
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(v >>> 0);
};

/**
 * hdr_init(1, 1 TiB, 4): unit magnitude 0, 32768 sub-buckets, counts in a Float64Array (exact up to 2^53). Values
 * are below 2^53 (key sizes), so plain numbers replace C's int64 arithmetic.
 */
export class HdrHistogram {
  private readonly subBucketHalfCountMagnitude: number;
  private readonly subBucketHalfCount: number;
  private readonly subBucketCount: number;
  private readonly subBucketMask: number;
  private readonly counts: Float64Array;
  totalCount = 0;

  constructor(highestTrackable = 2 ** 40, significantFigures = 4) {
    const largestSingleUnit = 2 * 10 ** significantFigures;
    const subBucketCountMagnitude = Math.ceil(Math.log(largestSingleUnit) / Math.log(2));
    this.subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
    this.subBucketCount = 2 ** (this.subBucketHalfCountMagnitude + 1);
    this.subBucketHalfCount = this.subBucketCount / 2;
    this.subBucketMask = this.subBucketCount - 1;
    let smallestUntrackable = this.subBucketCount;
    let bucketCount = 1;
    while (smallestUntrackable <= highestTrackable) { smallestUntrackable *= 2; bucketCount++; }
    this.counts = new Float64Array((bucketCount + 1) * this.subBucketHalfCount);
  }

  private bucketIndex(value: number): number {
    // value | sub_bucket_mask: the mask is below 2^32, so OR the low word only.
    const low = (value % 2 ** 32) | this.subBucketMask;
    const ored = value - (value % 2 ** 32) + (low >>> 0);
    return 64 - clz64(ored) - (this.subBucketHalfCountMagnitude + 1);
  }

  private countsIndexFor(value: number): number {
    const bucket = this.bucketIndex(value);
    const sub = Math.floor(value / 2 ** bucket);
    return ((bucket + 1) * 2 ** this.subBucketHalfCountMagnitude) + (sub - this.subBucketHalfCount);
  }

  private valueAtIndex(index: number): number {
    let bucket = Math.floor(index / 2 ** this.subBucketHalfCountMagnitude) - 1;
    let sub = (index & (this.subBucketHalfCount - 1)) + this.subBucketHalfCount;
    if (bucket < 0) { sub -= this.subBucketHalfCount; bucket = 0; }
    return sub * 2 ** bucket;
  }

  /** lowest_equivalent_value and the size of its range. */
  private range(value: number): { lowest: number; size: number } {
    const bucket = this.bucketIndex(value);
    const sub = Math.floor(value / 2 ** bucket);
    const adjusted = sub >= this.subBucketCount ? bucket + 1 : bucket;
    return { lowest: sub * 2 ** bucket, size: 2 ** adjusted };
  }

  /** hdr_record_values; false when the value is outside the trackable range (redis-cli then warns). */
  record(value: number, count = 1): boolean {
    if (value < 0) return false;
    const index = this.countsIndexFor(value);
    if (index < 0 || index >= this.counts.length) return false;
    this.counts[index]! += count;
    this.totalCount += count;
    return true;
  }

  private median(value: number): number {
    const { lowest, size } = this.range(value);
    return lowest + Math.floor(size / 2);
  }

  /** hdr_mean: the count-weighted mean of each bucket's median equivalent value. */
  mean(): number {
    let total = 0;
    this.forEachRecorded((value, count) => { total += count * this.median(value); });
    return total / this.totalCount;
  }

  /** hdr_stddev around hdr_mean. */
  stddev(): number {
    const mean = this.mean();
    let sum = 0;
    this.forEachRecorded((value, count) => {
      const dev = this.median(value) - mean;
      sum += dev * dev * count;
    });
    return Math.sqrt(sum / this.totalCount);
  }

  private forEachRecorded(fn: (value: number, count: number) => void): void {
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i]) fn(this.valueAtIndex(i), this.counts[i]!);
  }

  /** hdr_iter_percentile_init(ticks) + every hdr_iter_next that returns true, repeats included (the caller skips them). */
  percentiles(ticksPerHalfDistance = 1): PercentileRow[] {
    const rows: PercentileRow[] = [];
    const it = { index: -1, count: 0, cumulative: 0, highest: 0, toIterateTo: 0, percentile: 0, seenLast: false };
    const total = this.totalCount;
    const basicNext = (): boolean => {
      if (it.cumulative >= total || it.index >= this.counts.length) return false;
      it.index++; // move_next
      if (it.index >= this.counts.length) return true;
      it.count = this.counts[it.index]!;
      it.cumulative += it.count;
      const { lowest, size } = this.range(this.valueAtIndex(it.index));
      it.highest = lowest + size - 1;
      return true;
    };
    const next = (): boolean => {
      if (it.cumulative >= total) {
        if (it.seenLast) return false;
        it.seenLast = true;
        it.percentile = 100;
        return true;
      }
      if (it.index === -1 && !basicNext()) return false;
      do {
        const current = (100 * it.cumulative) / total;
        if (it.count !== 0 && it.toIterateTo <= current) {
          it.percentile = it.toIterateTo;
          const temp = Math.trunc(Math.log(100 / (100 - it.toIterateTo)) / Math.log(2)) + 1;
          // At 100% C converts inf to INT64_MIN, so the next target becomes inf: never reached again.
          it.toIterateTo = Number.isFinite(temp) ? it.toIterateTo + 100 / (ticksPerHalfDistance * 2 ** temp) : Infinity;
          return true;
        }
      } while (basicNext());
      return true;
    };
    while (next()) rows.push({ highestEquivalentValue: it.highest, percentile: it.percentile, cumulativeCount: it.cumulative });
    return rows;
  }
}
