import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * CORS for browser apps on other origins: only the allowlisted origins (CORS_ORIGINS) get the
 * allow headers; any other origin gets none, so its browser refuses to hand over the answer. No
 * credentials: the API authenticates with bearer tokens, never with cookies.
 */
export function corsOptions(allowedOrigins: readonly string[]): CorsOptions {
  const allowed = new Set(allowedOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Apollo-Require-Preflight'],
    exposedHeaders: ['Content-Disposition'],
    maxAge: 600,
  };
}
