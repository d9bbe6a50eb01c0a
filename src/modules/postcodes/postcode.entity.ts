import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Dutch 4-digit postcode area with its centroid. Loaded by a migration from
 * `migrations/data/nl-pc4.csv` — Postcode data: GeoNames (https://www.geonames.org/), CC BY 4.0.
 */
@Entity('postcodes')
@Index(['lat', 'lon'])
export class PostcodeEntity {
  @PrimaryColumn({ type: 'char', length: 4 })
  pc4: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'text' })
  place: string;

  @Column({ type: 'text' })
  municipality: string;

  @Column({ type: 'text' })
  province: string;
}
