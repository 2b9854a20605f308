/**
 * A file's record becomes the writers' record as the same record sent to a mutation would:
 * coerced against its GraphQL input type, then mapped (src/graphql/inputs.ts). No database.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/graph/errors.js';
import { recordFromEntry } from '../src/graphql/inputs.js';

describe('recordFromEntry', () => {
  it('maps a visit: enums to the stored values, names trimmed, absent fields left out', () => {
    const record = recordFromEntry({
      line: 1,
      kind: 'visit',
      value: {
        traveler: { name: '  Mark Esper ', kind: 'PERSON' },
        host: { id: 'country:algeria' },
        date: '2020-10-01',
        certainty: 'ATTRIBUTED',
        source: { id: 'source:x', publisher: null },
        meetings: [{ with: [{ name: 'Abdelmadjid Tebboune' }], certainty: 'EXTERNAL' }],
      },
    });
    expect(record).toEqual({
      traveler: { name: 'Mark Esper', kind: 'PERSON' },
      host: { id: 'country:algeria' },
      date: '2020-10-01',
      certainty: 'attributed',
      sourceInfo: { id: 'source:x' },
      meetings: [{ with: [{ name: 'Abdelmadjid Tebboune' }], certainty: 'external' }],
    });
  });

  it('refuses what the input type refuses, naming every field at fault', () => {
    const refused = () => recordFromEntry({ line: 3, kind: 'visit', value: { traveler: { name: 'X' }, date: '2021-02-30', certainty: 'SURE' } });
    expect(refused).toThrow(DomainError);
    expect(refused).toThrow(/Field "host" of required type/);
    expect(refused).toThrow(/input\.date/);
    expect(refused).toThrow(/input\.certainty/);
  });

  it('maps relations and entities with their provenance', () => {
    expect(recordFromEntry({ line: 1, kind: 'relation', value: { from: { id: 'country:algeria' }, type: 'BUYS_ARMS_FROM', to: { id: 'country:russia' }, properties: { share: 0.9 }, paragraphs: [13], certainty: 'STATED' } }))
      .toEqual({ from: { id: 'country:algeria' }, type: 'BUYS_ARMS_FROM', to: { id: 'country:russia' }, properties: { share: 0.9 }, paragraphs: [13], certainty: 'stated' });
    expect(recordFromEntry({ line: 1, kind: 'entity', value: { id: ' topic:x ', kind: 'TOPIC', name: 'X', nameAr: '' } }))
      .toEqual({ id: 'topic:x', kind: 'TOPIC', name: 'X' });
  });
});
