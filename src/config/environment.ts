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
  ValidateBy,
  validateSync,
} from 'class-validator';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_PROTECTED_ATTRIBUTES_KEY, DEVELOPMENT_SSO_ENCRYPTION_KEY, isPublishedSecret } from './published-secrets';
import { IsTrustProxy, parseTrustProxy, type TrustProxy } from './trust-proxy';

export enum AppRole {
  All = 'all',
  Api = 'api',
  Worker = 'worker',
}

const MAKE_A_SECRET = 'make one with `openssl rand -hex 32`';

/** CORS_ORIGINS entries: an origin exactly as a browser sends it in its `Origin` header. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function IsOriginList(): PropertyDecorator {
  return ValidateBy({
    name: 'isOriginList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && splitList(value).every(isOrigin),
      defaultMessage: () =>
        'CORS_ORIGINS must be a comma-separated list of origins as browsers send them: scheme://host[:port], lowercase, no path or trailing slash (e.g. https://app.stagematch.nl)',
    },
  });
}

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

  /** Signs tokens (HS256) and, through a derived key, export links. Production checks it further: see `productionSecretProblem`. */
  @IsString()
  @MinLength(32, { message: `JWT_SECRET must be at least 32 characters; ${MAKE_A_SECRET}` })
  JWT_SECRET = DEVELOPMENT_JWT_SECRET;

  /** AES-256-GCM key (64 hex characters) for the protected attributes (R24). */
  @Matches(/^[0-9a-fA-F]{64}$/, { message: `PROTECTED_ATTRIBUTES_KEY must be 32 bytes written as 64 hex characters; ${MAKE_A_SECRET}` })
  PROTECTED_ATTRIBUTES_KEY = DEVELOPMENT_PROTECTED_ATTRIBUTES_KEY;

  /** AES-256-GCM key (64 hex characters) for the client secrets of organizations' single sign-on (README "Accounts and sign-in"). */
  @Matches(/^[0-9a-fA-F]{64}$/, { message: `SSO_ENCRYPTION_KEY must be 32 bytes written as 64 hex characters; ${MAKE_A_SECRET}` })
  SSO_ENCRYPTION_KEY = DEVELOPMENT_SSO_ENCRYPTION_KEY;

  /** Web-app origins allowed to call the API from a browser (comma-separated; empty: none). */
  @IsOriginList()
  CORS_ORIGINS = '';

  /** Where clients reach the API; signed export links (CSV downloads) are built on it. */
  @Matches(/^https?:\/\/[^/]+$/, { message: 'PUBLIC_URL must be an http(s) origin without a path, e.g. https://api.stagematch.nl' })
  PUBLIC_URL = 'http://localhost:3000';

  /** Where the web app (the front end) is: invitation and password-reset links point at it. Production: https only. */
  @Matches(/^https?:\/\/[^/]+$/, { message: 'APP_URL must be an http(s) origin without a path, e.g. https://app.stagematch.nl' })
  APP_URL = 'http://localhost:5173';

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

  /**
   * Lets webhooks reach loopback, private and other non-routable addresses (a receiver on your own
   * machine or network). Development and tests only: production refuses to start with it on.
   */
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' | 'false' = 'false';

  /** Tries per e-mail or webhook delivery before it becomes a dead letter. */
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_MAX_ATTEMPTS = 6;

  @IsInt()
  @Min(1)
  @Max(50)
  MATCH_MAX_PREFERENCES = 20;

  /**
   * Seconds a running match round's lease lasts (renewed every third of it). A round whose lease
   * lapsed and whose job cannot run is queued again by any worker, which looks every half lease.
   * Longer than the longest solve (the engine holds the event loop while it solves).
   */
  @IsInt()
  @Min(2)
  @Max(3600)
  MATCH_ROUND_LEASE_SECONDS = 30;

  /** How often each worker re-queues deliveries and dispatches whose BullMQ job was lost (and that long untouched). */
  @IsInt()
  @Min(1)
  @Max(3600)
  RECONCILE_INTERVAL_SECONDS = 60;

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

  /** Runs of a transaction PostgreSQL aborted as a deadlock or serialization failure before the client gets a retryable CONFLICT. */
  @IsInt()
  @Min(1)
  @Max(10)
  TRANSACTION_MAX_ATTEMPTS = 3;

  /** Failed sign-ins for one e-mail address within LOGIN_FAILURE_WINDOW_SECONDS before it is refused (RATE_LIMITED). */
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 10;

  /** Failed sign-ins from one client address (an IPv6 /64) within the window before it is refused. */
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_IP = 100;

  /** The sliding window over which failed sign-ins are counted (15 minutes). */
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /** Requests one API key may make per minute (a fixed window in Redis) before it is RATE_LIMITED. */
  @IsInt()
  @Min(1)
  @Max(100000)
  API_KEY_REQUESTS_PER_MINUTE = 600;

  /** The largest file a bulk import (POST /imports/...) takes, in bytes; a bigger one is refused with 413. */
  @IsInt()
  @Min(1024)
  @Max(104857600)
  IMPORT_MAX_BYTES = 10485760;

  /** The most data rows one import file may have; more is refused with 413 (split the file). */
  @IsInt()
  @Min(1)
  @Max(1000000)
  IMPORT_MAX_ROWS = 20000;

  /** Imports (dry runs included) one organization may start per minute before it is RATE_LIMITED (429). */
  @IsInt()
  @Min(1)
  @Max(10000)
  IMPORTS_PER_MINUTE = 10;

  /** Which proxies' X-Forwarded-For to believe for the client address: false, a hop count, or their addresses. */
  @IsTrustProxy()
  TRUST_PROXY = 'false';

  /** Operation limits, checked on the parsed document before execution (README "GraphQL operation limits"). */
  @IsInt()
  @Min(1)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COST = 5000;

  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_ALIASES = 30;

  @IsInt()
  @Min(100)
  @Max(100000)
  GRAPHQL_MAX_TOKENS = 5000;

  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_DIRECTIVES = 10;

  @IsInt()
  @Min(1)
  @Max(100)
  GRAPHQL_MAX_ROOT_FIELDS = 10;

  /**
   * Load the demo data set (public password) when the database is empty. Unset, it is `true` in
   * development and test and `false` in production (see `loadEnvironment`).
   */
  @IsIn(['true', 'false'])
  SEED_DEMO_ON_EMPTY: 'true' | 'false' = 'true';

  /** The worker role serves `GET /health` on this port (its container health check). */
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  @IsNotEmpty()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get corsOrigins(): string[] {
    return splitList(this.CORS_ORIGINS);
  }

  get webhooksMayReachPrivateTargets(): boolean {
    return this.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true';
  }

  /** TRUST_PROXY as Express's `trust proxy` setting takes it. */
  get trustProxy(): TrustProxy {
    return parseTrustProxy(this.TRUST_PROXY)!;
  }
}

const NUMERIC_KEYS: ReadonlySet<string> = new Set([
  'PORT',
  'GRAPHQL_MAX_DEPTH',
  'GRAPHQL_MAX_COST',
  'GRAPHQL_MAX_ALIASES',
  'GRAPHQL_MAX_TOKENS',
  'GRAPHQL_MAX_DIRECTIVES',
  'GRAPHQL_MAX_ROOT_FIELDS',
  'OUTBOX_POLL_MS',
  'WEBHOOK_TIMEOUT_MS',
  'DELIVERY_MAX_ATTEMPTS',
  'MATCH_MAX_PREFERENCES',
  'MATCH_ROUND_LEASE_SECONDS',
  'RECONCILE_INTERVAL_SECONDS',
  'OFFER_EXPIRY_DAYS',
  'ACCREDITATION_REVIEW_NOTICE_DAYS',
  'UNPLACED_ALERT_WEEKS',
  'EXPORT_LINK_TTL_MINUTES',
  'WORKER_HEALTH_PORT',
  'LOGIN_MAX_FAILURES_PER_ACCOUNT',
  'LOGIN_MAX_FAILURES_PER_IP',
  'LOGIN_FAILURE_WINDOW_SECONDS',
  'API_KEY_REQUESTS_PER_MINUTE',
  'IMPORT_MAX_BYTES',
  'IMPORT_MAX_ROWS',
  'IMPORTS_PER_MINUTE',
  'TRANSACTION_MAX_ATTEMPTS',
  'DATABASE_WAIT_SECONDS',
  'DATABASE_CONNECT_TIMEOUT_MS',
  'SHUTDOWN_GRACE_SECONDS',
]);

export class InvalidEnvironmentError extends Error {}

const invalidOrigin = (errors: { property: string }[], name: string) => errors.some((error) => error.property === name);

/**
 * How much a secret holds: a hex string counts by the bytes it encodes (so `openssl rand -hex 32`
 * is 32 bytes; its 64 characters can only ever show 16 distinct ones), anything else by its UTF-8
 * bytes and distinct characters.
 */
function secretMaterial(value: string): { bytes: number; distinct: number; unit: 'bytes' | 'characters' } {
  if (/^(?:[0-9a-f]{2})+$/i.test(value)) {
    const decoded = Buffer.from(value, 'hex');
    return { bytes: decoded.length, distinct: new Set(decoded).size, unit: 'bytes' };
  }
  return { bytes: Buffer.byteLength(value, 'utf8'), distinct: new Set(value).size, unit: 'characters' };
}

const MIN_SECRET_BYTES = 32;
const PRODUCTION_SECRETS = ['JWT_SECRET', 'PROTECTED_ATTRIBUTES_KEY', 'SSO_ENCRYPTION_KEY'] as const;
type ProductionSecret = (typeof PRODUCTION_SECRETS)[number];
const MIN_DISTINCT = 16;

/**
 * Production refuses a secret published with Stagematch (a default, the compose fallback, an
 * example: anyone could forge a PLATFORM token with it) and a weak one: under 32 bytes (HS256
 * wants a key at least as long as its hash, RFC 7518 §3.2) or fewer than 16 distinct characters
 * (bytes for hex: its 64 characters can show at most 16, and a quarter of random keys show
 * fewer). A random 32-byte key has about 30 distinct bytes; one with fewer than 16 is
 * astronomically unlikely, so a generated key is never refused.
 */
function productionSecretProblem(name: ProductionSecret, value: string): string | undefined {
  if (isPublishedSecret(value)) {
    return `${name}: this value is published in the Stagematch repository (a default or example), so anyone can use it; ${MAKE_A_SECRET}`;
  }
  const { bytes, distinct, unit } = secretMaterial(value);
  if (bytes < MIN_SECRET_BYTES || distinct < MIN_DISTINCT) {
    return `${name}: too weak for production (${bytes} bytes with ${distinct} distinct ${unit}; at least ${MIN_SECRET_BYTES} bytes with ${MIN_DISTINCT} distinct ${unit} needed); ${MAKE_A_SECRET}`;
  }
  return undefined;
}

/**
 * Reads and validates the environment. Any invalid value stops the process with a message that
 * names the variable; unset variables take the defaults above (SEED_DEMO_ON_EMPTY's depends on NODE_ENV).
 */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new Environment())) {
    const value = source[key];
    if (value === undefined || value === '') continue;
    raw[key] = NUMERIC_KEYS.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  // The demo users share a published password: production loads them only when asked to.
  if (raw.SEED_DEMO_ON_EMPTY === undefined) env.SEED_DEMO_ON_EMPTY = env.isProduction ? 'false' : 'true';
  const errors = validateSync(env, { whitelist: false });
  const problems = errors.map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
  if (env.isProduction) {
    // A variable the schema refused already is not judged twice.
    const invalid = new Set(errors.map((error) => error.property));
    for (const name of PRODUCTION_SECRETS) {
      const problem = invalid.has(name) ? undefined : productionSecretProblem(name, env[name]);
      if (problem) problems.push(problem);
    }
  }
  if (env.isProduction && !invalidOrigin(errors, 'APP_URL') && (raw.APP_URL === undefined || !env.APP_URL.startsWith('https://'))) {
    problems.push('APP_URL: production needs the https origin of the web app (invitation and password-reset links point at it), e.g. https://app.stagematch.nl');
  }
  if (env.isProduction && env.webhooksMayReachPrivateTargets) {
    problems.push('WEBHOOK_ALLOW_PRIVATE_TARGETS: must be false in production (webhooks must not reach internal addresses)');
  }
  if (problems.length > 0) {
    throw new InvalidEnvironmentError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return env;
}
