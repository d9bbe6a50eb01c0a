import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * A typed client from the committed schema and the example operations (issue #19): what a front end
 * generates. `npm run check:client` generates it into client/generated/ (not committed) and type-checks
 * it together with client/usage.ts, which uses the generated types the way a front end would.
 */
const CONFIG = {
  // Our scalars arrive as JSON strings (DateTime: ISO 8601 instant; LocalDate: YYYY-MM-DD) and objects.
  scalars: { DateTime: 'string', LocalDate: 'string', JSONObject: 'Record<string, unknown>' },
  enumsAsTypes: true,
  strictScalars: true,
  useTypeImports: true,
};

const config: CodegenConfig = {
  schema: 'graphql/schema.graphql',
  documents: 'graphql/examples/*.graphql',
  generates: {
    // Every schema type (typescript) and, apart, each example's result and variables (typescript-operations
    // 6 writes the enums and inputs an operation uses into its own file: one file for both would declare them twice).
    'client/generated/schema.ts': { plugins: ['typescript'], config: CONFIG },
    'client/generated/operations.ts': { plugins: ['typescript-operations'], config: CONFIG },
  },
};

export default config;
