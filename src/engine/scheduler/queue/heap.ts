/** A binary heap with removal by key (backend/heap). */
export class Heap<T> {
  private items: T[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i];
  }

  /** Adds or replaces (by key) an item. */
  push(item: T): void {
    const k = this.keyOf(item);
    const i = this.index.get(k);
    if (i !== undefined) {
      this.items[i] = item;
      this.fix(i);
      return;
    }
    this.items.push(item);
    this.index.set(k, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  /** The smallest item, removed. */
  pop(): T | undefined {
    if (this.items.length === 0) return undefined;
    const top = this.items[0] as T;
    this.removeAt(0);
    return top;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  delete(key: string): T | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const item = this.items[i] as T;
    this.removeAt(i);
    return item;
  }

  values(): T[] {
    return [...this.items];
  }

  private removeAt(i: number): void {
    const last = this.items.pop() as T;
    this.index.delete(this.keyOf(this.items[i] ?? last));
    if (i < this.items.length) {
      this.items[i] = last;
      this.index.set(this.keyOf(last), i);
      this.fix(i);
    } else this.index.delete(this.keyOf(last));
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a] as T;
    const y = this.items[b] as T;
    this.items[a] = y;
    this.items[b] = x;
    this.index.set(this.keyOf(y), a);
    this.index.set(this.keyOf(x), b);
  }

  private up(i: number): boolean {
    let moved = false;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.items[i] as T, this.items[p] as T)) break;
      this.swap(i, p);
      i = p;
      moved = true;
    }
    return moved;
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(this.items[l] as T, this.items[m] as T)) m = l;
      if (r < n && this.less(this.items[r] as T, this.items[m] as T)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
