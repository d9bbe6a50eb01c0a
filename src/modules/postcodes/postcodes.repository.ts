import type { DataSource, EntityManager } from 'typeorm';
import { PostcodeEntity } from './postcode.entity';

/** The only place `postcodes` (CBS PC4 centroids, reference data a migration loads) is named. */
export const PostcodesRepository = {
  area(manager: EntityManager, pc4: string): Promise<PostcodeEntity | null> {
    return manager.findOneBy(PostcodeEntity, { pc4 });
  },

  async isProvince(db: Pick<DataSource, 'query'>, region: string): Promise<boolean> {
    const [known] = await db.query<unknown[]>('SELECT 1 FROM postcodes WHERE province = $1 LIMIT 1', [region]);
    return Boolean(known);
  },
};
