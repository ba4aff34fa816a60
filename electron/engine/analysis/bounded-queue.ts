/**
 * A FIFO of at most `capacity` items between one producer (a decoder pipe) and its consumers.
 * The producer checks `isFull` and stops reading when it is; `onSpace` tells it when to read
 * again. Consumers `take()`; when the producer fails, every pending and later take() rejects —
 * roboflow/supervision's queue leaves a consumer blocked forever when its producer thread dies,
 * and a hung analysis job is worse than a failed one.
 */
export interface BoundedQueueOptions {
  capacity: number;
  /** onSpace fires when the size drops to this after having been full (hysteresis); default capacity - 1. */
  lowWater?: number;
  onSpace?: () => void;
}

interface Waiter<T> {
  resolve: (result: IteratorResult<T, undefined>) => void;
  reject: (error: unknown) => void;
}

export class BoundedQueue<T> {
  readonly capacity: number;
  readonly #lowWater: number;
  readonly #onSpace: (() => void) | undefined;
  // A ring buffer: shift() on an array is O(n) and push/shift churn allocates.
  readonly #ring: (T | undefined)[];
  #head = 0;
  #size = 0;
  #highWater = 0;
  #wasFull = false;
  #ended = false;
  #endError: { error: unknown } | undefined;
  #failure: { error: unknown } | undefined;
  readonly #waiters: Waiter<T>[] = [];

  constructor(options: BoundedQueueOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${options.capacity}`);
    }
    this.capacity = options.capacity;
    this.#lowWater = Math.min(Math.max(options.lowWater ?? options.capacity - 1, 0), options.capacity - 1);
    this.#onSpace = options.onSpace;
    this.#ring = new Array<T | undefined>(options.capacity).fill(undefined);
  }

  get size(): number {
    return this.#size;
  }

  /** The largest size the queue ever reached: tests use it to prove memory stayed bounded. */
  get highWater(): number {
    return this.#highWater;
  }

  get isFull(): boolean {
    return this.#size >= this.capacity;
  }

  /** True once end() or fail() was called: push() is no longer allowed. */
  get isClosed(): boolean {
    return this.#ended || this.#failure !== undefined;
  }

  /** Adds an item; a producer that pushes into a full or closed queue has a bug, so this throws. */
  push(item: T): void {
    if (this.isClosed) throw new Error('push after end/fail');
    const waiter = this.#waiters.shift();
    if (waiter) {
      waiter.resolve({ value: item, done: false });
      return;
    }
    if (this.isFull) throw new Error(`push into a full queue (capacity ${this.capacity})`);
    this.#ring[(this.#head + this.#size) % this.capacity] = item;
    this.#size += 1;
    if (this.#size > this.#highWater) this.#highWater = this.#size;
    if (this.isFull) this.#wasFull = true;
  }

  /** The next item; `done` after end() once drained; rejects after fail(). */
  take(): Promise<IteratorResult<T, undefined>> {
    if (this.#failure) return Promise.reject(this.#failure.error);
    if (this.#size > 0) {
      const item = this.#ring[this.#head] as T;
      this.#ring[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.capacity;
      this.#size -= 1;
      if (this.#wasFull && this.#size <= this.#lowWater) {
        this.#wasFull = false;
        this.#onSpace?.();
      }
      return Promise.resolve({ value: item, done: false });
    }
    if (this.#endError) return Promise.reject(this.#endError.error);
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /**
   * No more items will come; queued items are still delivered. Then takes resolve `done`, or
   * reject with `error` when given: the producer got this far and then hit a problem (a video
   * that ends early), and its last items are still worth having.
   */
  end(error?: unknown): void {
    if (this.isClosed) return;
    this.#ended = true;
    if (error !== undefined) this.#endError = { error };
    for (const waiter of this.#waiters.splice(0)) {
      if (error !== undefined) waiter.reject(error);
      else waiter.resolve({ value: undefined, done: true });
    }
  }

  /**
   * The producer died or the consumer gave up: every pending and later take() rejects with
   * `error`. Returns the items that were still queued so the owner can recycle them.
   */
  fail(error: unknown): T[] {
    if (this.#failure) return [];
    this.#failure = { error };
    const dropped: T[] = [];
    while (this.#size > 0) {
      dropped.push(this.#ring[this.#head] as T);
      this.#ring[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.capacity;
      this.#size -= 1;
    }
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
    return dropped;
  }
}
