/** The page's words in English and Arabic. Names of entities come from the graph (name / nameAr). */
import { DRAW_KIND_NAMES, type DrawKind } from './kinds.js';

export type Lang = 'en' | 'ar';

const en = {
  title: 'Diplomatic visits explorer',
  searchLabel: 'Search an entity',
  searchPlaceholder: 'Search in English or Arabic — e.g. Tebboune, تبون',
  noMatches: 'No entity matches',
  depth: 'Depth',
  fit: 'Fit',
  fitTitle: 'Fit the drawing to the window',
  switchLanguage: 'العربية',
  switchLanguageTitle: 'Show labels and the panel in Arabic',
  legend: 'Legend',
  legendEmpty: 'Kinds of the drawn entities show here.',
  legendEdges: 'Arrows point along the relation. Its name shows on hover, on click, or zoomed in.',
  details: 'Details',
  nothingSelected: 'Search an entity to draw its neighbourhood. Click a node to expand it; click an edge to see where the fact comes from.',
  focusHere: 'Draw around this entity',
  englishName: 'English name',
  arabicName: 'Arabic name',
  aliases: 'Aliases',
  summary: 'Summary',
  properties: 'Properties',
  kind: 'Kind',
  date: 'Date',
  purpose: 'Purpose',
  representing: 'Travelling for',
  places: 'Places',
  notes: 'What the sources say',
  participants: 'Participants',
  traveler: 'Traveller',
  host: 'Host country',
  city: 'City',
  tour: 'Tour',
  tourStops: 'Stops of the tour, in order',
  relation: 'Relation',
  provenance: 'Provenance',
  source: 'Source',
  paragraphs: 'Paragraphs',
  certainty: 'Certainty',
  unknown: 'not recorded',
  path: 'Path',
  pathFrom: 'From',
  pathTo: 'To',
  pathToPlaceholder: 'Second entity…',
  maxHops: 'Max hops',
  drawPath: 'Draw path',
  pathNeedsBoth: 'Pick the entity to start from (draw it first) and the entity to reach.',
  noPath: 'No connection within {n} hops.',
  pathFound: 'A path of {n} hops.',
  timeline: 'Timeline',
  noTimeline: 'No dated events for this entity.',
  timelineHint: 'Click an entry to draw it.',
  stopOf: 'stop {i} of {n}',
  filters: 'Relation types',
  filtersHint: 'Only these relation types are drawn and followed.',
  all: 'All',
  none: 'None',
  nodes: 'nodes',
  edges: 'edges',
  hint: 'Click a node to expand · click an edge for its provenance · scroll to zoom',
  errorTitle: 'The API answered with an error',
  dismiss: 'Dismiss',
  loading: 'Loading…',
  notFound: 'No entity with id {id}.',
  emptyGraph: 'Nothing to draw for this entity with the current filters.',
  truncated: 'Showing the first {n} nodes only.',
  groups: '{n} groups (click one to draw its members, page by page)',
  timelineMore: 'Show {n} more ({left} not shown)',
  groupLegend: 'Group (click to open)',
};

export type MessageKey = keyof typeof en;

const ar: Record<MessageKey, string> = {
  title: 'مستكشف الزيارات الدبلوماسية',
  searchLabel: 'ابحث عن كيان',
  searchPlaceholder: 'ابحث بالعربية أو الإنجليزية — مثل تبون، Tebboune',
  noMatches: 'لا يوجد كيان مطابق',
  depth: 'العمق',
  fit: 'ملاءمة',
  fitTitle: 'ملاءمة الرسم للنافذة',
  switchLanguage: 'English',
  switchLanguageTitle: 'Show labels and the panel in English',
  legend: 'دليل الألوان',
  legendEmpty: 'تظهر هنا أنواع الكيانات المرسومة.',
  legendEdges: 'تشير الأسهم إلى اتجاه الصلة، ويظهر اسمها عند التمرير أو النقر أو التكبير.',
  details: 'التفاصيل',
  nothingSelected: 'ابحث عن كيان لرسم محيطه. انقر على عقدة لتوسيعها، وعلى صلة لمعرفة مصدرها.',
  focusHere: 'ارسم حول هذا الكيان',
  englishName: 'الاسم بالإنجليزية',
  arabicName: 'الاسم بالعربية',
  aliases: 'أسماء أخرى',
  summary: 'ملخص',
  properties: 'خصائص',
  kind: 'النوع',
  date: 'التاريخ',
  purpose: 'الغرض',
  representing: 'نيابةً عن',
  places: 'الأماكن',
  notes: 'ما تقوله المصادر',
  participants: 'المشاركون',
  traveler: 'المسافر',
  host: 'البلد المضيف',
  city: 'المدينة',
  tour: 'الجولة',
  tourStops: 'محطات الجولة بالترتيب',
  relation: 'صلة',
  provenance: 'المصدر والتوثيق',
  source: 'المصدر',
  paragraphs: 'الفقرات',
  certainty: 'درجة اليقين',
  unknown: 'غير مسجل',
  path: 'المسار',
  pathFrom: 'من',
  pathTo: 'إلى',
  pathToPlaceholder: 'الكيان الثاني…',
  maxHops: 'أقصى عدد من الخطوات',
  drawPath: 'ارسم المسار',
  pathNeedsBoth: 'اختر كيان البداية (ارسمه أولاً) والكيان المقصود.',
  noPath: 'لا صلة في حدود {n} خطوات.',
  pathFound: 'مسار من {n} خطوات.',
  timeline: 'الخط الزمني',
  noTimeline: 'لا أحداث مؤرخة لهذا الكيان.',
  timelineHint: 'انقر على حدث لرسمه.',
  stopOf: 'المحطة {i} من {n}',
  filters: 'أنواع الصلات',
  filtersHint: 'تُرسم هذه الأنواع وحدها ويُتتبع بها.',
  all: 'الكل',
  none: 'لا شيء',
  nodes: 'عقدة',
  edges: 'صلة',
  hint: 'انقر على عقدة لتوسيعها · على صلة لمعرفة مصدرها · مرّر للتكبير',
  errorTitle: 'ردّت الواجهة البرمجية بخطأ',
  dismiss: 'إغلاق',
  loading: 'جارٍ التحميل…',
  notFound: 'لا يوجد كيان بالمعرّف {id}.',
  emptyGraph: 'لا شيء لرسمه لهذا الكيان مع عوامل التصفية الحالية.',
  truncated: 'تُعرض أول {n} عقدة فقط.',
  groups: '{n} مجموعات (انقر على مجموعة لرسم أعضائها صفحةً صفحة)',
  timelineMore: 'عرض {n} أخرى ({left} غير معروضة)',
  groupLegend: 'مجموعة (انقر لفتحها)',
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, ar };

export function format(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** The drawn kinds' names (from the ontology, src/graph/ontology.ts). */
export const KIND_NAMES: Record<Lang, Record<DrawKind, string>> = {
  en: Object.fromEntries(Object.entries(DRAW_KIND_NAMES).map(([kind, names]) => [kind, names.en])) as Record<DrawKind, string>,
  ar: Object.fromEntries(Object.entries(DRAW_KIND_NAMES).map(([kind, names]) => [kind, names.ar])) as Record<DrawKind, string>,
};

export const CERTAINTY_NAMES: Record<Lang, Record<string, string>> = {
  en: {
    stated: 'Stated — the source says so itself',
    attributed: 'Attributed — the source reports someone else saying so',
    external: 'External — known from outside the source',
  },
  ar: {
    stated: 'مذكور — يقوله المصدر نفسه',
    attributed: 'منسوب — ينقله المصدر عن غيره',
    external: 'خارجي — معروف من خارج المصدر',
  },
};

/** The relation types' names in both languages, as the API serves them (Query.relationshipTypes). */
const relationNames = new Map<string, { en: string; ar: string }>();

export function setRelationNames(types: readonly { name: string; label: string; labelAr: string }[]): void {
  relationNames.clear();
  for (const type of types) relationNames.set(type.name, { en: type.label, ar: type.labelAr });
}

/** A relation type's name; until the names have arrived (or for a type they lack), the type in lower case. */
export function relationLabel(type: string, lang: Lang): string {
  return relationNames.get(type)?.[lang] ?? type.toLowerCase().replace(/_/g, ' ');
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

export function isArabic(text: string): boolean {
  return ARABIC.test(text);
}
