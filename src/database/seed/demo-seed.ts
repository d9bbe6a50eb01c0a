import { Logger } from '@nestjs/common';
import { seedDemoRegister } from './demo-register';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { hashPassword } from '../../common/auth/password-hasher';
import { addYears } from '../../common/calendar';
import { Clock } from '../../common/clock/clock';
import { assertAcceptablePassword } from '../../common/auth/password-policy';
import { MembershipRole, OrganizationType } from '../../common/auth/roles';
import { AccreditationEntity } from '../../modules/companies/accreditation.entity';
import { BranchEntity } from '../../modules/companies/branch.entity';
import { TrainerAssignmentEntity } from '../../modules/companies/trainer-assignment.entity';
import { TrainerEntity } from '../../modules/companies/trainer.entity';
import { InternshipRegistrationEntity, RegistrationStatus } from '../../modules/internships/internship-registration.entity';
import { InternshipEntity } from '../../modules/internships/internship.entity';
import { PokEntity } from '../../modules/internships/pok.entity';
import { EvaluationTrigger } from '../../modules/compliance/compliance-status';
import { ageOn } from '../../modules/compliance/rules/rule';
import { NormSetEntity } from '../../modules/compliance/norm-set.entity';
import { evaluatePlacements, recordEvaluations } from '../../modules/compliance/placement-compliance';
import { OrganizationEntity } from '../../modules/organizations/organization.entity';
import { UserEntity } from '../../modules/organizations/user.entity';
import { PlacementEntity, PlacementStatus } from '../../modules/placements/placement.entity';
import { StudentIdentityEntity } from '../../modules/students/student-identity.entity';
import { StudentEntity } from '../../modules/students/student.entity';
import { SecretCipher } from '../../modules/sso/secret-cipher';
import { SsoConfigurationEntity } from '../../modules/sso/sso-configuration.entity';
import { loadEnvironment } from '../../config/environment';
import { typeormOptions } from '../typeorm-options';
import { COMPANIES, DEMO_PASSWORD, DEMO_SSO, DEMO_STUDENT_BIRTH_DATES, DEMO_USERS, FIRST_NAMES, LAST_NAMES, QUALIFICATIONS, SCHOOLS } from './demo-data';

const logger = new Logger('Seed');
const STUDENTS_PER_SCHOOL = 20;

/**
 * The day the demo data is written for. Loaded later, every date in it moves on by the whole years
 * since, so the demo keeps its shape (terms starting in February and September, trainers' courses
 * still valid, students of the same ages) instead of drifting into the past.
 */
export const DEMO_WRITTEN_FOR = '2026-12-01';

/** Moves the demo's dates from `DEMO_WRITTEN_FOR` to the year of `today`. */
type DemoDates = (date: string) => string;

function demoDatesFor(today: string): DemoDates {
  let years = Number(today.slice(0, 4)) - Number(DEMO_WRITTEN_FOR.slice(0, 4));
  if (today.slice(5) < DEMO_WRITTEN_FOR.slice(5)) years -= 1;
  return (date) => addYears(date, years);
}

/** A deterministic pseudo-random sequence, so every run builds the same demo. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Loads the demo data set unless it is there already (keyed by the demo platform admin), dated for
 * `clock`'s today (see `DEMO_WRITTEN_FOR`).
 */
export async function seedDemo(dataSource: DataSource, clock: Clock = new Clock()): Promise<boolean> {
  const on = demoDatesFor(clock.today());
  return dataSource.transaction(async (manager) => {
    if (await manager.existsBy(UserEntity, { email: DEMO_USERS.platformAdmin.email })) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const addOrganization = (values: Partial<OrganizationEntity>) => manager.save(manager.create(OrganizationEntity, values));
    const addUser = (organizationId: string, user: { email: string; name: string }, role: MembershipRole) => {
      assertAcceptablePassword(DEMO_PASSWORD, 'DEMO_PASSWORD', user);
      return manager.insert(UserEntity, { organizationId, ...user, role, passwordHash, language: 'nl' });
    };

    const platform = await addOrganization({ type: OrganizationType.PLATFORM, name: 'Stagematch' });
    await addUser(platform.id, DEMO_USERS.platformAdmin, MembershipRole.ADMIN);
    const sbb = await addOrganization({ type: OrganizationType.SBB, name: 'SBB' });
    await addUser(sbb.id, DEMO_USERS.sbbAuditor, MembershipRole.STAFF);
    await seedDemoRegister(manager);

    const random = sequence(2026);
    const schools = [];
    for (const school of SCHOOLS) {
      schools.push(await addOrganization({ type: OrganizationType.SCHOOL, name: school.name, brinCode: school.brinCode }));
    }
    await addUser(schools[0].id, DEMO_USERS.schoolAdmin, MembershipRole.ADMIN);
    await addUser(schools[0].id, DEMO_USERS.schoolStaff, MembershipRole.STAFF);
    await addUser(schools[1].id, DEMO_USERS.otherSchoolAdmin, MembershipRole.ADMIN);
    const { clientSecret, ...sso } = DEMO_SSO;
    await manager.insert(SsoConfigurationEntity, {
      ...sso,
      allowedDomains: [...sso.allowedDomains],
      organizationId: schools[0].id,
      clientSecretSealed: new SecretCipher(loadEnvironment().SSO_ENCRYPTION_KEY).seal(clientSecret, schools[0].id),
      createUnknownUsers: true,
      newUserRole: MembershipRole.STAFF,
      enabled: true,
    });

    for (const [index, company] of COMPANIES.entries()) {
      const organization = await addOrganization({
        type: OrganizationType.COMPANY,
        name: company.name,
        kvkNumber: company.kvkNumber,
        sector: company.sector,
      });
      if (index === 0) {
        await addUser(organization.id, DEMO_USERS.companyAdmin, MembershipRole.ADMIN);
        await addUser(organization.id, DEMO_USERS.companyStaff, MembershipRole.STAFF);
      } else {
        await addUser(organization.id, { email: `admin@${company.key}.demo`, name: `Beheerder ${company.name}` }, MembershipRole.ADMIN);
      }
      await seedCompany(manager, organization, company, random, on);
    }
    for (const [index, school] of SCHOOLS.entries()) await seedStudents(manager, schools[index], school, random, on);
    await seedStudentAccounts(manager, schools[0], on, passwordHash);
    await evaluateDemoPlacements(manager, clock);
    await seedSelfFoundInternship(manager, schools[0], DEMO_USERS.schoolStaff.email, on);
    return true;
  });
}

async function seedCompany(
  manager: EntityManager,
  organization: OrganizationEntity,
  company: (typeof COMPANIES)[number],
  random: () => number,
  on: DemoDates,
): Promise<void> {
  for (const [branchIndex, address] of company.branches.entries()) {
    const branch = await manager.save(
      manager.create(BranchEntity, { ...address, pc4: address.postcode.slice(0, 4), companyId: organization.id }),
    );
    const trainers = [];
    for (const n of [1, 2]) {
      trainers.push(
        await manager.save(
          manager.create(TrainerEntity, {
            companyId: organization.id,
            branchId: branch.id,
            name: `${FIRST_NAMES[(branchIndex * 3 + n * 7) % FIRST_NAMES.length]} ${LAST_NAMES[(n * 5 + branchIndex) % LAST_NAMES.length]}`,
            qualificationLevel: 4,
            yearsOfExperience: 3 + n,
            courseCompletedOn: on('2024-03-01'),
            refresherCompletedOn: on('2025-09-15'),
            sectorTrainingCompletedOn: on('2025-06-01'),
          }),
        ),
      );
    }
    for (const key of company.qualifications) {
      const qualification = QUALIFICATIONS[key];
      await manager.insert(AccreditationEntity, {
        branchId: branch.id,
        companyId: organization.id,
        crebo: qualification.crebo,
        grantedOn: on('2023-09-01'),
        lastReviewedOn: on('2023-09-01'),
      });
      const count = company.branches.length > 1 ? 2 : 4 / company.qualifications.length;
      for (let n = 0; n < count; n += 1) {
        const spring = n % 2 === 0;
        const start = on(spring ? '2027-02-01' : '2027-09-01');
        await manager.insert(PlacementEntity, {
          companyId: organization.id,
          branchId: branch.id,
          trainerId: trainers[n % trainers.length].id,
          title: `${qualification.title} — ${address.city}${n > 0 ? ` (${n + 1})` : ''}`,
          description: `Stage ${qualification.title} bij ${company.name}, ${branch.name}. Je werkt mee in een vast team met een eigen praktijkopleider.`,
          crebos: [qualification.crebo],
          level: qualification.level,
          leerweg: qualification.leerweg,
          werkprocessen: qualification.werkprocessen,
          startDate: start,
          endDate: on(spring ? '2027-06-30' : '2028-01-31'),
          daysPerWeek: 4,
          hoursPerWeek: 32,
          capacity: 1 + Math.floor(random() * 3),
          stipendMonthlyCents: [40000, 32000, 50000, 45000][n % 4],
          expenseAllowanceCents: 5000,
          status: n === 3 ? PlacementStatus.DRAFT : PlacementStatus.PUBLISHED,
          publishedAt: n === 3 ? null : new Date(`${on('2026-10-01')}T09:00:00Z`),
        });
      }
    }
  }
}

/** The demo placements get their first evaluation, as the API would have given them (they all comply). */
async function evaluateDemoPlacements(manager: EntityManager, clock: Clock): Promise<void> {
  const placements = await manager.find(PlacementEntity);
  await recordEvaluations(manager, await evaluatePlacements(manager, placements), EvaluationTrigger.CREATED, null);
  await manager.update(NormSetEntity, { reevaluatedAt: IsNull() }, { reevaluatedAt: clock.now() });
}

async function seedStudents(
  manager: EntityManager,
  school: OrganizationEntity,
  config: (typeof SCHOOLS)[number],
  random: () => number,
  on: DemoDates,
): Promise<void> {
  const offered = config.key === 'utrecht' ? ['verzorgende', 'kok', 'developer'] : ['monteur', 'logistiek', 'kok'];
  for (let n = 0; n < STUDENTS_PER_SCHOOL; n += 1) {
    const qualification = QUALIFICATIONS[offered[n % offered.length]];
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)];
    const birthYear = Number(on('2006-01-01').slice(0, 4)) + Math.floor(random() * 4);
    const student = await manager.save(
      manager.create(StudentEntity, {
        schoolId: school.id,
        crebo: qualification.crebo,
        level: qualification.level,
        leerweg: qualification.leerweg,
        cohort: Number(on('2025-01-01').slice(0, 4)),
        learningWish: `Ik wil ervaring opdoen als ${qualification.title.toLowerCase()} in een team dat mij goed begeleidt.`,
        werkprocessen: qualification.werkprocessen.slice(0, 2 + (n % 2)),
        homePostcode: config.homes[n % config.homes.length],
        radiusKm: [10, 15, 25, 40][n % 4],
        availableFrom: on(n % 2 === 0 ? '2027-02-01' : '2027-09-01'),
        availableUntil: on(n % 2 === 0 ? '2027-07-15' : '2028-02-15'),
        daysPerWeek: 4,
        hoursPerWeek: 32,
        accessibilityNeeds: n % 9 === 4 ? 'Rolstoeltoegankelijke werkplek' : null,
      }),
    );
    await manager.insert(StudentIdentityEntity, {
      studentId: student.id,
      fullName: `${first} ${last}`,
      dateOfBirth: `${birthYear}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + ((n * 7) % 28)).padStart(2, '0')}`,
      email: `${first.toLowerCase()}.${n}@student.${config.key}.demo`,
      phone: null,
    });
  }
}

/** The spring term's first Verzorgende IG student of the school: the one with the self-found internship. */
function selfFoundStudent(manager: EntityManager, school: OrganizationEntity, on: DemoDates): Promise<StudentEntity> {
  // A fixed choice: every demo load picks the same student.
  return manager.findOneOrFail(StudentEntity, {
    where: { schoolId: school.id, crebo: QUALIFICATIONS.verzorgende.crebo, availableFrom: on('2027-02-01') },
    order: { homePostcode: 'ASC', id: 'ASC' },
  });
}

/**
 * Two students of ROC Utrecht with their own accounts (issue #17), signing in with the demo password
 * (or the school's demo SSO, same address): `student`, the one with the self-found internship, 17 on
 * its start date (her POK needs her guardian's signature), and `adultStudent`, the school's second
 * student (Kok, from September), 21 then. Their identities take the demo users' names and addresses.
 */
async function seedStudentAccounts(manager: EntityManager, school: OrganizationEntity, on: DemoDates, passwordHash: string): Promise<void> {
  const minor = await selfFoundStudent(manager, school, on);
  const [adult] = await manager.query<{ id: string }[]>(
    `SELECT s.id FROM students s JOIN student_identities i ON i.student_id = s.id WHERE s.school_id = $1 AND i.email LIKE '%.1@student.utrecht.demo'`,
    [school.id],
  );
  for (const [key, studentId] of [['student', minor.id], ['adultStudent', adult.id]] as const) {
    const user = DEMO_USERS[key];
    assertAcceptablePassword(DEMO_PASSWORD, 'DEMO_PASSWORD', user);
    await manager.update(StudentIdentityEntity, { studentId }, { fullName: user.name, email: user.email, dateOfBirth: on(DEMO_STUDENT_BIRTH_DATES[key]) });
    await manager.insert(UserEntity, { organizationId: school.id, ...user, role: MembershipRole.STUDENT, studentId, passwordHash, language: 'nl' });
  }
}

/**
 * One self-found internship (issue #16): the first Verzorgende IG student of ROC Utrecht found a
 * place at Zorggroep Domstad's Zeist location herself (no placement: recorded on the branch), her
 * school registered it and the company confirmed it. It is PLANNED, with POK version 1 awaiting
 * every signature and its praktijkopleider's assignment (R6), as confirmInternship leaves it.
 */
async function seedSelfFoundInternship(manager: EntityManager, school: OrganizationEntity, registeredBy: string, on: DemoDates): Promise<void> {
  const company = await manager.findOneByOrFail(OrganizationEntity, { name: COMPANIES[0].name });
  const branch = await manager.findOneByOrFail(BranchEntity, { companyId: company.id, name: COMPANIES[0].branches[1].name });
  const trainer = await manager.findOneOrFail(TrainerEntity, { where: { branchId: branch.id }, order: { name: 'ASC' } });
  const qualification = QUALIFICATIONS.verzorgende;
  const student = await selfFoundStudent(manager, school, on);
  const identity = await manager.findOneByOrFail(StudentIdentityEntity, { studentId: student.id });
  const user = await manager.findOneByOrFail(UserEntity, { email: registeredBy });
  const terms = {
    crebo: qualification.crebo,
    level: qualification.level,
    leerweg: qualification.leerweg,
    startDate: student.availableFrom,
    endDate: on('2027-06-30'),
    daysPerWeek: 4,
    hoursPerWeek: 32,
    stipendMonthlyCents: 40000,
    expenseAllowanceCents: 5000,
    employmentContract: false,
    werkprocessen: qualification.werkprocessen.slice(0, 3),
  };
  const registration = await manager.save(
    manager.create(InternshipRegistrationEntity, {
      ...terms,
      studentId: student.id,
      schoolId: school.id,
      companyId: company.id,
      branchId: branch.id,
      placementId: null,
      trainerId: trainer.id,
      status: RegistrationStatus.CONFIRMED,
      decidedAt: new Date(`${on('2026-11-20')}T10:00:00Z`),
      registeredByUserId: user.id,
    }),
  );
  const internship = await manager.save(
    manager.create(InternshipEntity, {
      proposalId: null,
      registrationId: registration.id,
      studentId: student.id,
      placementId: null,
      companyId: company.id,
      schoolId: school.id,
      startDate: terms.startDate,
      endDate: terms.endDate,
    }),
  );
  await manager.update(InternshipRegistrationEntity, { id: registration.id }, { internshipId: internship.id });
  await manager.insert(TrainerAssignmentEntity, {
    trainerId: trainer.id,
    companyId: company.id,
    placementId: null,
    internshipId: internship.id,
    studentId: student.id,
    startDate: terms.startDate,
    endDate: terms.endDate,
    endedAt: null,
  });
  const weeks = Math.round((Date.parse(terms.endDate) - Date.parse(terms.startDate)) / (7 * 86_400_000));
  await manager.insert(PokEntity, {
    internshipId: internship.id,
    version: 1,
    guardianRequired: ageOn(identity.dateOfBirth, terms.startDate) < 18,
    terms: {
      school: school.name,
      company: company.name,
      branch: `${branch.name}, ${branch.city}`,
      student: identity.fullName,
      crebo: terms.crebo,
      level: terms.level,
      leerweg: terms.leerweg,
      startDate: terms.startDate,
      endDate: terms.endDate,
      hoursPerWeek: terms.hoursPerWeek,
      totalHours: weeks * terms.hoursPerWeek,
      praktijkopleider: trainer.name,
      werkprocessen: terms.werkprocessen,
      stipendMonthlyCents: terms.stipendMonthlyCents,
      expenseAllowanceCents: terms.expenseAllowanceCents,
      employmentContract: false,
      assessment: 'Beoordeling van de werkprocessen door de praktijkopleider, vastgesteld door de school',
      guidanceFrequency: 'Minimaal drie contactmomenten tussen school, student en leerbedrijf per BPV-periode, waarvan één op locatie (R17)',
      terminationClause: 'Elke partij kan de overeenkomst met opgave van redenen beëindigen; de school begeleidt de student naar een nieuwe plaats',
    },
  });
}

/** First start: load the demo when the database has no organizations yet. */
export async function seedDemoIfEmpty(databaseUrl: string): Promise<void> {
  const dataSource = await new DataSource({ ...typeormOptions(databaseUrl), extra: { max: 2 } }).initialize();
  try {
    if ((await dataSource.getRepository(OrganizationEntity).count()) > 0) return;
    if (await seedDemo(dataSource)) logger.log('Loaded the demo data set (see README for the demo users)');
  } finally {
    await dataSource.destroy();
  }
}
