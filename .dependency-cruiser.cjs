/**
 * Architecture gate (issue #14, rule 3), run by `npm run check:architecture` and so by `npm test`.
 * A module is a folder directly under src/modules; files inside one module may import each other
 * freely (cycles included), but no cycle of imports may pass through two modules, and an engine
 * folder stays pure (design.md §2: no Nest or TypeORM in src/modules/matching/engine).
 * dependency-cruiser sees cycles between files; a cycle between modules that no file cycle shows
 * (A → B/entities, B → A) is counted by src/architecture.spec.ts, which also checks table ownership.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-file-cycle-across-modules',
      severity: 'error',
      comment: 'A cycle of imports that leaves its module. Cycles within one module folder are allowed.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { circular: true, via: { pathNot: '^src/modules/$1/' } },
    },
    {
      name: 'engine-stays-pure',
      severity: 'error',
      comment: 'An engine folder holds pure logic: no Nest, no TypeORM (they belong in the services around it).',
      from: { path: '^src/modules/[^/]+/engine/' },
      to: { path: ['^node_modules/(@nestjs|typeorm|@nestjs-cls)/', '^node_modules/(pg|ioredis|bullmq)/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Only the modules form the graph that must be acyclic: src/database and src/common import
    // entities from every module, which is not a dependency between modules.
    includeOnly: { path: ['^src/modules/', '^node_modules/'] },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
