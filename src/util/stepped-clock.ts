// The wall clock, or for tests one that moves on by `stepMs` at every reading (an IAM token ages 11 hours at once).

export function steppedClock(stepMs: number): () => number {
  if (stepMs <= 0) return Date.now;
  let skew = 0;
  return () => Date.now() + (skew += stepMs);
}
