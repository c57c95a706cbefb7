/**
 * When the heavy panels (Monaco, 4 MB; xterm) may load: after the first cluster has been drawn, so
 * that on a small machine their download and compilation do not hold back the first node card.
 */
import { useEffect, useState } from "react";
import { useStore } from "./store";

/** Real milliseconds after which the panels load anyway (an engine that never answers, a hidden tab). */
const AT_THE_LATEST_MS = 8000;

/** True from the frame after the first snapshot was drawn (or AT_THE_LATEST_MS after mounting). */
export function useAfterFirstCluster(): boolean {
  const connected = useStore((s) => s.connected);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready) return;
    const latest = setTimeout(() => setReady(true), AT_THE_LATEST_MS);
    return () => clearTimeout(latest);
  }, [ready]);
  useEffect(() => {
    if (!connected || ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame that draws the cluster, then a task after it: the cards are on screen by then.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [connected, ready]);
  return ready;
}
