/** The default base map: OpenStreetMap's tiles (the server's TILE_URL replaces it). */
export const DEFAULT_TILE_URL = 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png';
