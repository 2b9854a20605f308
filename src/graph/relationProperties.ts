/**
 * Which properties each relationship type takes, and of what type (ONTOLOGY.md lists them).
 * A relation recorded or corrected from outside (recordRelation, correctRelation, the importer)
 * may carry only these: anything else is BAD_USER_INPUT, so that no stray key (an empty one, an
 * injection-shaped one, five hundred of them) lands on an edge.
 */
import { isPartialDate } from './partialDate.js';
import { invalid } from './errors.js';
import { TEXT_LIMITS, checkText } from './text.js';

export type PropertyType = 'share' | 'partialDate' | 'text' | 'boolean' | 'textList' | 'entityId';

/** Every type that is not structural takes these (a period of validity, a dated fact). */
const COMMON: Record<string, PropertyType> = {
  since: 'partialDate', until: 'partialDate', date: 'partialDate', endDate: 'partialDate', period: 'text',
  // Whose claim an attributed fact is (an entity id, or words such as "some historians").
  attributedTo: 'text',
};

const SPECIFIC: Record<string, Record<string, PropertyType>> = {
  BUYS_ARMS_FROM: { share: 'share' },
  HOLDS_POSITION: { rank: 'text', role: 'text' },
  ISSUED_BY: { about: 'text' },
  WORKS_FOR: { role: 'text' },
  INSTITUTION_OF: { role: 'text' },
  INVOLVED: { role: 'text' },
  INTERESTED_IN: { buyer: 'entityId' },
  REGARDS_AS_PARTNER: { areas: 'textList' },
  SECURITY_RELATIONS_WITH: { strength: 'text' },
  ALLY_OF: { traditional: 'boolean' },
  OCCUPIED: { event: 'entityId' },
  SIGNED: { signatory: 'text' },
  PRESSURED: { toward: 'text' },
  LAID_WREATH_AT: { visitId: 'entityId' },
  LOCATED_IN: { capital: 'boolean' },
};

/** The properties a relationship type takes. */
export function declaredProperties(type: string): Record<string, PropertyType> {
  return { ...COMMON, ...(SPECIFIC[type] ?? {}) };
}

function checkValue(kind: PropertyType, value: unknown, at: string): void {
  const fail = (what: string) => {
    throw invalid(`${at}: must be ${what}; got ${JSON.stringify(value)?.slice(0, 60)}`, { at });
  };
  switch (kind) {
    case 'share':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) fail('a number from 0 to 1');
      return;
    case 'partialDate':
      if (typeof value !== 'string' || !isPartialDate(value)) fail('a date: YYYY, YYYY-MM or YYYY-MM-DD');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('true or false');
      return;
    case 'entityId':
      if (typeof value !== 'string' || !/^[a-z]+:\S+$/.test(value)) fail('an entity id such as "country:algeria"');
      checkText(value as string, at, 'id');
      return;
    case 'textList':
      if (!Array.isArray(value) || value.length > 50 || value.some((v) => typeof v !== 'string')) fail('a list of at most 50 strings');
      (value as string[]).forEach((v, i) => checkText(v, `${at}[${i}]`, 'name'));
      return;
    case 'text':
      if (typeof value !== 'string') fail(`a string of at most ${TEXT_LIMITS.name} characters`);
      checkText(value as string, at, 'name');
  }
}

/** Refuses keys the type does not declare and values of the wrong type. */
export function checkDeclaredProperties(type: string, properties: unknown, at: string): void {
  if (properties === undefined || properties === null) return;
  if (typeof properties !== 'object' || Array.isArray(properties)) throw invalid(`${at}.properties: expected an object`, { at });
  const declared = declaredProperties(type);
  for (const [key, value] of Object.entries(properties)) {
    const kind = Object.hasOwn(declared, key) ? declared[key] : undefined;
    if (!kind) {
      throw invalid(`${at}.properties: ${type} takes ${Object.keys(declared).join(', ')}; not ${JSON.stringify(key.slice(0, 60))}`, {
        at,
        allowed: Object.keys(declared),
      });
    }
    checkValue(kind, value, `${at}.properties.${key}`);
  }
}
