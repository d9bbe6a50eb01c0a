import { Injectable } from '@nestjs/common';
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Environment } from '../../config/environment';

/** What a token is for; one kind is never accepted in place of another. */
export enum TokenAudience {
  /** The bearer token `login` issues, for `/graphql`. */
  API = 'stagematch:api',
  /** The queue dashboard's cookie. */
  QUEUE_DASHBOARD = 'stagematch:queue-dashboard',
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** What a valid token says: whose it is and which session (`jti`) it belongs to. */
export interface TokenClaims {
  userId: string;
  sessionId: string;
}

/** Signs and verifies the HS256 tokens of sessions. Validity ends with `exp` or, sooner, with the session. */
@Injectable()
export class TokenService {
  /** Made once: given the secret as a string, jsonwebtoken would build a key object on every call. */
  private readonly key: KeyObject;

  constructor(private readonly env: Environment) {
    this.key = createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));
  }

  /** `lifetime` as JWT_EXPIRES_IN writes it (`12h`) or in seconds. */
  issue(claims: TokenClaims, audience: TokenAudience, lifetime: string | number = this.env.JWT_EXPIRES_IN): IssuedToken {
    const token = jwt.sign({}, this.key, {
      algorithm: 'HS256',
      subject: claims.userId,
      jwtid: claims.sessionId,
      audience,
      expiresIn: lifetime as jwt.SignOptions['expiresIn'],
      issuer: 'stagematch',
    });
    const { exp } = jwt.decode(token) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Throws when the token is malformed, forged, expired, for another audience or without a session. */
  verify(token: string, audience: TokenAudience): TokenClaims {
    const payload = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: 'stagematch', audience });
    if (typeof payload === 'string' || !payload.sub || !payload.jti) throw new Error('token has no subject or session');
    return { userId: payload.sub, sessionId: payload.jti };
  }
}
