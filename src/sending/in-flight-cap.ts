// At most `size` SES calls in flight at once. A Worker invocation may have six outbound
// connections waiting for answers; a seventh fetch is held by the runtime until one
// answers, and so would reach SES later than its slot, crowding the next second. With
// this cap the waiting happens here, where a call that waited too long can still give
// up its slot instead of going out late.
export class InFlightCap {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** Waits for room, then runs `call` holding it. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await call();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
