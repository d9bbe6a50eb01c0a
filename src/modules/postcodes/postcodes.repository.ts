import type { DataSource, EntityManager } from 'typeorm';
import { PostcodeEntity } from './postcode.entity';

/** The only place `postcodes` (CBS PC4 centroids, reference data a migration loads) is named. */
export const PostcodesRepository = {
  area(manager: EntityManager, pc4: string): Promise<PostcodeEntity | null> {
    return manager.findOneBy(PostcodeEntity, { pc4 });
  },

  /** Which of these PC4 codes exist (one statement). */
  async existing(db: Pick<DataSource, 'query'>, pc4s: readonly string[]): Promise<Set<string>> {
    const rows = await db.query<{ pc4: string }[]>('SELECT pc4 FROM postcodes WHERE pc4 = ANY($1::text[])', [[...new Set(pc4s)]]);
    return new Set(rows.map((row) => row.pc4));
  },

  async isProvince(db: Pick<DataSource, 'query'>, region: string): Promise<boolean> {
    const [known] = await db.query<unknown[]>('SELECT 1 FROM postcodes WHERE province = $1 LIMIT 1', [region]);
    return Boolean(known);
  },
};
