import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/environment';
import { typeormOptions } from '../database/typeorm-options';
import { AttributeCipher } from '../modules/oversight/attribute-cipher';
import { AuditGround, Gender, MigrationBackground } from '../modules/oversight/protected-attributes.entity';
import { percentile, startBenchApi } from './bench-api';
import { freshBenchDatabase } from './bench-database';

const BENCH_DATABASE = 'stagematch_bench_audit';
const SECTOR = 'HANDEL';
const COMPANIES = 2_000;
const ROUNDS_OF_PROPOSALS = 10;
/** One company in this many accepts students with a non-western background at a third of the usual rate. */
const BIASED_EVERY = 40;
const BATCH = 10_000;

const benchUrl = (baseUrl: string) => Object.assign(new URL(baseUrl), { pathname: `/${BENCH_DATABASE}` }).toString();

/** Reproducible answers: 30% of students report nothing; the rest a migration background and a gender. */
function reportedAnswers(n: number): { migrationBackground: MigrationBackground; gender: Gender } | null {
  if (n % 10 < 3) return null;
  const migrationBackground = n % 20 < 14 ? MigrationBackground.NONE : n % 20 < 16 ? MigrationBackground.WESTERN : MigrationBackground.NON_WESTERN;
  return { migrationBackground, gender: n % 50 === 0 ? Gender.OTHER : n % 2 ? Gender.FEMALE : Gender.MALE };
}

/**
 * STUDENTS students (default 100,000) of the demo schools, 2,000 companies of one sector with a
 * placement each, and ten rounds of proposals (one per student per round: 1,000,000 by default)
 * answered over 2025–2026: 60% accepted, 5% left to expire, the rest declined with a reason code;
 * one company in 40 accepts non-western students at 20%. Protected attributes are sealed and
 * indexed exactly as the API does it.
 */
async function seed(dataSource: DataSource, cipher: AttributeCipher, students: number): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica'); // bench data only: no FK triggers for a million rows
    await manager.query(
      `INSERT INTO organizations (type, name, kvk_number, sector)
       SELECT 'COMPANY', 'Audit leerbedrijf ' || g, (60000000 + g)::text, $2 FROM generate_series(1, $1) g`,
      [COMPANIES, SECTOR],
    );
    await manager.query(`
      WITH companies AS (SELECT id, row_number() OVER (ORDER BY name) AS n FROM organizations WHERE name LIKE 'Audit leerbedrijf %'),
           areas AS (SELECT pc4, place, row_number() OVER (ORDER BY pc4) AS n, count(*) OVER () AS total FROM postcodes)
      INSERT INTO branches (company_id, name, street, house_number, postcode, pc4, city)
      SELECT c.id, 'Vestiging', 'Audit', '1', a.pc4 || ' AA', a.pc4, a.place FROM companies c JOIN areas a ON a.n = 1 + (c.n * 7) % a.total`);
    await manager.query(`
      INSERT INTO placements (company_id, branch_id, title, description, crebos, level, leerweg, werkprocessen, start_date, end_date,
                              days_per_week, hours_per_week, capacity, stipend_monthly_cents, expense_allowance_cents, status, published_at, compliance_status)
      SELECT b.company_id, b.id, 'Audit stage', 'Audit', ARRAY[(25100 + (hashtext(b.id::text) & 15))::text], 2, 'BOL', ARRAY['werkproces 1'],
             DATE '2026-02-01', DATE '2026-06-30', 4, 32, 5, 40000, 5000, 'PUBLISHED', now(), 'COMPLIANT'
        FROM branches b WHERE b.street = 'Audit'`);
    await manager.query(
      `WITH schools AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organizations WHERE type = 'SCHOOL'),
            areas AS (SELECT pc4, row_number() OVER (ORDER BY pc4) AS n, count(*) OVER () AS total FROM postcodes)
       INSERT INTO students (school_id, crebo, level, leerweg, cohort, learning_wish, werkprocessen, home_postcode, radius_km,
                             available_from, available_until, days_per_week, hours_per_week)
       SELECT sc.id, (25100 + g % 16)::text, 2, 'BOL', 2024, 'Audit bench ' || g, ARRAY['werkproces 1'], a.pc4, 50,
              '2025-02-01', '2026-12-31', 4, 32
         FROM generate_series(1, $1) g JOIN schools sc ON sc.n = 1 + g % 2 JOIN areas a ON a.n = 1 + (g * 13) % a.total`,
      [students],
    );
    await manager.query(`
      INSERT INTO match_rounds (period_from, period_to, lottery_seed, status)
      SELECT DATE '2025-01-01' + (r * 70), DATE '2025-01-01' + (r * 70) + 180, 'audit-bench-' || r, 'COMPLETED'
        FROM generate_series(1, ${ROUNDS_OF_PROPOSALS}) r`);

    const [{ recorder }] = await manager.query<{ recorder: string }[]>(
      `SELECT u.id AS recorder FROM users u JOIN organizations o ON o.id = u.organization_id WHERE o.type = 'SCHOOL' LIMIT 1`,
    );
    const ids = (await manager.query<{ id: string }[]>(`SELECT id FROM students WHERE learning_wish LIKE 'Audit bench %' ORDER BY id`)).map((row) => row.id);
    await manager.query('CREATE TABLE bench_non_western (student_id uuid PRIMARY KEY)');
    for (let start = 0; start < ids.length; start += BATCH) {
      const columns: unknown[][] = [[], [], [], [], [], []];
      const nonWestern: string[] = [];
      ids.slice(start, start + BATCH).forEach((studentId, offset) => {
        const answers = reportedAnswers(start + offset);
        if (!answers) return;
        const sealed = cipher.seal({ ...answers, otherGround: null });
        [studentId, sealed.ciphertext, sealed.iv, sealed.authTag,
          cipher.blindIndex(studentId, AuditGround.MIGRATION_BACKGROUND, answers.migrationBackground),
          cipher.blindIndex(studentId, AuditGround.GENDER, answers.gender)].forEach((value, column) => columns[column].push(value));
        if (answers.migrationBackground === MigrationBackground.NON_WESTERN) nonWestern.push(studentId);
      });
      await manager.query(
        `INSERT INTO protected_attributes (student_id, ciphertext, iv, auth_tag, migration_background_index, gender_index, consent_given_on, recorded_by_user_id)
         SELECT s, c, i, t, m, g, '2025-01-15', $7 FROM unnest($1::uuid[], $2::bytea[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[]) AS x(s, c, i, t, m, g)`,
        [...columns, recorder],
      );
      await manager.query('INSERT INTO bench_non_western SELECT unnest($1::uuid[])', [nonWestern]);
    }

    await manager.query(`SELECT setseed(0.2026)`);
    await manager.query(
      `WITH companies AS (SELECT p.id AS placement_id, p.company_id, row_number() OVER (ORDER BY o.name) AS n
                            FROM placements p JOIN organizations o ON o.id = p.company_id WHERE o.name LIKE 'Audit leerbedrijf %'),
            numbered_students AS (SELECT s.id, s.school_id, row_number() OVER (ORDER BY s.id) AS n, (nw.student_id IS NOT NULL) AS non_western
                                    FROM students s LEFT JOIN bench_non_western nw ON nw.student_id = s.id WHERE s.learning_wish LIKE 'Audit bench %'),
            rounds AS (SELECT id, period_from, row_number() OVER (ORDER BY period_from) AS r FROM match_rounds WHERE lottery_seed LIKE 'audit-bench-%'),
            drawn AS (SELECT s.id AS student_id, s.school_id, s.non_western, c.placement_id, c.company_id, c.n % ${BIASED_EVERY} = 0 AS biased, r.id AS round_id, r.r,
                             r.period_from + (random() * 60)::int * interval '1 day' + random() * interval '10 hours' AS created_at, random() AS roll, random() AS hours
                        FROM numbered_students s CROSS JOIN rounds r JOIN companies c ON c.n = 1 + (s.n * 31 + r.r * 977) % ${COMPANIES}),
            decided AS (SELECT *, CASE WHEN roll < 0.05 THEN 'EXPIRED'
                                       WHEN roll < 0.05 + CASE WHEN biased AND non_western THEN 0.2 ELSE 0.6 END THEN 'ACCEPTED'
                                       ELSE 'DECLINED' END AS outcome FROM drawn)
       INSERT INTO proposals (round_id, student_id, placement_id, company_id, school_id, pseudonym, rank, priority, status, company_answer,
                              decline_reason, student_answer, expires_at, created_at, company_answered_at, decided_at)
       SELECT round_id, student_id, placement_id, company_id, school_id, 'A' || r || '-' || student_id, 1, 0, outcome::proposal_status,
              CASE outcome WHEN 'EXPIRED' THEN 'PENDING' ELSE outcome END::proposal_answer,
              CASE WHEN outcome = 'DECLINED' THEN (enum_range(NULL::decline_reason))[1 + (roll * 1000)::int % 6] END,
              CASE outcome WHEN 'ACCEPTED' THEN 'ACCEPTED' ELSE 'PENDING' END::proposal_answer,
              created_at + interval '14 days', created_at,
              CASE WHEN outcome <> 'EXPIRED' THEN created_at + (1 + hours * 239) * interval '1 hour' END,
              CASE WHEN outcome <> 'EXPIRED' THEN created_at + (1 + hours * 239) * interval '1 hour' ELSE created_at + interval '14 days' END
         FROM decided`,
    );
    await manager.query('DROP TABLE bench_non_western');
  });
  await dataSource.query('VACUUM ANALYZE proposals');
  await dataSource.query('ANALYZE');
}

const AUDIT = `query($input: AdverseImpactAuditInput!) { adverseImpactAudit(input: $input) {
  sampleSize unreported adverseImpact
  groups { group suppressed observations accepted acceptanceRate impactRatio adverseImpact fisherPValue shortfall }
  declineReasons { group declines reasons { reason count share suppressed } }
  responseTimes { group answered meanHours suppressed }
  companiesCompared underpoweredCompanies flaggedCompanies { companyId companyName lowestImpactRatio qValue } watchedCompanies { companyId } } }`;

/**
 * `npm run bench:audit [-- STUDENTS RUNS]`: seeds STUDENTS × 10 proposals (default 1,000,000) into
 * a fresh database, then times the sector-wide adverseImpactAudit over HTTP as SBB, RUNS times
 * (default 10) after one warm-up, for both grounds, and a single-company audit.
 * Budget: a sector-wide audit under 2 s. BENCH_REUSE=1 skips the seeding.
 */
async function main(): Promise<void> {
  const students = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 10);
  const env = loadEnvironment();
  const reuse = process.env.BENCH_REUSE === '1';
  const databaseUrl = reuse ? benchUrl(env.DATABASE_URL) : await freshBenchDatabase(env.DATABASE_URL, BENCH_DATABASE);
  const dataSource = await new DataSource(typeormOptions(databaseUrl)).initialize();
  if (!reuse) {
    const started = performance.now();
    await seed(dataSource, new AttributeCipher(env.PROTECTED_ATTRIBUTES_KEY), students);
    console.log(`bench:audit — seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const [{ proposals }] = await dataSource.query<{ proposals: number }[]>('SELECT count(*)::int AS proposals FROM proposals');
  const biased = (
    await dataSource.query<{ id: string }[]>(
      `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM organizations WHERE name LIKE 'Audit leerbedrijf %') c WHERE n % ${BIASED_EVERY} = 0`,
    )
  ).map((row) => row.id);
  const company = biased[0];
  await dataSource.destroy();

  const api = await startBenchApi(databaseUrl, 'sbbAuditor');
  console.log(`bench:audit — ${proposals} proposals; adverseImpactAudit over HTTP as SBB, ${runs} runs after one warm-up (budget < 2 s sector-wide):`);
  const scopes: Array<[string, Record<string, unknown>]> = [
    [`sector ${SECTOR}, migration background`, { ground: AuditGround.MIGRATION_BACKGROUND, sector: SECTOR }],
    [`sector ${SECTOR}, gender`, { ground: AuditGround.GENDER, sector: SECTOR }],
    ['one company, migration background', { ground: AuditGround.MIGRATION_BACKGROUND, companyId: company }],
  ];
  let worstSectorP95 = 0;
  for (const [name, scope] of scopes) {
    const input = { ...scope, from: '2025-01-01', to: '2026-12-31' };
    const { adverseImpactAudit: first } = await api.post(AUDIT, { input });
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      await api.post(AUDIT, { input });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    if (!scope.companyId) worstSectorP95 = Math.max(worstSectorP95, percentile(times, 95));
    const groups = first.groups
      .map((g: { group: string; suppressed: string | null; impactRatio: number | null }) => `${g.group} ${g.suppressed ? 'suppressed' : g.impactRatio?.toFixed(2)}`)
      .join(', ');
    console.log(`  ${name.padEnd(36)} p50 ${percentile(times, 50).toFixed(0).padStart(5)} ms  p95 ${percentile(times, 95).toFixed(0).padStart(5)} ms  max ${times.at(-1)!.toFixed(0).padStart(5)} ms`);
    const flagged: string[] = first.flaggedCompanies.map((c: { companyId: string }) => c.companyId);
    const found = flagged.filter((id) => biased.includes(id)).length;
    console.log(
      `    sample ${first.sampleSize} (+${first.unreported} unreported); ${groups}; ${first.companiesCompared} companies compared, ` +
        `${flagged.length} flagged (${found} of them biased), ${first.watchedCompanies.length} on watch, ${first.underpoweredCompanies} underpowered`,
    );
  }
  console.log(`  sector-wide p95 ${worstSectorP95.toFixed(0)} ms — ${worstSectorP95 < 2000 ? 'within' : 'OVER'} the 2 s budget (${biased.length} companies were seeded biased)`);
  await api.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
