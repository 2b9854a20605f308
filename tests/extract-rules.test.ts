/**
 * The extractor's reading rules on their own (no database): dates in both languages and both
 * Arabic month families, Arabic-Indic digits, ranges and relative words; titles before names;
 * and the `npm run extract -- --offline` JSON the README documents.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { findDates } from '../src/extract/dates.js';
import { Gazetteer } from '../src/extract/gazetteer.js';
import { RuleExtractor } from '../src/extract/ruleExtractor.js';
import { splitParagraphs, unitsOf } from '../src/extract/text.js';
import { articleEntities } from '../src/import/seed.js';

function dates(text: string, published: string | null = '2020-10-02') {
  const [paragraph] = splitParagraphs(text);
  return findDates(unitsOf(paragraph!), published).map((d) => ({ date: d.date, endDate: d.endDate, certainty: d.certainty }));
}

const extractor = new RuleExtractor(Gazetteer.build(articleEntities()));

describe('dates', () => {
  it('reads explicit dates in English and Arabic, with either family of Arabic month names and Arabic-Indic digits', () => {
    expect(dates('on 1 October 2020')).toEqual([{ date: '2020-10-01', endDate: null, certainty: 'stated' }]);
    expect(dates('on October 1, 2020')).toEqual([{ date: '2020-10-01', endDate: null, certainty: 'stated' }]);
    expect(dates('في الأول من أكتوبر/تشرين الأول 2020')).toEqual([{ date: '2020-10-01', endDate: null, certainty: 'stated' }]);
    expect(dates('يوم ٣٠ آذار ٢٠٢٢')[0]).toEqual({ date: '2022-03-30', endDate: null, certainty: 'stated' });
    expect(dates('في فبراير/شباط 2006')).toEqual([{ date: '2006-02', endDate: null, certainty: 'stated' }]);
    expect(dates('في 5 جويلية 1962')[0]!.date).toBe('1962-07-05');
  });

  it('reads ranges of days', () => {
    expect(dates('from 25-27 August 2022')[0]).toEqual({ date: '2022-08-25', endDate: '2022-08-27', certainty: 'stated' });
    expect(dates('من 13 إلى 15 يونيو 2023')[0]).toEqual({ date: '2023-06-13', endDate: '2023-06-15', certainty: 'stated' });
  });

  it('resolves weekdays and relative words against the publication date, and marks them inferred', () => {
    // 2 October 2020 was a Friday.
    expect(dates('أمس الخميس')).toEqual([{ date: '2020-10-01', endDate: null, certainty: 'inferred' }]);
    expect(dates('on Thursday')[0]!.date).toBe('2020-10-01');
    expect(dates('الخميس الماضي')[0]!.date).toBe('2020-10-01');
    expect(dates('next Monday')[0]!.date).toBe('2020-10-05');
    expect(dates('غداً')[0]!.date).toBe('2020-10-03');
    expect(dates('on 1 October')[0]).toMatchObject({ date: '2020-10-01', certainty: 'inferred' });
  });

  it('leaves them unresolved without a publication date', () => {
    expect(dates('yesterday', null)).toEqual([{ date: null, endDate: null, certainty: 'unresolved' }]);
    expect(dates('يوم الثلاثاء', null)[0]!.certainty).toBe('unresolved');
  });
});

describe('people and facts', () => {
  it('finds a person the graph does not know from the title before the name, in both languages', () => {
    for (const text of ['وصل وزير الخارجية الروسي سيرغي لافروف إلى الجزائر يوم 10 مايو 2022', 'Russian Foreign Minister Sergei Lavrov arrived in Algiers on 10 May 2022.']) {
      const { proposals } = extractor.extract({ text, publishedAt: '2022-05-11' });
      const visit = proposals.find((p) => p.type === 'visit');
      expect(visit).toMatchObject({ host: { id: 'country:algeria', created: false }, date: '2022-05-10', dateCertainty: 'stated' });
      expect(visit!.type === 'visit' && visit!.traveler).toMatchObject({ created: true, kind: 'PERSON' });
      expect(visit!.type === 'visit' && visit!.traveler.role).toMatch(/وزير الخارجية الروسي|Russian Foreign Minister/);
      const post = proposals.find((p) => p.type === 'relation' && p.relation === 'HOLDS_POSITION');
      expect(post).toMatchObject({ to: { id: 'position:foreign-minister-of-russia', created: true } });
    }
  });

  it('reads posts stated after a name too, and another spelling of a known person by the surname', () => {
    const { proposals } = extractor.extract({
      text: 'عنوان\nالتقى الرئيس عبد المجيد تبون، القائد الأعلى للقوات المسلحة، بالفريق السعيد شنقريحة رئيس أركان الجيش يوم 5 يناير 2021.',
      publishedAt: '2021-01-06',
    });
    const posts = proposals.filter((p) => p.type === 'relation').map((p) => p.type === 'relation' && `${p.from.id} ${p.to.id} ${p.properties.role}`);
    expect(posts).toEqual(
      expect.arrayContaining([
        'person:abdelmadjid-tebboune position:supreme-commander-of-the-algerian-armed-forces القائد الأعلى للقوات المسلحة',
        'person:said-chanegriha position:chief-of-staff-of-the-peoples-national-army رئيس أركان الجيش',
      ]),
    );
    const meeting = proposals.find((p) => p.type === 'meeting');
    expect(meeting?.type === 'meeting' && meeting.participants.map((x) => x.id)).toEqual(['person:abdelmadjid-tebboune', 'person:said-chanegriha']);
  });

  it('a precedent points at the later visit with the date the text gave it elsewhere', () => {
    const { proposals } = extractor.extract({
      text: [
        'إسبر في الجزائر',
        'قام وزير الدفاع الأميركي مارك إسبر أمس الخميس بزيارة إلى الجزائر.',
        // This sentence alone reads a second, undated visit by Esper; merged, it has the date.
        'أما إسبر فهو أول وزير دفاع يزور الجزائر منذ دونالد رامسفيلد في فبراير/شباط 2006.',
      ].join('\n'),
      publishedAt: '2020-10-02',
    });
    const precedent = proposals.find((p) => p.type === 'precedent');
    expect(precedent).toMatchObject({ traveler: { id: 'person:donald-rumsfeld' }, date: '2006-02', paragraphs: [2] });
    expect(precedent!.type === 'precedent' && precedent!.of).toMatchObject({ traveler: { id: 'person:mark-esper' }, host: { id: 'country:algeria' }, date: '2020-10-01' });
  });

  it('marks what the text reports as someone else\'s claim as attributed, with who claims it', () => {
    const { proposals } = extractor.extract({
      text: 'Talks in Algiers\nAccording to the Algerian Presidency, US Defense Secretary Mark Esper held talks with President Abdelmadjid Tebboune on 1 October 2020.',
      publishedAt: '2020-10-02',
    });
    const meeting = proposals.find((p) => p.type === 'meeting');
    expect(meeting).toMatchObject({ certainty: 'attributed', claimedBy: { id: 'organization:algerian-presidency' }, paragraphs: [1] });
  });
});

describe('npm run extract', () => {
  it('prints the documented JSON: paragraph count and proposals with type, paragraphs, certainty, confidence and entities', () => {
    const out = execFileSync(
      'npx',
      ['tsx', 'src/cli/extract.ts', path.join('data', 'eval', 'articles', 'lavrov-algeria-2022.en.txt'), '--published', '2022-05-11', '--offline'],
      { cwd: PROJECT_ROOT, encoding: 'utf8' },
    );
    const json = JSON.parse(out);
    expect(json.paragraphs).toBe(5);
    const visit = json.proposals.find((p: { type: string }) => p.type === 'visit');
    expect(visit).toMatchObject({ type: 'visit', paragraphs: [1], certainty: 'stated', date: '2022-05-10', dateCertainty: 'inferred' });
    expect(typeof visit.confidence).toBe('number');
    expect(Object.keys(visit.traveler).sort()).toEqual(['created', 'id', 'kind', 'name', 'nameAr', 'reason', 'role']);
    expect(visit.host).toMatchObject({ id: 'country:algeria', name: 'Algeria', kind: 'COUNTRY', created: false });
    const meeting = json.proposals.find((p: { type: string }) => p.type === 'meeting');
    expect(meeting.participants.map((x: { name: string }) => x.name)).toEqual(['Sergei Lavrov', 'Abdelmadjid Tebboune']);
  });
});
