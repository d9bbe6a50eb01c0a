import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../common/auth/roles';
import { Clock } from '../../../common/clock/clock';
import { NotFoundError } from '../../../common/errors/domain-errors';
import { Transactions } from '../../../database/transactions';
import { MY_DATA_SECTIONS } from './my-data.sections';

/** One section of the export: a kind of record and every row of it held about her. */
export interface MyDataSectionRows {
  name: string;
  description: string;
  rows: Record<string, unknown>[];
}

export interface MyDataExport {
  studentId: string;
  generatedAt: Date;
  sections: MyDataSectionRows[];
}

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** Column names as the API spells its fields (camelCase), nested objects alike; arrays and values kept. */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [camel(key), camelKeys(item)]));
}

/**
 * GDPR article 15 (issue #17): everything held about the student signed in as herself, section by
 * section (`MY_DATA_SECTIONS`), read in one transaction.
 */
@Injectable()
export class MyDataReads {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async export(actor: Actor): Promise<MyDataExport> {
    if (!actor.studentId) throw new NotFoundError('Student');
    const { studentId, userId } = { studentId: actor.studentId, userId: actor.userId };
    const generatedAt = this.clock.now();
    return this.transactions.run(async () => {
      const db = this.transactions.manager;
      const sections: MyDataSectionRows[] = [];
      for (const section of MY_DATA_SECTIONS) {
        // Both parameters named in every statement (a statement binds exactly those it names).
        const rows = await db.query<{ row: Record<string, unknown> }[]>(`WITH her AS (SELECT $1::uuid AS student_id, $2::uuid AS user_id) ${section.sql}`, [studentId, userId]);
        sections.push({ name: section.name, description: section.description, rows: rows.map((row) => camelKeys(row.row) as Record<string, unknown>) });
      }
      return { studentId, generatedAt, sections };
    });
  }
}
