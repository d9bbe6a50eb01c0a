import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { Environment } from '../../config/environment';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Signs and verifies the HS256 bearer tokens `login` issues. */
@Injectable()
export class TokenService {
  constructor(private readonly env: Environment) {}

  issue(userId: string): IssuedToken {
    const token = jwt.sign({}, this.env.JWT_SECRET, {
      algorithm: 'HS256',
      subject: userId,
      expiresIn: this.env.JWT_EXPIRES_IN as jwt.SignOptions['expiresIn'],
      issuer: 'stagematch',
    });
    const { exp } = jwt.decode(token) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The user id the token was issued to; throws when it is malformed, forged or expired. */
  verify(token: string): string {
    const payload = jwt.verify(token, this.env.JWT_SECRET, { algorithms: ['HS256'], issuer: 'stagematch' });
    if (typeof payload === 'string' || !payload.sub) throw new Error('token has no subject');
    return payload.sub;
  }
}
