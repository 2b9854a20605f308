/** GraphQL enums whose values the graph stores in its own words: STATED is stored 'stated'. */
import { CERTAINTIES } from '../graph/ontology.js';

export const enumResolvers = {
  Certainty: Object.fromEntries(CERTAINTIES.map((c) => [c.toUpperCase(), c])),
};
