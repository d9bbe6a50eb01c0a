import { MigrationInterface, QueryRunner } from "typeorm";

export class SsoConfigurations1795482500000 implements MigrationInterface {
    name = 'SsoConfigurations1795482500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sso_configurations" ("organization_id" uuid NOT NULL, "issuer" character varying(500) NOT NULL, "client_id" character varying(255) NOT NULL, "client_secret_sealed" bytea NOT NULL, "allowed_domains" character varying array NOT NULL, "create_unknown_users" boolean NOT NULL DEFAULT false, "new_user_role" "public"."membership_role" NOT NULL DEFAULT 'STAFF', "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_382729c4290b67808a0792e213f" PRIMARY KEY ("organization_id"))`);
        await queryRunner.query(`ALTER TABLE "sso_configurations" ADD CONSTRAINT "FK_382729c4290b67808a0792e213f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "sso_configurations" DROP CONSTRAINT "FK_382729c4290b67808a0792e213f"`);
        await queryRunner.query(`DROP TABLE "sso_configurations"`);
    }

}
