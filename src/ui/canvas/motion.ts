/**
 * What the chips' enter and leave animations need to know, kept outside React: pods already seen
 * (so a card scrolled back into view does not replay its fade-in), and the owner groups that
 * just lost a pod on some node (so a replacement elsewhere shows as a move).
 */

const seen = new Set<string>();
const departures = new Map<string, { node: string; at: number }>();
/** The owner group of each pod key drawn so far (a deleted pod's object is gone by the time it leaves). */
const groups = new Map<string, string>();

/** How long after a departure a new pod of the same group counts as moved, in ms. */
const MOVE_WINDOW_MS = 4000;

/** How a chip enters: not at all (already seen, or not recently created), fading in, or moving from another node. */
export type Entrance = "none" | "new" | "moved";

/**
 * Records that a pod chip is drawn and says how it should enter. `fresh` says the pod was
 * created moments ago in simulated time (a snapshot's pods, or a card scrolled into view, are not).
 */
export function entranceOf(
  key: string,
  group: string | undefined,
  node: string,
  fresh: boolean,
  now: number,
): Entrance {
  if (group) groups.set(key, group);
  if (seen.has(key)) return "none";
  seen.add(key);
  if (!fresh) return "none";
  const d = group ? departures.get(group) : undefined;
  if (d && d.node !== node && now - d.at < MOVE_WINDOW_MS) {
    departures.delete(group as string);
    return "moved";
  }
  return "new";
}

/** Records that a pod left a node (evicted, deleted or moved). */
export function recordDeparture(key: string, node: string, now: number): void {
  const group = groups.get(key);
  if (group) departures.set(group, { node, at: now });
  seen.delete(key);
}
