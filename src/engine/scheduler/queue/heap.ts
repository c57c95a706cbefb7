/** A binary heap with removal by key (backend/heap). */

/** Where an item sits in its heap, kept on the item so moves need no map update. */
const POS = Symbol("heap position");
type Positioned = { [POS]?: number };

export class Heap<T extends object> {
  private items: T[] = [];
  private readonly byKey = new Map<string, T>();

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  /** Adds or replaces (by key) an item. */
  push(item: T): void {
    const k = this.keyOf(item);
    const old = this.byKey.get(k);
    this.byKey.set(k, item);
    if (old !== undefined) {
      const i = (old as Positioned)[POS] as number;
      this.place(item, i);
      this.fix(i);
      return;
    }
    this.items.push(item);
    (item as Positioned)[POS] = this.items.length - 1;
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
    const item = this.byKey.get(key);
    if (item === undefined) return undefined;
    this.removeAt((item as Positioned)[POS] as number);
    return item;
  }

  values(): T[] {
    return [...this.items];
  }

  private place(item: T, i: number): void {
    this.items[i] = item;
    (item as Positioned)[POS] = i;
  }

  private removeAt(i: number): void {
    const removed = this.items[i] as T;
    this.byKey.delete(this.keyOf(removed));
    const last = this.items.pop() as T;
    if (i < this.items.length) {
      this.place(last, i);
      this.fix(i);
    }
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a] as T;
    this.place(this.items[b] as T, a);
    this.place(x, b);
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
