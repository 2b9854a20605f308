/**
 * "Add an article": paste an article with its source details, read what the service proposes
 * (proposeFacts), see each paragraph with the evidence of the proposals highlighted and how each
 * name resolves (an existing node, or a new one), tick, and accept (acceptProposals) or dismiss.
 * Writes need the API key, typed here and kept for the tab only (sessionStorage).
 */
import { gql } from './api.js';
import { keyField } from './apiKey.js';
import { byId, clear, h, text } from './dom.js';
import type { Lang } from './i18n.js';

interface Entity {
  id: string;
  name: string;
  nameAr: string | null;
  kind: string;
  created: boolean;
  reason: string;
  role: string | null;
}

interface Span {
  paragraph: number;
  start: number;
  end: number;
}

interface Proposal {
  id: string;
  type: string;
  status: string;
  summary: string;
  paragraphs: number[];
  spans: Span[];
  certainty: string;
  claimedBy: Entity | null;
  confidence: number;
  date: string | null;
  endDate: string | null;
  dateCertainty: string | null;
  dateNote: string | null;
  traveler: Entity | null;
  host: Entity | null;
  city: Entity | null;
  participants: Entity[];
  attendees: Entity[];
  from: Entity | null;
  to: Entity | null;
  issuer: Entity | null;
  relation: string | null;
  topics: string[];
  tour: { name: string; stops: Entity[] } | null;
  result: string | null;
}

interface Article {
  id: string;
  language: string;
  notes: string[];
  paragraphs: { index: number; text: string }[];
  proposals: Proposal[];
}

const ENTITY = 'id name nameAr kind created reason role';
const PROPOSAL = `id type status summary paragraphs spans { paragraph start end } certainty claimedBy { ${ENTITY} } confidence
  date endDate dateCertainty dateNote traveler { ${ENTITY} } host { ${ENTITY} } city { ${ENTITY} }
  participants { ${ENTITY} } attendees { ${ENTITY} } from { ${ENTITY} } to { ${ENTITY} } issuer { ${ENTITY} }
  relation topics tour { name stops { ${ENTITY} } } result`;

const WORDS = {
  en: {
    addArticle: 'Add an article',
    hint: 'Paste an article, one paragraph per line with the title first. The service proposes the facts it states; tick those to record.',
    text: 'Article text',
    title: 'Title',
    publisher: 'Publisher',
    url: 'Address (URL)',
    published: 'Published on',
    language: 'Language',
    detect: 'detect',
    key: 'API key',
    read: 'Read the article',
    accept: 'Accept ticked',
    dismiss: 'Dismiss ticked',
    paragraphsTitle: 'Paragraphs',
    proposalsTitle: 'Proposals',
    none: 'Nothing to propose in this text.',
    existing: 'existing',
    new: 'new',
    confidence: 'confidence',
    stated: 'stated',
    attributed: 'attributed to',
    inferred: 'inferred',
    unresolved: 'unresolved',
    accepted: 'accepted',
    dismissed: 'dismissed',
    pending: 'pending',
    acceptedCount: '{n} proposal(s) recorded in the graph.',
    dismissedCount: '{n} proposal(s) set aside.',
    nothingTicked: 'Tick at least one proposal.',
    visit: 'Visit',
    meeting: 'Meeting',
    relation: 'Relation',
    precedent: 'Precedent',
    statement: 'Statement',
    tourStops: 'tour',
    attendees: 'present',
  },
  ar: {
    addArticle: 'إضافة مقال',
    hint: 'الصق مقالاً، كل فقرة في سطر والعنوان أولاً. تقترح الخدمة الوقائع التي يذكرها؛ أشّر على ما تريد تسجيله.',
    text: 'نص المقال',
    title: 'العنوان',
    publisher: 'الناشر',
    url: 'الرابط',
    published: 'تاريخ النشر',
    language: 'اللغة',
    detect: 'تلقائي',
    key: 'مفتاح الواجهة',
    read: 'اقرأ المقال',
    accept: 'اعتماد المؤشَّر عليه',
    dismiss: 'استبعاد المؤشَّر عليه',
    paragraphsTitle: 'الفقرات',
    proposalsTitle: 'المقترحات',
    none: 'لا شيء يُقترح من هذا النص.',
    existing: 'موجود',
    new: 'جديد',
    confidence: 'الثقة',
    stated: 'مذكور',
    attributed: 'منسوب إلى',
    inferred: 'مستنتج',
    unresolved: 'غير محدد',
    accepted: 'معتمد',
    dismissed: 'مستبعد',
    pending: 'قيد المراجعة',
    acceptedCount: 'سُجّل {n} من المقترحات في الرسم.',
    dismissedCount: 'استُبعد {n} من المقترحات.',
    nothingTicked: 'أشّر على مقترح واحد على الأقل.',
    visit: 'زيارة',
    meeting: 'لقاء',
    relation: 'علاقة',
    precedent: 'سابقة',
    statement: 'تصريح',
    tourStops: 'الجولة',
    attendees: 'بحضور',
  },
} satisfies Record<Lang, Record<string, string>>;
type Word = keyof (typeof WORDS)['en'];

export interface ArticlePanelOptions {
  lang: () => Lang;
  track: <T>(work: Promise<T>) => Promise<T>;
  onError: (err: unknown) => void;
  /** An accepted fact to draw (the visit, meeting or relation end it wrote). */
  onAccepted: (id: string) => void;
}

export function attachArticlePanel(options: ArticlePanelOptions): { relabel(): void } {
  const t = (word: Word, n?: number) => WORDS[options.lang()][word].replace('{n}', String(n ?? ''));
  const card = byId('article-card');
  const review = byId('article-review');
  const key = keyField('article-key');
  let article: Article | null = null;
  const ticked = new Set<string>();
  let message = '';

  const nameOf = (e: Entity) => (options.lang() === 'ar' && e.nameAr ? e.nameAr : e.name);

  function relabel(): void {
    card.querySelectorAll<HTMLElement>('[data-article-word]').forEach((el) => {
      el.textContent = t(el.dataset.articleWord as Word);
    });
    render();
  }

  function entityChip(e: Entity | null): HTMLElement | null {
    if (!e) return null;
    return h(
      'span',
      { className: `resolved ${e.created ? 'is-new' : 'is-existing'}`, title: e.reason, 'data-entity': e.id },
      text(nameOf(e)),
      ' ',
      h('small', {}, e.created ? t('new') : t('existing')),
    );
  }

  /** A paragraph with the evidence of the proposals marked (overlapping spans joined). */
  function paragraph(p: { index: number; text: string }): HTMLElement {
    const spans = (article?.proposals ?? []).flatMap((q) => q.spans.filter((s) => s.paragraph === p.index).map((s) => ({ ...s, id: q.id })));
    spans.sort((a, b) => a.start - b.start);
    const el = h('p', { className: 'article-paragraph', dir: 'auto', 'data-paragraph': p.index }, h('span', { className: 'paragraph-number', dir: 'ltr' }, String(p.index)));
    let at = 0;
    for (let i = 0; i < spans.length; ) {
      const start = Math.max(spans[i]!.start, at);
      let end = spans[i]!.end;
      const ids = new Set<string>();
      while (i < spans.length && spans[i]!.start <= end) {
        end = Math.max(end, spans[i]!.end);
        ids.add(spans[i]!.id);
        i += 1;
      }
      if (start >= end) continue;
      el.append(p.text.slice(at, start));
      el.append(h('mark', { 'data-proposals': [...ids].join(' ') }, p.text.slice(start, end)));
      at = end;
    }
    el.append(p.text.slice(at));
    return el;
  }

  function dateLine(q: Proposal): HTMLElement | null {
    if (!q.date && !q.dateCertainty) return null;
    const certainty = q.dateCertainty ? t(q.dateCertainty.toLowerCase() as Word) : '';
    return h('span', { className: 'proposal-date', title: q.dateNote ?? '' }, h('bdi', { dir: 'ltr' }, q.date ? `${q.date}${q.endDate ? ` – ${q.endDate}` : ''}` : '—'), ` (${certainty})`);
  }

  function proposalItem(q: Proposal): HTMLElement {
    const box = h('input', {
      type: 'checkbox',
      'data-proposal': q.id,
      disabled: q.status !== 'PENDING',
      onchange: (event: Event) => {
        if ((event.target as HTMLInputElement).checked) ticked.add(q.id);
        else ticked.delete(q.id);
      },
    }) as HTMLInputElement;
    box.checked = ticked.has(q.id);
    const people = [q.traveler, q.host, q.city, ...q.participants, q.from, q.to, q.issuer].filter((e): e is Entity => Boolean(e));
    const certainty = q.certainty === 'ATTRIBUTED' && q.claimedBy ? [t('attributed'), ' ', entityChip(q.claimedBy)] : [t('stated')];
    return h(
      'li',
      { className: `proposal status-${q.status.toLowerCase()}`, 'data-id': q.id, 'data-type': q.type },
      h('label', {}, box, ' ', h('strong', {}, t(q.type as Word) ?? q.type), ' ', h('span', { dir: 'ltr' }, q.summary)),
      h('div', { className: 'proposal-meta' }, dateLine(q), ' · ', ...certainty, ' · ', `${t('confidence')} ${q.confidence.toFixed(2)}`, ' · ', `¶ ${q.paragraphs.join(', ')}`, ' · ', t(q.status.toLowerCase() as Word)),
      h('div', { className: 'proposal-entities' }, ...people.map(entityChip)),
      q.attendees.length > 0 ? h('div', { className: 'proposal-entities' }, `${t('attendees')}: `, ...q.attendees.map(entityChip)) : null,
      q.tour ? h('div', { className: 'proposal-entities' }, `${t('tourStops')}: `, ...q.tour.stops.map(entityChip)) : null,
    );
  }

  function render(): void {
    clear(review);
    if (message) review.append(h('p', { className: 'article-message', role: 'status' }, message));
    if (!article) return;
    for (const note of article.notes) review.append(h('p', { className: 'muted small' }, note));
    review.append(
      h('h3', {}, t('proposalsTitle')),
      article.proposals.length === 0 ? h('p', { className: 'muted' }, t('none')) : h('ul', { className: 'proposals' }, ...article.proposals.map(proposalItem)),
      h(
        'div',
        { className: 'filter-actions' },
        h('button', { type: 'button', className: 'primary', id: 'article-accept', onclick: () => void options.track(decide('accept')).catch(options.onError) }, t('accept')),
        h('button', { type: 'button', id: 'article-dismiss', onclick: () => void options.track(decide('dismiss')).catch(options.onError) }, t('dismiss')),
      ),
      h('h3', {}, t('paragraphsTitle')),
      h('div', { className: 'article-paragraphs', lang: article.language, dir: article.language === 'ar' ? 'rtl' : 'ltr' }, ...article.paragraphs.map(paragraph)),
    );
  }

  async function read(): Promise<void> {
    key.remember();
    const value = (id: string) => byId<HTMLInputElement>(id).value.trim() || null;
    const language = byId<HTMLSelectElement>('article-language').value || null;
    const data = await gql<{ proposeFacts: Article }>(
      'ProposeFacts',
      `mutation ProposeFacts($input: ProposeFactsInput!) { proposeFacts(input: $input) { id language notes paragraphs { index text } proposals { ${PROPOSAL} } } }`,
      {
        input: {
          text: byId<HTMLTextAreaElement>('article-text').value,
          source: { title: value('article-title'), publisher: value('article-publisher'), url: value('article-url'), publishedAt: value('article-published'), language },
        },
      },
      key.headers(),
    );
    article = data.proposeFacts;
    ticked.clear();
    // Ticked at first: what could be written as it stands and is fairly sure.
    for (const q of article.proposals) if (q.confidence >= 0.6 && !(q.type === 'visit' && !q.date)) ticked.add(q.id);
    message = '';
    render();
  }

  async function decide(what: 'accept' | 'dismiss'): Promise<void> {
    if (!article) return;
    const ids = article.proposals.filter((q) => ticked.has(q.id) && q.status === 'PENDING').map((q) => q.id);
    if (ids.length === 0) {
      message = t('nothingTicked');
      render();
      return;
    }
    if (what === 'accept') {
      const data = await gql<{ acceptProposals: { accepted: { id: string; status: string; result: string | null }[] } }>(
        'AcceptProposals',
        'mutation AcceptProposals($ids: [ID!]!) { acceptProposals(ids: $ids) { accepted { id status result } } }',
        { ids },
        key.headers(),
      );
      for (const a of data.acceptProposals.accepted) {
        const q = article.proposals.find((p) => p.id === a.id);
        if (q) Object.assign(q, { status: a.status, result: a.result });
      }
      message = t('acceptedCount', ids.length);
      ticked.clear();
      render();
      // Draw what was written: the first visit (or meeting) among the accepted facts.
      const first = article.proposals.find((q) => ids.includes(q.id) && q.result && (q.type === 'visit' || q.type === 'meeting')) ?? article.proposals.find((q) => ids.includes(q.id) && q.result);
      const drawId = first?.type === 'relation' ? first.from?.id : first?.result;
      if (drawId) options.onAccepted(drawId);
    } else {
      const data = await gql<{ dismissProposals: { id: string; status: string }[] }>(
        'DismissProposals',
        'mutation DismissProposals($ids: [ID!]!) { dismissProposals(ids: $ids) { id status } }',
        { ids },
        key.headers(),
      );
      for (const d of data.dismissProposals) {
        const q = article.proposals.find((p) => p.id === d.id);
        if (q) q.status = d.status;
      }
      message = t('dismissedCount', ids.length);
      ticked.clear();
      render();
    }
  }

  byId('article-read').addEventListener('click', () => void options.track(read()).catch(options.onError));
  return { relabel };
}
