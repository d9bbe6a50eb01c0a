import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidEnvironmentError, loadEnvironment } from './environment';
import { isPublishedSecret, PUBLISHED_SECRETS } from './published-secrets';

const ROOT = join(__dirname, '..', '..');
const CODE_FILE = /\.[cm]?[jt]s$/;

interface Found {
  where: string;
  value: string;
}

/**
 * Secret-looking values in a file: any value assigned to JWT_SECRET, PROTECTED_ATTRIBUTES_KEY or SSO_ENCRYPTION_KEY
 * (`NAME=…`, `NAME: …`, compose's `${NAME:-…}`; in code only string literals), any run of 64 hex
 * characters (a possible key), and string literals of 32+ secret characters that say "secret"
 * or "change-me". Interpolations (`${…}`, `$(…)`), compose's `${NAME:?…}` and `<placeholders>`
 * are not values.
 */
function secretCandidates(path: string, text: string): Found[] {
  const found = new Map<string, Found>();
  const add = (index: number, value: string) => {
    const where = `${path}:${text.slice(0, index).split('\n').length}`;
    found.set(`${where}\n${value}`, { where, value });
  };
  const assignment = /\b(?:JWT_SECRET|PROTECTED_ATTRIBUTES_KEY|SSO_ENCRYPTION_KEY)["']?[ \t]*(?::-|=|:)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|`([^`\n]*)`|([^\s'"`,;})|]+))/g;
  for (const match of text.matchAll(assignment)) {
    const [, single, double, backtick, bare] = match;
    const value = single ?? double ?? backtick ?? bare;
    if (bare !== undefined && CODE_FILE.test(path)) continue; // an identifier or expression, not a literal
    if (value === '' || /^[$?<]/.test(value)) continue;
    add(match.index, value);
  }
  for (const match of text.matchAll(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi)) add(match.index, match[0]);
  for (const match of text.matchAll(/(['"`])([\w+/=-]{32,})\1/g)) {
    if (/secret|change-?me/i.test(match[2])) add(match.index, match[2]);
  }
  return [...found.values()];
}

/** Whether production would start with `value` as the variable (the other one strong and fresh). */
function productionAccepts(name: 'JWT_SECRET' | 'PROTECTED_ATTRIBUTES_KEY' | 'SSO_ENCRYPTION_KEY', value: string): boolean {
  const source = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), PROTECTED_ATTRIBUTES_KEY: randomBytes(32).toString('hex'), SSO_ENCRYPTION_KEY: randomBytes(32).toString('hex'), APP_URL: 'https://app.stagematch.test' };
  try {
    loadEnvironment({ ...source, [name]: value });
    return true;
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    return !error.message.includes(`${name}:`);
  }
}

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

describe('published secrets', () => {
  it('production refuses every secret-looking value in the tracked files', () => {
    const files = trackedFiles();
    expect(files).toContain('docker-compose.yml');
    const unlisted: string[] = [];
    let seen = 0;
    for (const path of files) {
      let content: Buffer;
      try {
        content = readFileSync(join(ROOT, path));
      } catch {
        continue; // deleted in the work tree, not yet in the index
      }
      if (content.includes(0)) continue; // binary
      for (const { where, value } of secretCandidates(path, content.toString('utf8'))) {
        seen += 1;
        if (productionAccepts('JWT_SECRET', value) || productionAccepts('PROTECTED_ATTRIBUTES_KEY', value) || productionAccepts('SSO_ENCRYPTION_KEY', value)) unlisted.push(`${where}: ${value}`);
      }
    }
    expect(seen).toBeGreaterThan(0);
    // Each of these is public now and production would take it: add it to PUBLISHED_SECRETS
    // (src/config/published-secrets.ts), or generate test secrets at run time (randomBytes).
    expect(unlisted).toEqual([]);
  });

  it('finds new values in env files, compose, code and docs, and skips interpolations and placeholders', () => {
    const jwt = `fresh-${randomBytes(16).toString('hex')}-secret`;
    const key = randomBytes(32).toString('hex');
    const text = [
      `JWT_SECRET=${jwt}`,
      `    PROTECTED_ATTRIBUTES_KEY: \${PROTECTED_ATTRIBUTES_KEY:-${key}}`,
      '    JWT_SECRET: ${JWT_SECRET:?set JWT_SECRET}',
      'JWT_SECRET=$(openssl rand -hex 32)',
      'JWT_SECRET=<your secret>',
      'PROTECTED_ATTRIBUTES_KEY=',
    ].join('\n');
    expect(secretCandidates('.env.example', text).map(({ value }) => value)).toEqual([jwt, key]);
    expect(secretCandidates('x.ts', `env({ JWT_SECRET: '${jwt}', PROTECTED_ATTRIBUTES_KEY: someKey })`)).toEqual([
      { where: 'x.ts:1', value: jwt },
    ]);
    expect(secretCandidates('x.ts', `jwt.sign({}, "${jwt}")`).map(({ value }) => value)).toEqual([jwt]);
    expect(isPublishedSecret(jwt) || isPublishedSecret(key)).toBe(false);
  });

  it('compares hex keys case-insensitively', () => {
    const key = PUBLISHED_SECRETS.find((value) => /^[0-9a-f]{64}$/.test(value) && /[a-f]/.test(value))!;
    expect(isPublishedSecret(key.toUpperCase())).toBe(true);
  });
});
