// A small isolate cache of promised values: the oldest entry goes once it is full, and a
// load that fails is forgotten, so the next caller tries again instead of getting the error.
export class PromiseCache<K, V> {
  private readonly entries = new Map<K, Promise<V>>();

  constructor(private readonly capacity: number) {}

  /** The value for `key`, loaded once by `load` while it stays cached. */
  get(key: K, load: () => Promise<V>): Promise<V> {
    let value = this.entries.get(key);
    if (!value) {
      value = load();
      value.catch(() => {
        if (this.entries.get(key) === value) this.entries.delete(key);
      });
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
