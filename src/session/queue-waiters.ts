// Promises that resolve once a queue has become shorter than each one's limit: back-pressure for whoever fills it.

export class QueueWaiters {
  private readonly waiting: Array<{ limit: number; wake(): void }> = [];

  /** Resolves once the queue is shorter than `limit` (at once when `length` already is). */
  below(limit: number, length: number): Promise<void> {
    if (length < limit) return Promise.resolve();
    return new Promise((wake) => this.waiting.push({ limit, wake }));
  }

  /** The queue's length changed: wakes every waiter whose limit it is now under. */
  lengthNow(length: number): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (length < this.waiting[i]!.limit) this.waiting.splice(i, 1)[0]!.wake();
    }
  }
}
