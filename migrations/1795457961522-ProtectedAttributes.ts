import { MigrationInterface, QueryRunner } from "typeorm";

export class ProtectedAttributes1795457961522 implements MigrationInterface {
    name = 'ProtectedAttributes1795457961522'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "protected_attributes" ("student_id" uuid NOT NULL, "ciphertext" bytea NOT NULL, "iv" bytea NOT NULL, "auth_tag" bytea NOT NULL, "consent_given_on" date NOT NULL, "recorded_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8e6452b23c2a084597cc40b3c9f" PRIMARY KEY ("student_id"))`);
        await queryRunner.query(`ALTER TABLE "protected_attributes" ADD CONSTRAINT "FK_8e6452b23c2a084597cc40b3c9f" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "protected_attributes" DROP CONSTRAINT "FK_8e6452b23c2a084597cc40b3c9f"`);
        await queryRunner.query(`DROP TABLE "protected_attributes"`);
    }

}
