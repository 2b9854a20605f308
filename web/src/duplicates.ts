/**
 * "Review duplicates": the pairs of entities that may be one (duplicateCandidates), each shown
 * side by side with names, aliases, first dated activity and neighbours, to merge (mergeEntities, keeping
 * either side) or to set aside as two different entities (dismissDuplicate, remembered by the
 * service). Writes need the API key, shared with "Add an article" and kept for the tab only.
 */
import { gql } from './api.js';
import { keyField } from './apiKey.js';
import { byId, clear, h, text } from './dom.js';
import type { Lang } from './i18n.js';

interface Neighbour {
  type: string;
  direction: 'IN' | 'OUT';
  other: { id: string; name: string; nameAr: string | null };
}

interface Side {
  id: string;
  kind: string;
  name: string;
  nameAr: string | null;
  aliases: string[];
  relations: Neighbour[];
  visits?: { date: string | null }[];
  meetings?: { date: string | null }[];
  visitsConnection?: { totalCount: number };
  meetingsConnection?: { totalCount: number };
}

interface Candidate {
  reason: string;
  score: number;
  a: Side;
  b: Side;
}

/** Pairs read per page; each side's neighbours are cut at NEIGHBOURS (sources' mentions left out). */
const PAGE = 10;
const NEIGHBOURS = 6;
// Kept small: the server prices a query by the page sizes it asks for. The first dated visit and
// meeting and their totals say when a person was active without reading every visit.
const SIDE = `id kind name nameAr aliases
  relations(first: 10) { type direction other { id name nameAr } }
  ... on Person { visits(first: 1) { date } meetings(first: 1) { date } visitsConnection(first: 1) { totalCount } meetingsConnection(first: 1) { totalCount } }`;

const WORDS = {
  en: {
    reviewDuplicates: 'Review duplicates',
    hint: 'Pairs of entities that may be one, surest first. Merge them into the side to keep, or set them apart for good.',
    kind: 'Kind',
    key: 'API key',
    load: 'List likely duplicates',
    more: 'More',
    none: 'No likely duplicates of this kind.',
    aliases: 'Aliases',
    active: 'Dated activity',
    since: 'from',
    noDates: 'no dated visit or meeting',
    visitsMeetings: '{v} visit(s), {m} meeting(s)',
    neighbours: 'Neighbours',
    noNeighbours: 'none',
    keepThis: 'Merge, keep this one',
    notSame: 'Not the same',
    merged: '{merged} merged into {kept} ({moved} relation(s) moved, {combined} combined).',
    dismissed: '{a} and {b} are kept apart; the pair is no longer listed.',
    reasonNameVariant: 'same name, spelt differently',
    reasonSurname: 'a surname alone and a full name',
    reasonSameName: 'same name or alias',
    score: 'score',
    PERSON: 'People',
    COUNTRY: 'Countries',
    CITY: 'Cities',
    ORGANIZATION: 'Organizations',
  },
  ar: {
    reviewDuplicates: 'مراجعة التكرارات',
    hint: 'أزواج من الكيانات قد تكون كياناً واحداً، الأرجح أولاً. ادمجها في الطرف الذي تبقيه، أو افصل بينها نهائياً.',
    kind: 'النوع',
    key: 'مفتاح الواجهة',
    load: 'اعرض التكرارات المحتملة',
    more: 'المزيد',
    none: 'لا تكرارات محتملة من هذا النوع.',
    aliases: 'أسماء أخرى',
    active: 'النشاط المؤرخ',
    since: 'منذ',
    noDates: 'لا زيارة ولا لقاء مؤرخ',
    visitsMeetings: '{v} زيارة، {m} لقاء',
    neighbours: 'الجوار',
    noNeighbours: 'لا شيء',
    keepThis: 'ادمج وأبقِ هذا',
    notSame: 'ليسا واحداً',
    merged: 'دُمج {merged} في {kept} (نُقلت {moved} علاقة ودُمجت {combined}).',
    dismissed: 'يبقى {a} و{b} منفصلين؛ لن يُعرض الزوج بعد الآن.',
    reasonNameVariant: 'الاسم نفسه بكتابة مختلفة',
    reasonSurname: 'لقب وحده واسم كامل',
    reasonSameName: 'الاسم نفسه أو اسم آخر مشترك',
    score: 'الدرجة',
    PERSON: 'أشخاص',
    COUNTRY: 'دول',
    CITY: 'مدن',
    ORGANIZATION: 'منظمات',
  },
} satisfies Record<Lang, Record<string, string>>;
type Word = keyof (typeof WORDS)['en'];

const REASON_WORDS: Record<string, Word> = { 'name-variant': 'reasonNameVariant', surname: 'reasonSurname', 'same-name': 'reasonSameName' };
const KINDS = ['PERSON', 'COUNTRY', 'CITY', 'ORGANIZATION'] as const;

export interface DuplicatesPanelOptions {
  lang: () => Lang;
  track: <T>(work: Promise<T>) => Promise<T>;
  onError: (err: unknown) => void;
  /** An entity to draw (the one kept after a merge, or one side when its name is clicked). */
  onShow: (id: string) => void;
}

/** The first date of a person's visits and meetings (each list comes in date order). */
function firstActive(side: Side): string | null {
  return [...(side.visits ?? []), ...(side.meetings ?? [])].map((d) => d.date).filter((d): d is string => Boolean(d)).sort()[0] ?? null;
}

export function attachDuplicatesPanel(options: DuplicatesPanelOptions): { relabel(): void } {
  const t = (word: Word, values: Record<string, string | number> = {}) =>
    WORDS[options.lang()][word].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
  const card = byId('duplicates-card');
  const list = byId('duplicates-list');
  const kindSelect = byId<HTMLSelectElement>('duplicates-kind');
  const key = keyField('duplicates-key');
  let items: Candidate[] = [];
  let cursor: string | null = null;
  let hasMore = false;
  let loaded = false;
  let message = '';

  const nameOf = (e: { name: string; nameAr: string | null }) => (options.lang() === 'ar' && e.nameAr ? e.nameAr : e.name);

  function relabel(): void {
    card.querySelectorAll<HTMLElement>('[data-duplicates-word]').forEach((el) => {
      el.textContent = t(el.dataset.duplicatesWord as Word);
    });
    for (const option of kindSelect.options) option.textContent = t(option.value as Word);
    render();
  }

  function sideView(c: Candidate, which: 'a' | 'b'): HTMLElement {
    const side = c[which];
    const other = c[which === 'a' ? 'b' : 'a'];
    const since = firstActive(side);
    const neighbours = side.relations.filter((r) => r.type !== 'MENTIONS').slice(0, NEIGHBOURS);
    return h(
      'div',
      { className: 'duplicate-side', 'data-side': which, 'data-entity': side.id },
      h('button', { type: 'button', className: 'link duplicate-name', title: side.id, onclick: () => options.onShow(side.id) }, text(nameOf(side))),
      h('div', { className: 'entity-id', dir: 'ltr' }, side.id),
      side.nameAr && options.lang() !== 'ar' ? h('div', { className: 'name-ar', dir: 'rtl', lang: 'ar' }, side.nameAr) : null,
      options.lang() === 'ar' && side.nameAr ? h('div', { dir: 'ltr', lang: 'en' }, side.name) : null,
      h('div', { className: 'duplicate-field' }, h('span', { className: 'label' }, t('aliases')), ' ',
        side.aliases.length > 0 ? h('span', { className: 'aliases' }, ...side.aliases.map((a) => h('span', { className: 'chip' }, text(a)))) : '—'),
      side.kind === 'PERSON'
        ? h('div', { className: 'duplicate-field duplicate-dates' }, h('span', { className: 'label' }, t('active')), ' ',
          since ? [t('since'), ' ', h('bdi', { dir: 'ltr' }, since)] : t('noDates'),
          h('div', { className: 'muted small' }, t('visitsMeetings', { v: side.visitsConnection?.totalCount ?? side.visits?.length ?? 0, m: side.meetingsConnection?.totalCount ?? side.meetings?.length ?? 0 })))
        : null,
      h('div', { className: 'duplicate-field' }, h('span', { className: 'label' }, t('neighbours')),
        neighbours.length > 0
          ? h('ul', { className: 'duplicate-neighbours' }, ...neighbours.map((n) => h('li', {}, h('small', { className: 'muted', dir: 'ltr' }, n.type), ' ', text(nameOf(n.other)))))
          : h('div', { className: 'muted' }, t('noNeighbours'))),
      h('button', {
        type: 'button',
        className: 'primary duplicate-keep',
        'data-keep': side.id,
        onclick: () => void options.track(merge(side, other)).catch(options.onError),
      }, t('keepThis')),
    );
  }

  function pairView(c: Candidate): HTMLElement {
    return h(
      'li',
      { className: 'duplicate-pair', 'data-a': c.a.id, 'data-b': c.b.id, 'data-reason': c.reason },
      h('div', { className: 'duplicate-reason' }, t(REASON_WORDS[c.reason] ?? 'reasonSameName'), ' · ', `${t('score')} `, h('bdi', { dir: 'ltr' }, c.score.toFixed(2))),
      h('div', { className: 'duplicate-sides' }, sideView(c, 'a'), sideView(c, 'b')),
      h('button', { type: 'button', className: 'duplicate-dismiss', onclick: () => void options.track(dismiss(c)).catch(options.onError) }, t('notSame')),
    );
  }

  function render(): void {
    clear(list);
    if (message) list.append(h('p', { className: 'duplicates-message', role: 'status' }, message));
    if (!loaded) return;
    if (items.length === 0) {
      list.append(h('p', { className: 'muted' }, t('none')));
      return;
    }
    list.append(h('ul', { className: 'duplicate-pairs' }, ...items.map(pairView)));
    if (hasMore) list.append(h('button', { type: 'button', id: 'duplicates-more', onclick: () => void options.track(load(false)).catch(options.onError) }, t('more')));
  }

  async function load(fresh: boolean): Promise<void> {
    const data = await gql<{ duplicateCandidates: { items: Candidate[]; endCursor: string | null; hasNextPage: boolean } }>(
      'ExplorerDuplicates',
      `query ExplorerDuplicates($kind: EntityKind, $first: Int, $after: String) {
        duplicateCandidates(kind: $kind, first: $first, after: $after) {
          items { reason score a { ${SIDE} } b { ${SIDE} } }
          endCursor hasNextPage
        }
      }`,
      { kind: kindSelect.value, first: PAGE, after: fresh ? null : cursor },
    );
    const page = data.duplicateCandidates;
    items = fresh ? page.items : [...items, ...page.items];
    cursor = page.endCursor;
    hasMore = page.hasNextPage;
    loaded = true;
    if (fresh) message = '';
    render();
  }

  /** A pair that involved an entity gone by a merge, or a pair just dismissed, leaves the list. */
  function drop(test: (c: Candidate) => boolean): void {
    items = items.filter((c) => !test(c));
  }

  async function merge(keep: Side, gone: Side): Promise<void> {
    key.remember();
    const data = await gql<{ mergeEntities: { moved: number; combined: number; entity: { id: string } } }>(
      'ExplorerMerge',
      'mutation ExplorerMerge($keep: ID!, $merge: ID!) { mergeEntities(keep: $keep, merge: $merge) { moved combined entity { id } } }',
      { keep: keep.id, merge: gone.id },
      key.headers(),
    );
    const result = data.mergeEntities;
    message = t('merged', { merged: nameOf(gone), kept: nameOf(keep), moved: result.moved, combined: result.combined });
    drop((c) => c.a.id === gone.id || c.b.id === gone.id);
    render();
    options.onShow(result.entity.id);
  }

  async function dismiss(c: Candidate): Promise<void> {
    key.remember();
    await gql<{ dismissDuplicate: boolean }>(
      'ExplorerDismissDuplicate',
      'mutation ExplorerDismissDuplicate($a: ID!, $b: ID!) { dismissDuplicate(a: $a, b: $b) }',
      { a: c.a.id, b: c.b.id },
      key.headers(),
    );
    message = t('dismissed', { a: nameOf(c.a), b: nameOf(c.b) });
    drop((x) => x === c);
    render();
  }

  for (const kind of KINDS) kindSelect.append(h('option', { value: kind }, t(kind)));
  byId('duplicates-load').addEventListener('click', () => void options.track(load(true)).catch(options.onError));
  kindSelect.addEventListener('change', () => {
    if (loaded) void options.track(load(true)).catch(options.onError);
  });
  return { relabel };
}
