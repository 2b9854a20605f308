/**
 * The article's data file read as records, grouped as the loader writes them (source, entities,
 * relations, visits, standalone meetings, relations that name visits or meetings), for tests
 * that check the data itself. Read through the importer's own parsing and coercion.
 */
import { readFileSync } from 'node:fs';
import { parseImport } from '../../src/import/files.js';
import type { EntityImport, EntityRecord, MeetingRecord, Properties, RelationRecord, SourceRecord, VisitRecord } from '../../src/graph/records.js';
import { ARTICLE_FILES } from '../../src/import/seed.js';
import { recordFromEntry } from '../../src/graphql/inputs.js';

export interface ArticleDocument {
  source: EntityRecord & { properties: Properties };
  entities: EntityRecord[];
  relations: RelationRecord[];
  visits: VisitRecord[];
  meetings: MeetingRecord[];
  eventRelations: RelationRecord[];
}

/** A record's source as an id (the article's records name their source by id). */
function withSourceId<T extends { sourceInfo?: SourceRecord; source?: string }>(record: T): T {
  const { sourceInfo, ...rest } = record;
  return (sourceInfo?.id ? { ...rest, source: sourceInfo.id } : rest) as T;
}

export function articleDocument(file = ARTICLE_FILES[0]!): ArticleDocument {
  const { entries, failures } = parseImport(readFileSync(file, 'utf8'));
  if (failures.length > 0) throw new Error(`unreadable article file: ${JSON.stringify(failures)}`);
  const doc: ArticleDocument = { source: undefined as never, entities: [], relations: [], visits: [], meetings: [], eventRelations: [] };
  let seenVisits = false;
  for (const entry of entries) {
    const record = recordFromEntry(entry);
    if (entry.kind === 'entity') {
      const { sourceInfo: _s, certainty: _c, ...entity } = record as EntityImport;
      if (entity.kind === 'SOURCE' && !doc.source) doc.source = entity as ArticleDocument['source'];
      else doc.entities.push(entity);
    } else if (entry.kind === 'relation') {
      (seenVisits ? doc.eventRelations : doc.relations).push(withSourceId(record as RelationRecord & { sourceInfo?: SourceRecord }));
    } else if (entry.kind === 'visit') {
      seenVisits = true;
      const visit = withSourceId(record as VisitRecord & { sourceInfo?: SourceRecord });
      doc.visits.push({ ...visit, meetings: visit.meetings?.map((m) => ({ ...m, source: visit.source })) } as VisitRecord);
    } else {
      doc.meetings.push(withSourceId(record as MeetingRecord));
    }
  }
  return doc;
}
