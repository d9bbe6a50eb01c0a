import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MigrationInterface, QueryRunner } from 'typeorm';

const CSV = join('migrations', 'data', 'nl-pc4.csv');

/** The folder above this file (compiled or not) that holds migrations/data/nl-pc4.csv. */
function findCsv(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, CSV))) return join(dir, CSV);
  }
  throw new Error(`${CSV} not found above ${from}`);
}

/** Splits one RFC 4180 line; only the municipality "Nuenen, Gerwen en Nederwetten" is quoted. */
function parseLine(line: string): string[] {
  return [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
    .slice(0, 6)
    .map(([, field]) => (field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field));
}

/**
 * Loads the 4,086 Dutch PC4 areas with their centroids.
 * Postcode data: GeoNames (https://www.geonames.org/), licensed under CC BY 4.0; see
 * migrations/data/nl-pc4.SOURCE.md for how it was derived.
 */
export class LoadPostcodes1795443825780 implements MigrationInterface {
  name = 'LoadPostcodes1795443825780';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = readFileSync(findCsv(__dirname), 'utf8').trim().split('\n').slice(1).map(parseLine);
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500);
      const values = batch.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`);
      await queryRunner.query(
        `INSERT INTO "postcodes" ("pc4", "lat", "lon", "place", "municipality", "province") VALUES ${values.join(', ')}`,
        batch.flat(),
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "postcodes"`);
  }
}
