import { describe, expect, it } from "vitest";
import { Clock } from "./clock";
import { Rng } from "./random";

describe("Clock", () => {
  it("fires timers in time order, ties in insertion order", () => {
    const clock = new Clock(0);
    const fired: string[] = [];
    clock.after(2, () => fired.push("b"));
    clock.after(1, () => fired.push("a1"));
    clock.after(1, () => fired.push("a2"));
    while (clock.fireNext(10_000));
    expect(fired).toEqual(["a1", "a2", "b"]);
    expect(clock.now()).toBe(2000);
  });

  it("does not fire timers past the limit and never goes back", () => {
    const clock = new Clock(1000);
    let fired = false;
    clock.after(5, () => {
      fired = true;
    });
    expect(clock.fireNext(3000)).toBe(false);
    expect(fired).toBe(false);
    clock.moveTo(500);
    expect(clock.now()).toBe(1000);
  });

  it("fires timers scheduled for the current instant by a firing timer", () => {
    const clock = new Clock(0);
    const fired: number[] = [];
    clock.after(1, () => {
      fired.push(1);
      clock.after(0, () => fired.push(2));
    });
    clock.fireNext(1000);
    expect(fired).toEqual([1, 2]);
  });

  it("reuses a fired timer when asked, never a pending or cancelled one", () => {
    const clock = new Clock(0);
    const fired: string[] = [];
    // A process waking each second re-arms the timer that just woke it, from inside its callback.
    let spent: ReturnType<Clock["at"]> | undefined;
    let n = 0;
    const tick = (): void => {
      fired.push(`tick@${clock.now()}`);
      if (++n < 3) spent = clock.at(clock.now() + 1000, tick, "tick", spent);
    };
    spent = clock.at(1000, tick, "tick");
    const first = spent;
    while (clock.fireNext(10_000));
    expect(fired).toEqual(["tick@1000", "tick@2000", "tick@3000"]);
    expect(spent).toBe(first);

    // A cancelled timer still sits in its instant's queue: reusing it would fire it there too.
    const cancelled = clock.at(5000, () => fired.push("cancelled"));
    clock.cancel(cancelled);
    const fresh = clock.at(4000, () => fired.push("fresh"), "", cancelled);
    expect(fresh).not.toBe(cancelled);
    // So is a pending one.
    const pending = clock.at(6000, () => fired.push("pending"));
    expect(clock.at(7000, () => fired.push("other"), "", pending)).not.toBe(pending);
    while (clock.fireNext(10_000));
    expect(fired.slice(3)).toEqual(["fresh", "pending", "other"]);
  });

  it("skips cancelled timers", () => {
    const clock = new Clock(0);
    const fired: number[] = [];
    const id = clock.after(1, () => fired.push(1));
    clock.after(2, () => fired.push(2));
    clock.cancel(id);
    while (clock.fireNext(5000));
    expect(fired).toEqual([2]);
    expect(clock.pending()).toBe(0);
  });

  it("formats timestamps as the API server does", () => {
    const clock = new Clock(Date.parse("2026-01-01T00:00:00Z") + 1234);
    expect(clock.timestamp()).toBe("2026-01-01T00:00:01Z");
    expect(clock.microTimestamp()).toBe("2026-01-01T00:00:01.234000Z");
  });
});

describe("Rng", () => {
  it("is deterministic per seed", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it("makes generated-name suffixes from apimachinery's alphabet and v4 uuids", () => {
    const rng = new Rng(7);
    for (let i = 0; i < 50; i++) expect(rng.nameSuffix()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
