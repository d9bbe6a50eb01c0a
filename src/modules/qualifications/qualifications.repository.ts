import { type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { Queryable } from '../../database/prepared-queries';
import { KerntaakEntity } from './kerntaak.entity';
import { QualificationDossierEntity } from './qualification-dossier.entity';
import type { RegisterVersion } from './register-check';

/** The only place `qualification_dossiers` and `qualification_kerntaken` are named. */
export const QualificationsRepository = {
  /** Every version of each crebo, with its werkproces codes, oldest first. */
  async versionsOf(db: Queryable, crebos: readonly string[]): Promise<Map<string, RegisterVersion[]>> {
    const wanted = [...new Set(crebos)];
    const byCrebo = new Map<string, RegisterVersion[]>(wanted.map((crebo) => [crebo, []]));
    if (!wanted.length) return byCrebo;
    const rows = await db.query<{ crebo: string; name: string; valid_from: string; valid_until: string | null; levels: number[]; codes: string[] }>(
      `SELECT d.crebo, d.name, to_char(d.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(d.valid_until, 'YYYY-MM-DD') AS valid_until, d.levels,
              coalesce(array_agg(upper(w ->> 'code')) FILTER (WHERE w IS NOT NULL), '{}') AS codes
         FROM qualification_dossiers d
         LEFT JOIN qualification_kerntaken k ON k.dossier_id = d.id
         LEFT JOIN LATERAL jsonb_array_elements(k.werkprocessen) w ON true
        WHERE d.crebo = ANY($1::text[])
        GROUP BY d.id
        ORDER BY d.crebo, d.valid_from`,
      [wanted],
    );
    for (const row of rows) {
      byCrebo.get(row.crebo)?.push({ crebo: row.crebo, name: row.name, validFrom: row.valid_from, validUntil: row.valid_until, levels: row.levels, werkprocesCodes: row.codes });
    }
    return byCrebo;
  },

  listQuery(manager: EntityManager): SelectQueryBuilder<QualificationDossierEntity> {
    return manager.getRepository(QualificationDossierEntity).createQueryBuilder('dossier');
  },

  dossier(manager: EntityManager, id: string): Promise<QualificationDossierEntity | null> {
    return manager.findOneBy(QualificationDossierEntity, { id });
  },

  versionsOfCrebo(manager: EntityManager, crebo: string): Promise<QualificationDossierEntity[]> {
    return manager.find(QualificationDossierEntity, { where: { crebo }, order: { validFrom: 'ASC' } });
  },

  /** Locks a crebo's versions (any number of savers of one crebo go one at a time). */
  async lockCrebo(manager: EntityManager, crebo: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('qualification_dossiers:' || $1))`, [crebo]);
  },

  kerntakenOf(manager: EntityManager, dossierIds: string[]): Promise<KerntaakEntity[]> {
    if (!dossierIds.length) return Promise.resolve([]);
    return manager.find(KerntaakEntity, { where: { dossierId: In(dossierIds) }, order: { code: 'ASC' } });
  },

  async save(manager: EntityManager, dossier: Partial<QualificationDossierEntity>, kerntaken: Pick<KerntaakEntity, 'code' | 'title' | 'werkprocessen'>[]): Promise<QualificationDossierEntity> {
    const saved = await manager.save(QualificationDossierEntity, manager.create(QualificationDossierEntity, dossier));
    await manager.delete(KerntaakEntity, { dossierId: saved.id });
    if (kerntaken.length) await manager.insert(KerntaakEntity, kerntaken.map((kerntaak) => ({ ...kerntaak, dossierId: saved.id })));
    return saved;
  },
};
