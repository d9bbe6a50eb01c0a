import request from 'supertest';
import { TestApp } from './support/test-app';

/** Where a page could load something from: src/href attributes, CSS url(), @import. */
function referencesOf(text: string): string[] {
  const attributes = [...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
  const urls = [...text.matchAll(/url\(\s*['"]?([^'")]+)/g)].map((match) => match[1]);
  const imports = [...text.matchAll(/@import\s+['"]([^'"]+)/g)].map((match) => match[1]);
  return [...attributes, ...urls, ...imports];
}

/** The development IDE (issue #19): GraphiQL served offline from our own assets, off in production; no Playground. */
describe('GraphiQL at /graphiql', () => {
  describe('outside production', () => {
    let t: TestApp;
    beforeAll(async () => (t = await TestApp.start({ withWorker: false })));
    afterAll(() => t.stop());

    it('serves the page, whose every script and stylesheet comes from this server', async () => {
      const page = await request(t.app.getHttpServer()).get('/graphiql').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<div id="graphiql">');
      // The browser may load nothing from elsewhere.
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/https?:/);

      const references = referencesOf(page.text);
      expect(references.length).toBeGreaterThanOrEqual(5);
      for (const reference of references) {
        expect(reference).toMatch(/^\/graphiql\/assets\//);
        const asset = await request(t.app.getHttpServer()).get(reference).expect(200);
        expect(asset.headers['content-type']).toMatch(reference.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
        const body = asset.text ?? String(asset.body);
        expect(body.length).toBeGreaterThan(20);
        if (reference.endsWith('.css')) {
          // The fonts are inlined: a stylesheet references only data: URLs.
          for (const inner of referencesOf(body)) expect(inner).toMatch(/^data:/);
        }
      }
    });

    it('starts GraphiQL against this API, with no URL of another host', async () => {
      const start = await request(t.app.getHttpServer()).get('/graphiql/assets/start.js').expect(200);
      expect(start.text).toContain("url: '/graphql'");
      expect(start.text).not.toMatch(/https?:\/\//);
    });

    it('answers an unknown asset with 404', async () => {
      await request(t.app.getHttpServer()).get('/graphiql/assets/../../package.json').expect(404);
      await request(t.app.getHttpServer()).get('/graphiql/assets/nope.js').expect(404);
    });

    it('no longer serves the retired Playground (nor any CDN landing page) at /graphql', async () => {
      const response = await request(t.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
      expect(response.text).not.toMatch(/playground|cdn\.jsdelivr|unpkg|embeddable-sandbox|apollo-server-landing-page/i);
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => (t = await TestApp.start({ withWorker: false, env: { NODE_ENV: 'production' } })));
    afterAll(() => t.stop());

    it('is not there: 404 for the page and its assets', async () => {
      await request(t.app.getHttpServer()).get('/graphiql').expect(404);
      await request(t.app.getHttpServer()).get('/graphiql/assets/graphiql.min.js').expect(404);
    });
  });
});
