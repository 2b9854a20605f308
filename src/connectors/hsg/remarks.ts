/**
 * What a trip's remarks say, read conservatively: whom the traveler met ("Met with President
 * Abdelmadjid Tebboune and Foreign Minister Ramtane Lamamra": two people, each with a role)
 * and which conferences or summits they attended. Anything else stays in the remark itself,
 * which is kept whole as the source's note on the visit.
 */
import { isFullName, readPeople, type NamedPerson } from './people.js';

export interface ReadRemarks {
  met: NamedPerson[];
  attended: string[];
}

/** The sentences (or semicolon clauses) of a remark; one may end on a regnal number ("Queen Elizabeth II."). */
function clauses(text: string): string[] {
  return text.split(/(?<=[a-z)\]]|\b(?:II|III|IV|VI|VII|VIII|IX|XI|XII))\.\s+|;\s*/).map((c) => c.trim().replace(/\.$/, '')).filter(Boolean);
}

const MET = /\b(?:met|meeting|meetings|talks|conferred|consultations)\s+with\s+(.+)$/i;
const ATTENDED = /\b(?:attended|participated in|took part in)\s+(?:the\s+|a\s+|an\s+)?(.+)$/i;
const GATHERING = /\b(conference|summit|meeting|ministerial|council|session|assembly|ceremon(?:y|ies)|inauguration|funeral|coronation|talks|forum|commission)\b/i;

export function readRemarks(remarks: string | undefined): ReadRemarks {
  const met: NamedPerson[] = [];
  const attended: string[] = [];
  for (const clause of clauses(remarks ?? '')) {
    const meeting = MET.exec(clause);
    if (meeting) {
      // "...with X and Y, and attended ...": stop at what is no longer a person.
      const people = meeting[1]!.split(/\s+(?:and|to)\s+(?=[a-z])|,\s+(?=[a-z])/)[0]!;
      for (const person of readPeople(people)) {
        if (isFullName(person.name) && !met.some((m) => m.name === person.name)) met.push(person);
      }
    }
    const gathering = ATTENDED.exec(clause);
    if (gathering) {
      const what = gathering[1]!.split(/\s+and\s+(?:met|held|visited|signed|accompanied|addressed|discussed|reviewed|toured|consulted|conferred|participated|gave|delivered|opened)\b|,\s+(?:and\s+)?(?:met|held|visited|discussed|reviewed)\b/)[0]!.trim();
      if (GATHERING.test(what) && !attended.includes(what)) attended.push(what);
    }
  }
  return { met, attended };
}
