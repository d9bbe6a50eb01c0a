import { Injectable } from '@nestjs/common';
import { Transactions } from '../../../database/transactions';

/**
 * The table of each type `node(id)` refetches. Ids are random UUIDs, so an id is in at most one of
 * them; reporting may read every table, so the one statement that finds an id's type lives here.
 */
export const NODE_TABLES = {
  Accreditation: 'accreditations',
  Agreement: 'agreements',
  Branch: 'branches',
  DiscriminationReport: 'discrimination_reports',
  Internship: 'internships',
  InternshipRegistration: 'internship_registrations',
  MatchRound: 'match_rounds',
  NormSet: 'norm_sets',
  Organization: 'organizations',
  Placement: 'placements',
  Pok: 'poks',
  Proposal: 'proposals',
  SchoolTask: 'school_tasks',
  Student: 'students',
  Trainer: 'trainers',
  TrainerAssignment: 'trainer_assignments',
  User: 'users',
} as const;
export type NodeTypeName = keyof typeof NODE_TABLES;

@Injectable()
export class NodeTypesReads {
  constructor(private readonly transactions: Transactions) {}

  /** The type of each id that exists (one statement, a primary-key probe per table); unknown ids are absent. */
  async typesOf(ids: string[]): Promise<Map<string, NodeTypeName>> {
    if (!ids.length) return new Map();
    const union = Object.entries(NODE_TABLES)
      .map(([type, table]) => `SELECT id, '${type}' AS type FROM ${table} WHERE id = ANY($1::uuid[])`)
      .join(' UNION ALL ');
    const rows = await this.transactions.manager.query<{ id: string; type: NodeTypeName }[]>(union, [ids]);
    return new Map(rows.map((row) => [row.id, row.type]));
  }
}
