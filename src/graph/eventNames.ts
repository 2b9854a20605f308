/** The names of visits and meetings recorded without one, in English and Arabic, and the name fields their rows carry. */
import { nameKeys } from './normalize.js';

/** "زيارة <traveler> إلى <host>، <date>": a visit's Arabic name, when both have one. */
export function visitNameAr(traveler: string | undefined, host: string | undefined, date: string): string | undefined {
  return traveler && host ? `زيارة ${traveler} إلى ${host}، ${date}` : undefined;
}

/** "Meeting of <A> and <B> on <date>": the English name of a meeting recorded without one. */
export function meetingName(principals: string[], date: string): string {
  const people = principals.length > 1 ? `${principals.slice(0, -1).join(', ')} and ${principals.at(-1)}` : principals.join('');
  return `Meeting of ${people} on ${date}`;
}

/** "لقاء <A> و<B>، <date>": a meeting's Arabic name, when every principal has one. */
export function meetingNameAr(principals: (string | undefined)[], date: string): string | undefined {
  return principals.every(Boolean) ? `لقاء ${principals.join(' و')}، ${date}` : undefined;
}

/**
 * The name fields of a visit or meeting row. `nameArKeys` are the Arabic name's own keys: the
 * write statement adds them to an existing event's nameKeys only when it gets its first Arabic name.
 */
export function eventNames(name: string, nameAr: string | undefined) {
  return {
    name,
    nameAr: nameAr ?? null,
    nameKeys: nameKeys({ name, nameAr }),
    nameArKeys: nameAr ? nameKeys({ name: nameAr }) : [],
  };
}
