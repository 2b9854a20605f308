// Resolver and schema types come from schema.graphql, never written twice (npm run codegen).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'src/graphql/generated/types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: { JSON: 'unknown', PartialDate: 'string' },

        // Certainty as resolvers hand it over: the lower-case values the graph stores (ontology.ts).
        enumValues: { Certainty: '../../graph/ontology.js#Certainty' },
        contextType: '../context.js#GraphQLContext',
        // Parents and results of object types are the maps our Cypher projections return (keyed by
        // response key, see src/graphql/read/project.ts) or objects a mutation builds: plain records.
        defaultMapper: 'object',
      },
      hooks: { afterOneFileWrite: ['node scripts/type-only-reexports.mjs'] },
    },
  },
};

export default config;
