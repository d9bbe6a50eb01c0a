import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { dirname, join } from 'node:path';

/** Where the IDE lives; its assets under `${GRAPHIQL_PATH}/assets/`. */
export const GRAPHIQL_PATH = '/graphiql';

/**
 * Only this origin: every script, style, font and request of the page is served by this API
 * (GraphiQL's fonts are data: URLs inside its CSS; React sets inline styles, hence 'unsafe-inline' for styles).
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The bundles, straight from node_modules (graphiql's UMD build expects window.React and window.ReactDOM). */
function assetFiles(): Record<string, { file: string; type: string }> {
  const react = dirname(require.resolve('react/package.json'));
  const reactDom = dirname(require.resolve('react-dom/package.json'));
  return {
    'react.production.min.js': { file: join(react, 'umd', 'react.production.min.js'), type: 'text/javascript; charset=utf-8' },
    'react-dom.production.min.js': { file: join(reactDom, 'umd', 'react-dom.production.min.js'), type: 'text/javascript; charset=utf-8' },
    'graphiql.min.js': { file: require.resolve('graphiql/graphiql.min.js'), type: 'text/javascript; charset=utf-8' },
    'graphiql.min.css': { file: require.resolve('graphiql/graphiql.min.css'), type: 'text/css; charset=utf-8' },
  };
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Stagematch API · GraphiQL</title>
    <link rel="stylesheet" href="${GRAPHIQL_PATH}/assets/graphiql.min.css" />
    <link rel="stylesheet" href="${GRAPHIQL_PATH}/assets/page.css" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${GRAPHIQL_PATH}/assets/react.production.min.js"></script>
    <script src="${GRAPHIQL_PATH}/assets/react-dom.production.min.js"></script>
    <script src="${GRAPHIQL_PATH}/assets/graphiql.min.js"></script>
    <script src="${GRAPHIQL_PATH}/assets/start.js"></script>
  </body>
</html>
`;

const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; }\n';

const DEFAULT_QUERY = `# Stagematch API (development only). Sign in first, e.g. with a demo user:
#
#   mutation { login(email: "…", password: "…") { token } }
#
# then put the token in Headers below: { "Authorization": "Bearer <token>" }.
# Example operations: graphql/examples/ in the repository.

query Me {
  me { id name email role }
}
`;

const START_JS = `(function () {
  var fetcher = GraphiQL.createFetcher({
    url: '/graphql',
    headers: { accept: 'application/graphql-response+json, application/json;q=0.9' },
  });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
    defaultHeaders: '{ "Authorization": "Bearer " }',
    shouldPersistHeaders: false,
  }));
})();
`;

/**
 * GraphiQL at /graphiql outside production, working offline: the page, React and GraphiQL all come
 * from this server (node_modules), nothing from a CDN. In production nothing is mounted (404), and
 * Apollo's landing page (the retired Playground) is off everywhere (`playground: false`).
 */
export function serveGraphiql(app: INestApplication, production: boolean): void {
  if (production) return;
  let files: ReturnType<typeof assetFiles>;
  try {
    files = assetFiles();
  } catch (error) {
    // graphiql and react are devDependencies: an install without them simply has no IDE.
    Logger.warn(`GraphiQL not served: ${(error as Error).message}`, 'GraphiQL');
    return;
  }
  const inline: Record<string, { body: string; type: string }> = {
    'page.css': { body: PAGE_CSS, type: 'text/css; charset=utf-8' },
    'start.js': { body: START_JS, type: 'text/javascript; charset=utf-8' },
  };
  app.use(GRAPHIQL_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('content-security-policy', GRAPHIQL_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    if (req.path === '/' || req.path === '') {
      res.type('text/html; charset=utf-8').send(PAGE);
      return;
    }
    const name = req.path.startsWith('/assets/') ? req.path.slice('/assets/'.length) : '';
    if (inline[name]) {
      res.type(inline[name].type).send(inline[name].body);
      return;
    }
    const asset = files[name];
    if (!asset) return next();
    res.type(asset.type);
    res.sendFile(asset.file, { maxAge: '1h' });
  });
}
