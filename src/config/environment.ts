import { plainToInstance } from 'class-transformer';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export enum AppRole {
  All = 'all',
  Api = 'api',
  Worker = 'worker',
}

const DEV_JWT_SECRET = 'stagematch-development-secret-do-not-use-in-production';
const DEV_PROTECTED_ATTRIBUTES_KEY = '0'.repeat(63) + '1';

/** Every setting the process reads; validated once at boot (see `loadEnvironment`). */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsEnum(AppRole)
  APP_ROLE: AppRole = AppRole.All;

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Matches(/^postgres(ql)?:\/\/.+\/[^/?]+/, { message: 'DATABASE_URL must be a postgres:// URL with a database name' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/stagematch';

  /** How long every role waits at start for PostgreSQL to accept connections before it exits 1. */
  @IsInt()
  @Min(0)
  @Max(3600)
  DATABASE_WAIT_SECONDS = 60;

  /** How long a request waits for a database connection (a new one, or a free one in the pool) before SERVICE_UNAVAILABLE. */
  @IsInt()
  @Min(100)
  @Max(60000)
  DATABASE_CONNECT_TIMEOUT_MS = 5000;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsString()
  @MinLength(32)
  JWT_SECRET = DEV_JWT_SECRET;

  /** AES-256-GCM key (64 hex characters) for the protected attributes (R24). */
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'PROTECTED_ATTRIBUTES_KEY must be 32 bytes written as 64 hex characters' })
  PROTECTED_ATTRIBUTES_KEY = DEV_PROTECTED_ATTRIBUTES_KEY;

  /** Where clients reach the API; signed export links (CSV downloads) are built on it. */
  @Matches(/^https?:\/\/[^/]+$/, { message: 'PUBLIC_URL must be an http(s) origin without a path, e.g. https://api.stagematch.nl' })
  PUBLIC_URL = 'http://localhost:3000';

  /** How long a signed CSV export link stays valid. */
  @IsInt()
  @Min(1)
  @Max(1440)
  EXPORT_LINK_TTL_MINUTES = 15;

  @IsString()
  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must look like 15m, 12h or 7d' })
  JWT_EXPIRES_IN = '12h';

  /** Key prefix of every BullMQ queue in Redis; separate deployments (or test runs) may share one Redis. */
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'QUEUE_PREFIX must be 1–40 letters, digits, - or _' })
  QUEUE_PREFIX = 'stagematch';

  /** How often the outbox relay looks for committed events when idle. */
  @IsInt()
  @Min(10)
  @Max(10000)
  OUTBOX_POLL_MS = 100;

  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Stagematch <no-reply@stagematch.local>';

  @IsInt()
  @Min(100)
  @Max(60000)
  WEBHOOK_TIMEOUT_MS = 5000;

  /** Tries per e-mail or webhook delivery before it becomes a dead letter. */
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_MAX_ATTEMPTS = 6;

  @IsInt()
  @Min(1)
  @Max(50)
  MATCH_MAX_PREFERENCES = 20;

  @IsInt()
  @Min(1)
  @Max(60)
  OFFER_EXPIRY_DAYS = 7;

  /** Days before an accreditation's four-yearly review falls due that SBB and the company are told (R3). */
  @IsInt()
  @Min(1)
  @Max(365)
  ACCREDITATION_REVIEW_NOTICE_DAYS = 30;

  /** Month and day (MM-DD) in each school year by which committed places must have been offered. */
  @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'AGREEMENT_FULFILMENT_DATE must be MM-DD' })
  AGREEMENT_FULFILMENT_DATE = '03-01';

  /** A school hears of each of its students still without a placement this many weeks before her BPV start. */
  @IsInt()
  @Min(1)
  @Max(52)
  UNPLACED_ALERT_WEEKS = 6;

  /** On SIGTERM: how long in-flight requests and jobs may run on before the process exits anyway. */
  @IsInt()
  @Min(1)
  @Max(600)
  SHUTDOWN_GRACE_SECONDS = 25;

  @IsInt()
  @Min(1)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COST = 5000;

  /** Load the demo data set when the API starts on an empty database. */
  @IsIn(['true', 'false'])
  SEED_DEMO_ON_EMPTY: 'true' | 'false' = 'true';

  @IsNotEmpty()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

const NUMERIC_KEYS: ReadonlySet<string> = new Set([
  'PORT',
  'GRAPHQL_MAX_DEPTH',
  'GRAPHQL_MAX_COST',
  'OUTBOX_POLL_MS',
  'WEBHOOK_TIMEOUT_MS',
  'DELIVERY_MAX_ATTEMPTS',
  'MATCH_MAX_PREFERENCES',
  'OFFER_EXPIRY_DAYS',
  'ACCREDITATION_REVIEW_NOTICE_DAYS',
  'UNPLACED_ALERT_WEEKS',
  'EXPORT_LINK_TTL_MINUTES',
  'DATABASE_WAIT_SECONDS',
  'DATABASE_CONNECT_TIMEOUT_MS',
  'SHUTDOWN_GRACE_SECONDS',
]);

export class InvalidEnvironmentError extends Error {}

/**
 * Reads and validates the environment. Any invalid value stops the process with a message that
 * names the variable; unset variables take the local-development defaults above.
 */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new Environment())) {
    const value = source[key];
    if (value === undefined || value === '') continue;
    raw[key] = NUMERIC_KEYS.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const problems = validateSync(env, { whitelist: false }).map(
    (error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`,
  );
  if (env.isProduction && env.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET: must be set to a secret of at least 32 characters in production');
  }
  if (env.isProduction && env.PROTECTED_ATTRIBUTES_KEY === DEV_PROTECTED_ATTRIBUTES_KEY) {
    problems.push('PROTECTED_ATTRIBUTES_KEY: must be set to a random 64-hex-character key in production');
  }
  if (problems.length > 0) {
    throw new InvalidEnvironmentError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return env;
}
