/**
 * The page's side of persistence: reading a share link from the address, and what the page does
 * when the worker has loaded a cluster or saved one.
 */
import { useStore } from "../store";
import { usePersistence } from "./state";

/** The hash parameters of a share link (as the worker's share.ts writes them): a history to replay, a snapshot. */
const SHARE_PARAMS = /^#([rs])=/;

/** The share-link payload in the page's address (`r=...` or `s=...`), if any. */
export function shareFromLocation(): string | undefined {
  return SHARE_PARAMS.test(location.hash) ? location.hash.slice(1) : undefined;
}

/** The link that opens a payload (`r=...` or `s=...`), on this page. */
export function shareUrl(payload: string): string {
  return `${location.origin}${location.pathname}#${payload}`;
}

/** A cluster was loaded: note its origin and, for a shared link, take the link out of the address. */
export function onClusterLoaded(
  origin: ReturnType<typeof usePersistence.getState>["origin"],
  hasPrevious: boolean,
) {
  usePersistence.setState({ origin, hasPrevious });
  if (origin !== "link") return;
  // A reload now restores the autosave (the shared cluster plus what the person did with it).
  history.replaceState(null, "", location.pathname + location.search);
  useStore.getState().showToast({
    title: "Opened a shared cluster",
    body: hasPrevious
      ? "Your own cluster was kept: Scenario → Restore previous brings it back."
      : "Changes you make are autosaved in this browser.",
    tone: "info",
  });
}

/** The worker wrote the autosave, holding the cluster at simulated time savedClock. */
export function onSaved(savedAt: number, savedClock: number, savedPlaying: boolean): void {
  usePersistence.setState({ savedAt, savedClock, savedPlaying });
}
