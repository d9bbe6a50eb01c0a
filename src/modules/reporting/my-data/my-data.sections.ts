/**
 * What `myData` exports (GDPR article 15, issue #17): everything held about the student signed in
 * as herself, one section per kind of record. Each section is one SQL statement over every table it
 * needs (reporting reads every table, writes none) returning one `row` (jsonb) per record, with
 * `$1` her student id and `$2` her user id. A statement selects only rows that are hers, and within
 * them nothing that names another student: to add a kind of record, add one entry here (and, when
 * it is audited under its own entity type, one line to `AUDITED_AS_HERS`).
 */
export interface MyDataSection {
  /** The key in the export, camelCase. */
  name: string;
  description: string;
  sql: string;
}

/** Her internships (matched or self-found), for the sections about them. */
const HER_INTERNSHIPS = `SELECT id FROM internships WHERE student_id = $1`;

/**
 * Audit entries about her: the entity types audited for her own records, with the statement that
 * lists her ids of that type. (The audit log is indexed by entity type and id.)
 */
export const AUDITED_AS_HERS: Record<string, string> = {
  student: `SELECT $1::uuid AS id`,
  user: `SELECT $2::uuid AS id`,
  invitation: `SELECT id FROM invitations WHERE student_id = $1`,
  proposal: `SELECT id FROM proposals WHERE student_id = $1`,
  internship: HER_INTERNSHIPS,
  internship_registration: `SELECT id FROM internship_registrations WHERE student_id = $1`,
  pok: `SELECT id FROM poks WHERE internship_id IN (${HER_INTERNSHIPS})`,
  trainer_assignment: `SELECT id FROM trainer_assignments WHERE student_id = $1`,
  discrimination_report: `SELECT id FROM discrimination_reports WHERE student_id = $1 AND filed_by_student`,
};

const auditedAsHers = Object.entries(AUDITED_AS_HERS)
  .map(([type, ids]) => `SELECT '${type}'::text AS entity_type, id::text AS entity_id FROM (${ids}) ids`)
  .join('\n UNION ALL ');

export const MY_DATA_SECTIONS: MyDataSection[] = [
  {
    name: 'account',
    description: 'Your account: e-mail, name, role, language, your school (never the password hash)',
    sql: `SELECT (to_jsonb(u) - 'password_hash') || jsonb_build_object('school', o.name) AS row
            FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $2`,
  },
  {
    name: 'profile',
    description: 'Your student profile as your school keeps it: crebo, level, leerweg, wishes, availability, radius',
    sql: `SELECT to_jsonb(s) AS row FROM students s WHERE s.id = $1`,
  },
  {
    name: 'identity',
    description: 'Who you are: name, date of birth, e-mail, phone (R20: kept apart, never shown to a company before both sides accept)',
    sql: `SELECT to_jsonb(i) AS row FROM student_identities i WHERE i.student_id = $1`,
  },
  {
    name: 'preferences',
    description: 'Your preference list, in rank order, with each placement and its company',
    sql: `SELECT to_jsonb(p) || jsonb_build_object('placementTitle', pl.title, 'company', o.name) AS row
            FROM student_preferences p JOIN placements pl ON pl.id = p.placement_id JOIN organizations o ON o.id = pl.company_id
           WHERE p.student_id = $1 ORDER BY p.rank`,
  },
  {
    name: 'preferenceLock',
    description: 'Whether and when your school locked your preference list before a round',
    sql: `SELECT to_jsonb(l) AS row FROM student_preference_locks l WHERE l.student_id = $1`,
  },
  {
    name: 'proposals',
    description: 'Every proposal a match round made you, with both answers',
    sql: `SELECT to_jsonb(p) || jsonb_build_object('placementTitle', pl.title, 'company', o.name) AS row
            FROM proposals p JOIN placements pl ON pl.id = p.placement_id JOIN organizations o ON o.id = p.company_id
           WHERE p.student_id = $1 ORDER BY p.created_at, p.id`,
  },
  {
    name: 'matchExplanations',
    description: 'Per match round: your choices, what each came to and your priority there (why not a higher choice)',
    sql: `SELECT (to_jsonb(e) - 'placements') || jsonb_build_object(
                   'placementIds', (SELECT coalesce(jsonb_agg(CASE WHEN k.i >= 0 THEN r.placement_ids[k.i + 1] END ORDER BY k.n), '[]'::jsonb)
                                      FROM unnest(e.placements) WITH ORDINALITY k(i, n)),
                   'round', jsonb_build_object('id', r.id, 'periodFrom', r.period_from, 'periodTo', r.period_to, 'region', r.region, 'completedAt', r.completed_at)) AS row
            FROM match_explanations e JOIN match_rounds r ON r.id = e.round_id
           WHERE e.student_id = $1 ORDER BY r.created_at, r.id`,
  },
  {
    name: 'internshipRegistrations',
    description: 'Self-found internships registered for you, and what became of them',
    sql: `SELECT to_jsonb(g) || jsonb_build_object('company', o.name) AS row
            FROM internship_registrations g JOIN organizations o ON o.id = g.company_id
           WHERE g.student_id = $1 ORDER BY g.created_at, g.id`,
  },
  {
    name: 'internships',
    description: 'Your internships, with the company and your praktijkopleider(s)',
    sql: `SELECT to_jsonb(i) || jsonb_build_object(
                   'company', o.name,
                   'praktijkopleiders', (SELECT coalesce(jsonb_agg(jsonb_build_object('name', t.name, 'from', a.start_date, 'to', a.end_date, 'endedAt', a.ended_at) ORDER BY a.created_at), '[]'::jsonb)
                                           FROM trainer_assignments a JOIN trainers t ON t.id = a.trainer_id WHERE a.student_id = i.student_id AND a.internship_id = i.id)) AS row
            FROM internships i JOIN organizations o ON o.id = i.company_id
           WHERE i.student_id = $1 ORDER BY i.start_date, i.id`,
  },
  {
    name: 'poks',
    description: 'Every version of your praktijkovereenkomst (POK, R8), its terms and signatures',
    sql: `SELECT to_jsonb(k) AS row FROM poks k WHERE k.internship_id IN (${HER_INTERNSHIPS}) ORDER BY k.internship_id, k.version`,
  },
  {
    name: 'guardianSigningLinks',
    description: "The single-use links e-mailed to your guardian to sign your POK (R8): to whom, when, used or not (never the link's secret)",
    sql: `SELECT to_jsonb(g) - 'token_hash' AS row FROM guardian_signing_links g
           WHERE g.pok_id IN (SELECT id FROM poks WHERE internship_id IN (${HER_INTERNSHIPS})) ORDER BY g.created_at, g.id`,
  },
  {
    name: 'hours',
    description: 'The hours you logged per week, and how the company reviewed them',
    sql: `SELECT to_jsonb(w) AS row FROM internship_hour_weeks w WHERE w.internship_id IN (${HER_INTERNSHIPS}) ORDER BY w.internship_id, w.week_start`,
  },
  {
    name: 'assessments',
    description: 'The assessment of your internships per werkproces, and its confirmation by your school',
    sql: `SELECT to_jsonb(a) || jsonb_build_object('werkprocessen', (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.werkproces), '[]'::jsonb)
                                                                     FROM internship_assessment_items x WHERE x.assessment_id = a.id)) AS row
            FROM internship_assessments a WHERE a.internship_id IN (${HER_INTERNSHIPS}) ORDER BY a.created_at, a.id`,
  },
  {
    name: 'contactMoments',
    description: 'Guidance contacts logged in your internships (R17)',
    sql: `SELECT to_jsonb(c) AS row FROM contact_moments c WHERE c.internship_id IN (${HER_INTERNSHIPS}) ORDER BY c.created_at, c.id`,
  },
  {
    name: 'evaluations',
    description: 'End evaluations of your internships (R18, R19)',
    sql: `SELECT to_jsonb(v) AS row FROM internship_evaluations v WHERE v.internship_id IN (${HER_INTERNSHIPS}) ORDER BY v.created_at, v.id`,
  },
  {
    name: 'discriminationReports',
    description: 'The discrimination reports you filed yourself (R22), with their status and history',
    sql: `SELECT to_jsonb(d) || jsonb_build_object('company', o.name,
                   'transitions', (SELECT coalesce(jsonb_agg(jsonb_build_object('fromStatus', t.from_status, 'toStatus', t.to_status, 'at', t.at) ORDER BY t.at, t.id), '[]'::jsonb)
                                     FROM discrimination_report_transitions t WHERE t.report_id = d.id)) AS row
            FROM discrimination_reports d JOIN organizations o ON o.id = d.company_id
           WHERE d.student_id = $1 AND d.filed_by_student ORDER BY d.created_at, d.id`,
  },
  {
    name: 'notifications',
    description: 'The notifications sent to your account',
    sql: `SELECT to_jsonb(n) AS row FROM notifications n WHERE n.user_id = $2 ORDER BY n.created_at, n.id`,
  },
  {
    name: 'auditEntries',
    description: 'Audit entries about you and your records (what you did to them yourself among them)',
    sql: `SELECT to_jsonb(a) AS row FROM audit_log a WHERE (a.entity_type, a.entity_id) IN (${auditedAsHers}) ORDER BY a.id`,
  },
];
