/**
 * The words the rule-based extractor looks for, in Arabic and English: titles that come before
 * names, the verbs and nouns of visiting, arriving, receiving, meeting and talks, the cues of a
 * reported claim, and the function words that end a name. Everything is compared after
 * normalizeName, so the lists are written as people spell them.
 */
import { normalizeName } from '../graph/normalize.js';

export type TriggerKind = 'visit' | 'arrive' | 'receive' | 'meet' | 'talks' | 'depart' | 'tour' | 'discuss';

const TRIGGERS: Record<TriggerKind, string[]> = {
  visit: [
    'زار', 'زارت', 'يزور', 'تزور', 'زيارة', 'بزيارة', 'زيارته', 'زيارتها', 'الزيارة', 'لزيارة', 'يزوران', 'يزورون',
    'visit', 'visits', 'visited', 'visiting', 'trip',
  ],
  arrive: [
    'وصل', 'وصلت', 'يصل', 'تصل', 'وصوله', 'وصولها', 'حل', 'حلت', 'يحل', 'تحل',
    'arrive', 'arrives', 'arrived', 'arriving', 'arrival', 'landed', 'lands', 'travelled', 'traveled', 'flew',
  ],
  receive: [
    'استقبل', 'استقبلت', 'يستقبل', 'تستقبل', 'استقباله', 'استقبالها', 'استقبال', 'استقبله', 'استقبلها',
    'received', 'receives', 'welcomed', 'welcomes', 'hosted', 'hosts',
  ],
  meet: [
    'التقى', 'التقت', 'يلتقي', 'تلتقي', 'اجتمع', 'اجتمعت', 'يجتمع', 'لقاء', 'اجتماع',
    'met', 'meets', 'meeting',
  ],
  talks: [
    'محادثات', 'مباحثات', 'تباحث', 'بحث', 'بحثت', 'يبحث', 'ناقش', 'ناقشت', 'يناقش',
    'talks',
  ],
  discuss: ['ناقش', 'ناقشت', 'بحث', 'بحثا', 'تناول', 'تناولت', 'تطرق', 'ناقشا', 'discussed', 'discuss', 'covered', 'reviewed'],
  depart: ['غادر', 'غادرت', 'يغادر', 'متوجها', 'توجه', 'توجهت', 'left', 'leaves', 'departed', 'heading', 'headed'],
  tour: ['جولة', 'جولته', 'جولتها', 'محطة', 'محطات', 'tour', 'stop', 'stops', 'leg'],
};

/** Normalized word → the kinds of trigger it is. */
export const TRIGGER_WORDS = new Map<string, TriggerKind[]>();
for (const [kind, words] of Object.entries(TRIGGERS) as [TriggerKind, string[]][]) {
  for (const w of words) {
    const key = normalizeName(w);
    TRIGGER_WORDS.set(key, [...(TRIGGER_WORDS.get(key) ?? []), kind]);
  }
}

/** Nouns of visiting and arriving: the traveler may follow them ("the visit of X", "زيارة الرئيس X"). */
export const NOMINAL_TRIGGERS = new Set(['زياره', 'بزياره', 'الزياره', 'لزياره', 'visit', 'trip', 'arrival', 'وصوله', 'وصولها', 'استقبال'].map(normalizeName));
/** Forms that carry their own "his/her" and so point back to the traveler already named. */
export const POSSESSIVE_TRIGGERS = new Set(['زيارته', 'زيارتها', 'وصوله', 'وصولها', 'استقباله', 'استقبالها', 'جولته', 'جولتها'].map(normalizeName));
/** "استقبله" / "received him": the guest is the traveler already named. */
export const OBJECT_PRONOUN_TRIGGERS = new Set(['استقبله', 'استقبلها'].map(normalizeName));
export const OBJECT_PRONOUNS = new Set(['him', 'her']);
/** Words right before the country of a visit noun ("visit to", "زيارة إلى"). */
export const HOST_PREPOSITIONS = new Set(['to', 'in', 'إلى', 'الى', 'في', 'لـ'].map(normalizeName));
/** Words after a meeting trigger that say "with". */
export const WITH_WORDS = new Set(['مع', 'with', 'بنظيره', 'بنظيرته'].map(normalizeName));
/** Words before the people present without being principals. */
export const ATTENDEE_CUES = [['بحضور'], ['in', 'the', 'presence', 'of'], ['attended', 'by'], ['alongside'], ['accompanied', 'by'], ['بمشاركة'], ['وبحضور']].map((p) => p.map(normalizeName));
/** Words that say the text reports someone else's claim; the claimer follows them. */
export const ATTRIBUTION_CUES = [['بحسب'], ['حسب'], ['وفق'], ['وفقا'], ['نقلا', 'عن'], ['according', 'to'], ['citing']].map((p) => p.map(normalizeName));
/** Verbs of saying: "X said", "قال X". */
export const SAY_WORDS = new Set(['قال', 'قالت', 'أكد', 'أكدت', 'أضاف', 'أضافت', 'صرح', 'صرحت', 'أعلن', 'أعلنت', 'ذكر', 'ذكرت', 'said', 'says', 'told', 'stated', 'announced', 'declared', 'added'].map(normalizeName));
export const STATEMENT_WORDS = new Set(['بيان', 'البيان', 'statement', 'communique', 'readout'].map(normalizeName));
export const SINCE_WORDS = new Set(['منذ', 'since'].map(normalizeName));
export const FIRST_WORDS = new Set(['أول', 'الأول', 'الأولى', 'first'].map(normalizeName));
/** "The two sides", whose talks belong to the meeting already named. */
export const BOTH_SIDES = [['الطرفان'], ['الطرفين'], ['الجانبان'], ['الجانبين'], ['the', 'two', 'sides'], ['the', 'two', 'leaders'], ['the', 'two', 'men'], ['the', 'two', 'ministers']].map((p) => p.map(normalizeName));
export const ARMS_WORDS = new Set(['أسلحة', 'الأسلحة', 'تجهيزات', 'سلاح', 'السلاح', 'عتاد', 'arms', 'weapons', 'weaponry', 'equipment', 'hardware'].map(normalizeName));

export interface TitleInfo {
  /** English label, e.g. "Foreign Minister". */
  label: string;
  /** A rank or form of address ("General", "الفريق", "counterpart") rather than a post. */
  rank?: boolean;
}

const TITLE_LIST: [string[], TitleInfo][] = [
  [['President', 'الرئيس', 'رئيس الجمهورية', 'رئيسة'], { label: 'President' }],
  [['Vice President', 'نائب الرئيس'], { label: 'Vice President' }],
  [['Prime Minister', 'رئيس الوزراء', 'رئيس الحكومة', 'رئيسة الوزراء', 'رئيسة الحكومة'], { label: 'Prime Minister' }],
  [['Foreign Minister', 'Minister of Foreign Affairs', 'Foreign Secretary', 'وزير الخارجية', 'وزيرة الخارجية', 'وزير الشؤون الخارجية', 'وزير الشؤون الخارجية والجالية الوطنية بالخارج'], { label: 'Foreign Minister' }],
  [['Secretary of State', 'US Secretary of State', 'وزير الخارجية الأميركي', 'وزير الخارجية الأمريكي'], { label: 'Secretary of State' }],
  [['Defense Minister', 'Defence Minister', 'Minister of Defence', 'Minister of Defense', 'Minister of National Defence', 'وزير الدفاع', 'وزيرة الدفاع', 'وزير الدفاع الوطني'], { label: 'Defence Minister' }],
  [['Secretary of Defense', 'Defense Secretary', 'Secretary of Defence', 'Defence Secretary', 'Pentagon chief', 'Secretary of State for Defence', 'Secretary of State for Defense'], { label: 'Secretary of Defense' }],
  [['Interior Minister', 'وزير الداخلية'], { label: 'Interior Minister' }],
  [['Minister', 'وزير', 'الوزير', 'وزيرة'], { label: 'Minister' }],
  [['King', 'الملك', 'العاهل'], { label: 'King' }],
  [['Crown Prince', 'ولي العهد'], { label: 'Crown Prince' }],
  [['Supreme Leader', 'المرشد الأعلى', 'المرشد'], { label: 'Supreme Leader' }],
  [['Emir', 'Amir', 'أمير', 'الأمير'], { label: 'Emir' }],
  [['Sultan', 'السلطان'], { label: 'Sultan' }],
  [['Pope', 'البابا', 'بابا الفاتيكان'], { label: 'Pope' }],
  [['Chancellor', 'المستشار', 'المستشارة'], { label: 'Chancellor' }],
  [['Chief of Staff', 'Army Chief of Staff', 'رئيس أركان الجيش', 'رئيس أركان'], { label: 'Chief of Staff' }],
  [['Secretary-General', 'Secretary General', 'الأمين العام'], { label: 'Secretary-General' }],
  [['Ambassador', 'السفير', 'السفيرة'], { label: 'Ambassador' }],
  [['Prince', 'Sheikh', 'الشيخ', 'Grand Ayatollah', 'Ayatollah', 'آية الله', 'المرجع', 'المرجع الشيعي', 'Cardinal', 'الكاردينال'], { label: 'Prince', rank: true }],
  [['General', 'Gen', 'Lt Gen', 'Lieutenant General', 'الفريق', 'الفريق أول', 'اللواء', 'الجنرال'], { label: 'General', rank: true }],
  [['counterpart', 'نظيره', 'نظيرته', 'بنظيره', 'بنظيرته'], { label: 'counterpart', rank: true }],
];

/** Normalized title phrase → what it is. */
export const TITLES = new Map<string, TitleInfo>();
for (const [phrases, info] of TITLE_LIST) for (const p of phrases) TITLES.set(normalizeName(p), info);
export const MAX_TITLE_WORDS = Math.max(...[...TITLES.keys()].map((k) => k.split(' ').length));

/** Words between a title and a name that do not name a country ("former", "الأسبق"). */
export const TITLE_MODIFIERS = new Set(['السابق', 'الأسبق', 'السابقة', 'former', 'then', 'outgoing', 'new', 'الجديد', 'الجديدة'].map(normalizeName));

/** Lower-case particles inside English and Arabic personal names. */
export const NAME_PARTICLES = new Set(['bin', 'ibn', 'al', 'el', 'de', 'da', 'van', 'von', 'la', 'le', 'du', 'der', 'بن', 'ابن', 'عبد', 'أبو', 'آل', 'ولد'].map(normalizeName));

/** Arabic words that end a name being read after a title. */
export const ARABIC_STOP_WORDS = new Set([
  'في', 'إلى', 'الى', 'على', 'مع', 'من', 'عن', 'أن', 'إن', 'ان', 'الذي', 'التي', 'قد', 'خلال', 'بعد', 'قبل', 'حيث',
  'يوم', 'أمس', 'بالأمس', 'اليوم', 'غدا', 'مساء', 'صباح', 'ظهر', 'عشية', 'هو', 'هي', 'وهو', 'وهي', 'كما', 'لدى', 'عند',
  'نحو', 'ضمن', 'منذ', 'بحضور', 'وبحضور', 'الذين', 'كان', 'كانت', 'لم', 'لن', 'لا', 'ما', 'إنه', 'أنه', 'بين', 'لقد',
  'ونظيره', 'نظيره', 'والوفد', 'رفقة', 'برفقة', 'ثم', 'او', 'أو', 'حول', 'بشأن', 'رسميا', 'رسمية', 'الرسمية', 'ضيفا',
].map(normalizeName));

/** English words that are capitalized but are not names. */
export const ENGLISH_NOT_NAMES = new Set(['the', 'on', 'in', 'at', 'and', 'with', 'for', 'of', 'to', 'a', 'an', 'after', 'before', 'during', 'while', 'when', 'his', 'her', 'their', 'this', 'that', 'it', 'he', 'she', 'they', 'we', 'i', 'but', 'both', 'as', 'by', 'from', 'said', 'says'].map(normalizeName));
