/**
 * `npm run org:create -- --type SBB --name "SBB" --admin-email beheer@s-bb.nl [--admin-name "…"]`:
 * creates an SBB or PLATFORM organization and an ADMIN invitation for its first administrator.
 * These organizations hold the powers to accredit, sanction and run the platform, so the API cannot
 * create them: this task is for someone with access to the database (DATABASE_URL). It is audited
 * (actor role CLI, with the operating-system user who ran it) and prints the invitation's single-use
 * link (APP_URL/accept-invitation#token=…, valid 7 days) once; it sends no e-mail. The operator hands
 * the link to her; she chooses her own password with it (in the front end, or with `acceptInvitation`
 * directly, see the README), so nobody else ever knows it (issue #15).
 */
import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { COMMAND_LINE } from '../../common/audit/audit-log';
import { OrganizationType } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-errors';
import { loadEnvironment } from '../../config/environment';
import { typeormOptions } from '../../database/typeorm-options';
import { invitationLink } from './account-links';
import { INVITATION_DAYS } from './invitations/invitation-opening';
import { createOrganizationWithInvitation } from './organization-creation';

export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = 'usage: npm run org:create -- --type SBB|PLATFORM --name NAME --admin-email EMAIL [--admin-name NAME]';
const COMMAND_LINE_TYPES: readonly string[] = [OrganizationType.SBB, OrganizationType.PLATFORM];
/** The input paths of the shared creation rules, as the options a operator typed. */
const OPTION_OF: Record<string, string> = { 'input.firstAdmin.email': '--admin-email', 'input.name': '--name' };

const consoleOutput: CommandOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Runs the task on its arguments (without node and the script) and returns the exit code. */
export async function main(
  argv: readonly string[],
  { output = consoleOutput, databaseUrl, appUrl, clock = new Clock() }: { output?: CommandOutput; databaseUrl?: string; appUrl?: string; clock?: Clock } = {},
): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { type: { type: 'string' }, name: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const type = values.type?.toUpperCase();
  const name = values.name?.trim();
  const email = values['admin-email']?.trim();
  const problems = [
    ...(type && COMMAND_LINE_TYPES.includes(type) ? [] : ['--type must be SBB or PLATFORM (schools and companies are created by a PLATFORM admin through the API)']),
    ...(name && name.length <= 200 ? [] : ['--name is required (at most 200 characters)']),
    ...(email && isEmail(email) && email.length <= 254 ? [] : ['--admin-email must be an e-mail address']),
  ];
  if (problems.length) {
    output.err([...problems, USAGE].join('\n'));
    return 2;
  }
  const adminName = values['admin-name']?.trim() || `Beheerder ${name}`;
  const environment = databaseUrl && appUrl ? undefined : loadEnvironment();

  const dataSource = await new DataSource(typeormOptions(databaseUrl ?? environment!.DATABASE_URL)).initialize();
  try {
    // Who ran it, as far as the machine knows, goes into the audit row (its actor is the command line).
    const { organization, invitation, token } = await dataSource.transaction((manager) =>
      createOrganizationWithInvitation(
        manager,
        COMMAND_LINE,
        { type: type as OrganizationType, name: name!, firstAdmin: { email: email!, name: adminName } },
        clock.now(),
        { via: 'npm run org:create', operatingSystemUser: userInfo().username },
      ),
    );
    output.out(`Created ${organization.type} organization "${organization.name}" (${organization.id}).`);
    output.out(`Give ${invitation.email} this single-use link, shown only now; with it she chooses her password (valid ${INVITATION_DAYS} days):`);
    output.out(`  ${invitationLink(appUrl ?? environment!.APP_URL, token)}`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = error.fields.map((field) => `${OPTION_OF[field.path] ?? field.path}: ${field.message}`);
    output.err(fields.length ? fields.join('\n') : error.message);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
