/** Level of detail: the zoom levels at which the canvas changes what it draws. */

/** At or above this zoom a card shows its pod chips; below, a count/heat summary. */
export const DETAIL_ZOOM = 0.45;
/** Below this zoom the whole cluster is one overview picture (a heat cell per node), not cards. */
export const OVERVIEW_ZOOM = 0.2;
