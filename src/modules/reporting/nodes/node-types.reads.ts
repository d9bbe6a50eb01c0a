import { Injectable } from '@nestjs/common';
import { Transactions } from '../../../database/transactions';

/**
 * The table of each type `node(id)` refetches. Ids are random UUIDs, so an id is in at most one of
 * them; reporting may read every table, so the one statement that finds an id's type lives here.
 */
export const NODE_TABLES = {
  Accreditation: 'accreditations',
  AccreditationRefusal: 'accreditation_refusals',
  Agreement: 'agreements',
  AgreementCommitment: 'agreement_commitments',
  ApiKey: 'api_keys',
  AuditEntry: 'audit_log',
  Branch: 'branches',
  ContactMoment: 'contact_moments',
  ComplianceEvaluation: 'compliance_evaluations',
  DiscriminationReport: 'discrimination_reports',
  DiscriminationReportTransition: 'discrimination_report_transitions',
  HourWeek: 'internship_hour_weeks',
  Internship: 'internships',
  InternshipAssessment: 'internship_assessments',
  InternshipEvaluation: 'internship_evaluations',
  InternshipRegistration: 'internship_registrations',
  Invitation: 'invitations',
  MatchRound: 'match_rounds',
  NormSet: 'norm_sets',
  Organization: 'organizations',
  Placement: 'placements',
  Pok: 'poks',
  Proposal: 'proposals',
  QualificationDossier: 'qualification_dossiers',
  SchoolTask: 'school_tasks',
  Student: 'students',
  Trainer: 'trainers',
  TrainerAssignment: 'trainer_assignments',
  User: 'users',
} as const;
export type NodeTypeName = keyof typeof NODE_TABLES;

/** Where a type's Node id is not its table's primary key: the audit log's key is its bigint sequence. */
const NODE_ID_COLUMNS: Readonly<Record<string, string>> = { AuditEntry: 'node_id' };

@Injectable()
export class NodeTypesReads {
  constructor(private readonly transactions: Transactions) {}

  /**
   * The type of each id that exists (one statement, a primary-key probe per table); unknown ids are
   * absent. `tables`: every node type's table, these and the self-registered (NodeLookups).
   */
  async typesOf(ids: string[], tables: Record<string, string>): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const union = Object.entries(tables)
      .map(([type, table]) => {
        const id = NODE_ID_COLUMNS[type] ?? 'id';
        return `SELECT ${id} AS id, '${type}' AS type FROM ${table} WHERE ${id} = ANY($1::uuid[])`;
      })
      .join(' UNION ALL ');
    const rows = await this.transactions.manager.query<{ id: string; type: string }[]>(union, [ids]);
    return new Map(rows.map((row) => [row.id, row.type]));
  }
}
