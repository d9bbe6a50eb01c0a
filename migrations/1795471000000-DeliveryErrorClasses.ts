import { MigrationInterface, QueryRunner } from "typeorm";

/** What an attempt stored as its error was the socket's own message; it becomes the class the organization may see. */
const TO_CLASS = (column: string) => `CASE
    WHEN "${column}" IS NULL THEN NULL
    WHEN "${column}" ~* 'no answer within|timed? ?out' THEN 'TIMEOUT'
    WHEN "${column}" LIKE 'receiver answered %' THEN 'HTTP_STATUS'
    WHEN "${column}" LIKE 'request failed: %' THEN 'NETWORK_ERROR'
    ELSE 'INTERNAL_ERROR'
  END::"public"."delivery_error_class"`;

export class DeliveryErrorClasses1795471000000 implements MigrationInterface {
    name = 'DeliveryErrorClasses1795471000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."delivery_error_class" AS ENUM('TIMEOUT', 'NETWORK_ERROR', 'HTTP_STATUS', 'BLOCKED_ADDRESS', 'SMTP_REJECTED', 'INTERNAL_ERROR')`);
        await queryRunner.query(`ALTER TABLE "delivery_attempts" ALTER COLUMN "error" TYPE "public"."delivery_error_class" USING ${TO_CLASS('error')}`);
        await queryRunner.query(`ALTER TABLE "deliveries" ALTER COLUMN "last_error" TYPE "public"."delivery_error_class" USING ${TO_CLASS('last_error')}`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // The socket messages are gone; the class names stay as text.
        await queryRunner.query(`ALTER TABLE "deliveries" ALTER COLUMN "last_error" TYPE text USING "last_error"::text`);
        await queryRunner.query(`ALTER TABLE "delivery_attempts" ALTER COLUMN "error" TYPE text USING "error"::text`);
        await queryRunner.query(`DROP TYPE "public"."delivery_error_class"`);
    }

}
