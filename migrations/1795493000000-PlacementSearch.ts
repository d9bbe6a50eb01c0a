import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Full-text search on placements (issue #19): `search_document`, a Dutch tsvector of the title
 * (weight A), the company's name and the werkprocessen (B) and the description (C), kept by the
 * database itself: a trigger on placements computes it on every write of those columns, and one on
 * organizations recomputes a company's placements when its name changes (placements keep no copy
 * of the name the application could forget to update). A GIN index serves `@@`.
 */
export class PlacementSearch1795493000000 implements MigrationInterface {
    name = 'PlacementSearch1795493000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "placements" ADD "search_document" tsvector`);
        await queryRunner.query(`
            CREATE FUNCTION placement_search_document(title text, description text, werkprocessen text[], company_id uuid) RETURNS tsvector
            LANGUAGE sql STABLE AS $$
              SELECT setweight(to_tsvector('dutch', coalesce(title, '')), 'A')
                  || setweight(to_tsvector('dutch', coalesce((SELECT name FROM organizations WHERE id = company_id), '')), 'B')
                  || setweight(to_tsvector('dutch', array_to_string(coalesce(werkprocessen, '{}'), ' ')), 'B')
                  || setweight(to_tsvector('dutch', coalesce(description, '')), 'C')
            $$`);
        await queryRunner.query(`
            CREATE FUNCTION placements_search_document_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.search_document := placement_search_document(NEW.title, NEW.description, NEW.werkprocessen, NEW.company_id);
              RETURN NEW;
            END $$`);
        await queryRunner.query(`
            CREATE TRIGGER placements_search_document BEFORE INSERT OR UPDATE OF title, description, werkprocessen, company_id ON placements
            FOR EACH ROW EXECUTE FUNCTION placements_search_document_trigger()`);
        await queryRunner.query(`
            CREATE FUNCTION organizations_name_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE placements SET search_document = placement_search_document(title, description, werkprocessen, company_id)
               WHERE company_id = NEW.id;
              RETURN NULL;
            END $$`);
        await queryRunner.query(`
            CREATE TRIGGER organizations_name_search AFTER UPDATE OF name ON organizations
            FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION organizations_name_search_trigger()`);
        await queryRunner.query(`UPDATE placements SET search_document = placement_search_document(title, description, werkprocessen, company_id)`);
        await queryRunner.query(`CREATE INDEX "placements_search_document_gin" ON "placements" USING gin ("search_document")`);
        // Keyset pages of the main lists: the sort key and the id (the tie-break) in one index.
        await queryRunner.query(`CREATE INDEX "students_school_created_keyset" ON "students" ("school_id", "created_at", "id")`);
        await queryRunner.query(`CREATE INDEX "placements_published_start_keyset" ON "placements" ("start_date", "id") WHERE status = 'PUBLISHED'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "placements_published_start_keyset"`);
        await queryRunner.query(`DROP INDEX "students_school_created_keyset"`);
        await queryRunner.query(`DROP INDEX "placements_search_document_gin"`);
        await queryRunner.query(`DROP TRIGGER organizations_name_search ON organizations`);
        await queryRunner.query(`DROP FUNCTION organizations_name_search_trigger()`);
        await queryRunner.query(`DROP TRIGGER placements_search_document ON placements`);
        await queryRunner.query(`DROP FUNCTION placements_search_document_trigger()`);
        await queryRunner.query(`DROP FUNCTION placement_search_document(text, text, text[], uuid)`);
        await queryRunner.query(`ALTER TABLE "placements" DROP COLUMN "search_document"`);
    }
}
