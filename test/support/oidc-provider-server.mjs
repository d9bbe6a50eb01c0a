// A real OpenID provider (oidc-provider, the certified library) on a loopback port, for the
// single sign-on tests. It runs as its own process (plain Node: the library is an ES module that
// Jest on Node 20 cannot load) and prints one JSON line, {"issuer": …}, once it listens.
//
// Accounts need no registry: the login name IS the account, base64url(JSON of its claims), e.g.
// {"email":"a@school.test","email_verified":true,"name":"A"}; the subject is that same string.
// PORT (default: any free one) is where it listens: `npm run demo:oidc-provider` serves the demo
// school's single sign-on on 4000. Clients (all with the secret in CLIENT_SECRET, redirect URI REDIRECT_URI):
//   stagematch                 an honest provider
//   stagematch-other-audience  its ID tokens name another client as audience (re-signed with the real key)
//   stagematch-other-nonce     its ID tokens carry another nonce (re-signed with the real key)
//   stagematch-expiring        its authorization codes expire after one second
import { createServer } from 'node:http';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

const { REDIRECT_URI, CLIENT_SECRET } = process.env;
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

const server = createServer();
await new Promise((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const client = (client_id) => ({
  client_id,
  client_secret: CLIENT_SECRET,
  redirect_uris: [REDIRECT_URI],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
});

const provider = new Provider(issuer, {
  clients: ['stagematch', 'stagematch-other-audience', 'stagematch-other-nonce', 'stagematch-expiring'].map(client),
  jwks: { keys: [signingKey] },
  cookies: { keys: ['oidc-provider test cookie key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: (_ctx, accountId) => ({
    accountId,
    claims: () => ({ sub: accountId, ...JSON.parse(Buffer.from(accountId, 'base64url').toString('utf8')) }),
  }),
  ttl: { AuthorizationCode: (_ctx, _code, { clientId }) => (clientId === 'stagematch-expiring' ? 1 : 60) },
  features: { devInteractions: { enabled: true } },
});

const TAMPER = {
  'stagematch-other-audience': (claims) => ({ ...claims, aud: 'another-client' }),
  'stagematch-other-nonce': (claims) => ({ ...claims, nonce: 'not-the-nonce-stagematch-sent' }),
};
provider.use(async (ctx, next) => {
  await next();
  const tamper = ctx.path === '/token' && ctx.body?.id_token && TAMPER[ctx.oidc?.client?.clientId];
  if (!tamper) return;
  const token = ctx.body.id_token;
  ctx.body = { ...ctx.body, id_token: await new SignJWT(tamper(decodeJwt(token))).setProtectedHeader(decodeProtectedHeader(token)).sign(privateKey) };
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
