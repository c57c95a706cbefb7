/**
 * The watch events waiting to go to the UI, one per object: the UI's replica needs each object's
 * latest state, not every step it went through, so a pod created, bound and started between two
 * messages travels once. A big apply (thousands of pods, each with its events) then posts a
 * fraction of the watch events, in chunks the page can take without freezing.
 */
import type { KubeObject } from "../engine/api/types";
import type { Delta } from "./protocol";

/** Identity of an object across its watch events. */
function keyOf(obj: KubeObject): string {
  return `${obj.kind}/${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`;
}

/**
 * The type a later event leaves once merged with an earlier one still waiting: an object added
 * and then modified is, to a replica that never saw it, added.
 */
export function mergeType(earlier: Delta["type"], later: Delta["type"]): Delta["type"] {
  return earlier === "ADDED" && later === "MODIFIED" ? "ADDED" : later;
}

/** Watch events waiting to be posted, merged per object, oldest change first. */
export class DeltaBuffer {
  private readonly byKey = new Map<string, Delta>();

  /** How many objects have changes waiting. */
  get size(): number {
    return this.byKey.size;
  }

  /** Records a watch event, merging it with a waiting one for the same object. */
  push(type: Delta["type"], object: KubeObject): void {
    const key = keyOf(object);
    const earlier = this.byKey.get(key);
    if (earlier) this.byKey.delete(key);
    this.byKey.set(key, { type: earlier ? mergeType(earlier.type, type) : type, object });
  }

  /**
   * Takes up to max waiting deltas (all when omitted), oldest first, Events after every other
   * kind: after a big apply the canvas's nodes and pods reach the page before their thousands of
   * events.
   */
  take(max = Number.POSITIVE_INFINITY): Delta[] {
    const out: Delta[] = [];
    for (const events of [false, true])
      for (const [key, delta] of this.byKey) {
        if (out.length >= max) return out;
        if ((delta.object.kind === "Event") !== events) continue;
        out.push(delta);
        this.byKey.delete(key);
      }
    return out;
  }

  /** Forgets everything waiting (a new cluster replaces the one they belong to). */
  clear(): void {
    this.byKey.clear();
  }
}
