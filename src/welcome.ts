/** What `npm start` tells a person once the service is up: where things are, how to write. */
import type { Config } from './config.js';

export function welcome(url: string, config: Pick<Config, 'apiKey' | 'apiKeyGenerated'>): string {
  const writes = config.apiKeyGenerated
    // Printed once, to the terminal only: the key is not logged.
    ? `header "Authorization: Bearer ${config.apiKey}" (a key made for this run; set API_KEY to choose one)`
    : 'header "Authorization: Bearer <API_KEY>" (the API_KEY you set)';
  return [
    '',
    'Diplomatic visit graph is ready:',
    `  API (POST) and playground (browser)  ${url}/graphql`,
    `  Explorer                             ${url}/`,
    `  Writes (recordVisit, recordRelation) need the ${writes}`,
    '',
    '',
  ].join('\n');
}
