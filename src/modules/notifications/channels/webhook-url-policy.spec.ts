import { webhookUrlProblem } from './webhook-url-policy';

describe('webhookUrlProblem', () => {
  it.each([
    ['https://hooks.example.org/stagematch', false, null],
    ['http://127.0.0.1:8080/hook', false, null],
    ['ftp://example.org/hook', false, 'url must use http or https'],
    ['not a url', false, 'url must be an absolute http(s) URL'],
    ['https://user:pw@example.org/', false, 'url must not contain credentials'],
    [`https://example.org/${'x'.repeat(2030)}`, false, 'url must be at most 2048 characters'],
  ])('%s (production=%s) → %s', (url, production, problem) => {
    expect(webhookUrlProblem(url, production)).toBe(problem);
  });

  it.each(['http://localhost/h', 'http://127.0.0.1/h', 'http://10.1.2.3/h', 'http://192.168.0.5/h', 'http://172.20.0.1/h', 'http://169.254.169.254/latest', 'http://[::1]/h', 'http://[fd00::1]/h', 'http://printer.local/h'])(
    'refuses the non-routable %s in production only',
    (url) => {
      expect(webhookUrlProblem(url, true)).toBe('url must point at a publicly routable host');
      expect(webhookUrlProblem(url, false)).toBeNull();
    },
  );

  it('accepts a public address in production', () => {
    expect(webhookUrlProblem('https://203.0.113.10/hook', true)).toBeNull();
  });
});
