/** Pods that just left a card, kept for the length of their fade-out. */
import { useEffect, useRef, useState } from "react";
import { recordDeparture } from "./motion";

/** How long a leaving chip stays, in ms (the CSS fade-out lasts as long). */
export const LEAVE_MS = 600;

/** The keys that were in `keys` and are no longer, for LEAVE_MS after they go. */
export function useLeaving(node: string, keys: readonly string[]): string[] {
  const prev = useRef(keys);
  const [leaving, setLeaving] = useState<string[]>([]);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  useEffect(() => {
    const before = prev.current;
    prev.current = keys;
    if (before === keys) return;
    const now = new Set(keys);
    const gone = before.filter((k) => !now.has(k));
    if (gone.length === 0 || gone.length > 60) return;
    const t = performance.now();
    for (const k of gone) recordDeparture(k, node, t);
    setLeaving((l) => [...l.filter((k) => !now.has(k)), ...gone]);
    // Not cleared when keys change again: each batch of leavers has its own timer.
    setTimeout(() => mounted.current && setLeaving((l) => l.filter((k) => !gone.includes(k))), LEAVE_MS);
  }, [node, keys]);
  return leaving;
}
