/** Mean Earth radius in km, for the haversine distance. */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * SQL for the great-circle distance in km between two points whose coordinates are given as SQL
 * expressions (columns or parameters).
 */
export function haversineSql(lat1: string, lon1: string, lat2: string, lon2: string): string {
  return `(2 * ${EARTH_RADIUS_KM} * asin(sqrt(
    power(sin(radians(${lat2} - ${lat1}) / 2), 2) +
    cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2))))`;
}

/**
 * The latitude/longitude box around a point that contains every point within `radiusKm`; an
 * index on (lat, lon) narrows a search with it before the exact distance is computed.
 */
export function boundingBox(lat: number, lon: number, radiusKm: number) {
  const latDelta = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const lonDelta = latDelta / Math.cos((lat * Math.PI) / 180);
  return { minLat: lat - latDelta, maxLat: lat + latDelta, minLon: lon - lonDelta, maxLon: lon + lonDelta };
}
