import { boundingBox, EARTH_RADIUS_KM } from './distance';

describe('boundingBox', () => {
  const utrecht = { lat: 52.0886, lon: 5.1174 };

  it('spans the radius north–south and, wider in degrees, east–west', () => {
    const box = boundingBox(utrecht.lat, utrecht.lon, 10);
    const kmPerDegreeLat = (Math.PI / 180) * EARTH_RADIUS_KM;
    expect((box.maxLat - utrecht.lat) * kmPerDegreeLat).toBeCloseTo(10, 6);
    expect(box.maxLon - utrecht.lon).toBeGreaterThan(box.maxLat - utrecht.lat);
  });

  it('leaves Groningen outside a 10 km box around Utrecht and inside a 200 km one', () => {
    const groningen = { lat: 53.2167, lon: 6.5697 };
    const inside = (radius: number) => {
      const box = boundingBox(utrecht.lat, utrecht.lon, radius);
      return groningen.lat <= box.maxLat && groningen.lon <= box.maxLon && groningen.lat >= box.minLat && groningen.lon >= box.minLon;
    };
    expect(inside(10)).toBe(false);
    expect(inside(200)).toBe(true);
  });
});
