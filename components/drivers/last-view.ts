/** Where the drivers table keeps its last view (path and query) for the drill-down's way back. */
export const LAST_VIEW_KEY = 'fleetpulse:drivers-view';
