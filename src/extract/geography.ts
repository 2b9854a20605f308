/**
 * Countries and their capitals in both languages, with the adjectives that name them
 * ("Algerian", "الجزائري"): the extractor's fallback for places the graph does not hold yet, and
 * how a title such as "the Russian foreign minister" says whose minister it is. An entry that the
 * graph already holds (same name after folding) resolves to the graph's node.
 */
export interface CountryInfo {
  name: string;
  nameAr: string;
  aliases: string[];
  /** Adjectives in English (any case) and Arabic (with and without ال, masculine and feminine). */
  adjectives: string[];
  capital?: { name: string; nameAr: string; aliases?: string[] };
}

/** Arabic adjective forms from one stem: "جزائري" → الجزائري، الجزائرية، جزائري، جزائرية. */
function ar(...stems: string[]): string[] {
  return stems.flatMap((s) => [`ال${s}`, `ال${s}ة`, s, `${s}ة`]);
}

export const COUNTRIES: CountryInfo[] = [
  { name: 'Algeria', nameAr: 'الجزائر', aliases: [], adjectives: ['Algerian', ...ar('جزائري')], capital: { name: 'Algiers', nameAr: 'الجزائر العاصمة', aliases: ['Alger'] } },
  { name: 'Morocco', nameAr: 'المغرب', aliases: ['المملكة المغربية'], adjectives: ['Moroccan', ...ar('مغربي')], capital: { name: 'Rabat', nameAr: 'الرباط' } },
  { name: 'Tunisia', nameAr: 'تونس', aliases: [], adjectives: ['Tunisian', ...ar('تونسي')], capital: { name: 'Tunis', nameAr: 'تونس العاصمة' } },
  { name: 'Libya', nameAr: 'ليبيا', aliases: [], adjectives: ['Libyan', ...ar('ليبي')], capital: { name: 'Tripoli', nameAr: 'طرابلس' } },
  { name: 'Egypt', nameAr: 'مصر', aliases: [], adjectives: ['Egyptian', ...ar('مصري')], capital: { name: 'Cairo', nameAr: 'القاهرة' } },
  { name: 'Mauritania', nameAr: 'موريتانيا', aliases: [], adjectives: ['Mauritanian', ...ar('موريتاني')], capital: { name: 'Nouakchott', nameAr: 'نواكشوط' } },
  { name: 'Mali', nameAr: 'مالي', aliases: [], adjectives: ['Malian'], capital: { name: 'Bamako', nameAr: 'باماكو' } },
  { name: 'Niger', nameAr: 'النيجر', aliases: [], adjectives: ['Nigerien'], capital: { name: 'Niamey', nameAr: 'نيامي' } },
  { name: 'Sudan', nameAr: 'السودان', aliases: [], adjectives: ['Sudanese', ...ar('سوداني')], capital: { name: 'Khartoum', nameAr: 'الخرطوم' } },
  { name: 'Saudi Arabia', nameAr: 'السعودية', aliases: ['المملكة العربية السعودية', 'Kingdom of Saudi Arabia'], adjectives: ['Saudi', ...ar('سعودي')], capital: { name: 'Riyadh', nameAr: 'الرياض' } },
  { name: 'Qatar', nameAr: 'قطر', aliases: [], adjectives: ['Qatari', ...ar('قطري')], capital: { name: 'Doha', nameAr: 'الدوحة' } },
  { name: 'United Arab Emirates', nameAr: 'الإمارات', aliases: ['UAE', 'الإمارات العربية المتحدة'], adjectives: ['Emirati', ...ar('إماراتي')], capital: { name: 'Abu Dhabi', nameAr: 'أبوظبي', aliases: ['أبو ظبي'] } },
  { name: 'Kuwait', nameAr: 'الكويت', aliases: [], adjectives: ['Kuwaiti', ...ar('كويتي')] },
  { name: 'Jordan', nameAr: 'الأردن', aliases: [], adjectives: ['Jordanian', ...ar('أردني')], capital: { name: 'Amman', nameAr: 'عمان' } },
  { name: 'Iraq', nameAr: 'العراق', aliases: [], adjectives: ['Iraqi', ...ar('عراقي')], capital: { name: 'Baghdad', nameAr: 'بغداد' } },
  { name: 'Syria', nameAr: 'سوريا', aliases: ['سورية'], adjectives: ['Syrian', ...ar('سوري')], capital: { name: 'Damascus', nameAr: 'دمشق' } },
  { name: 'Lebanon', nameAr: 'لبنان', aliases: [], adjectives: ['Lebanese', ...ar('لبناني')], capital: { name: 'Beirut', nameAr: 'بيروت' } },
  { name: 'Israel', nameAr: 'إسرائيل', aliases: [], adjectives: ['Israeli', ...ar('إسرائيلي')] },
  { name: 'Palestine', nameAr: 'فلسطين', aliases: [], adjectives: ['Palestinian', ...ar('فلسطيني')] },
  { name: 'Turkey', nameAr: 'تركيا', aliases: ['Türkiye'], adjectives: ['Turkish', ...ar('تركي')], capital: { name: 'Ankara', nameAr: 'أنقرة' } },
  { name: 'Iran', nameAr: 'إيران', aliases: [], adjectives: ['Iranian', ...ar('إيراني')], capital: { name: 'Tehran', nameAr: 'طهران' } },
  { name: 'Russia', nameAr: 'روسيا', aliases: [], adjectives: ['Russian', ...ar('روسي')], capital: { name: 'Moscow', nameAr: 'موسكو' } },
  { name: 'China', nameAr: 'الصين', aliases: [], adjectives: ['Chinese', ...ar('صيني')], capital: { name: 'Beijing', nameAr: 'بكين' } },
  { name: 'India', nameAr: 'الهند', aliases: [], adjectives: ['Indian', ...ar('هندي')], capital: { name: 'New Delhi', nameAr: 'نيودلهي' } },
  { name: 'Japan', nameAr: 'اليابان', aliases: [], adjectives: ['Japanese', ...ar('ياباني')], capital: { name: 'Tokyo', nameAr: 'طوكيو' } },
  { name: 'United States', nameAr: 'الولايات المتحدة', aliases: ['US', 'U.S.', 'USA', 'United States of America', 'أمريكا', 'أميركا'], adjectives: ['American', 'US', 'U.S.', ...ar('أميركي', 'أمريكي')], capital: { name: 'Washington', nameAr: 'واشنطن' } },
  { name: 'France', nameAr: 'فرنسا', aliases: [], adjectives: ['French', ...ar('فرنسي')], capital: { name: 'Paris', nameAr: 'باريس' } },
  { name: 'United Kingdom', nameAr: 'المملكة المتحدة', aliases: ['Britain', 'UK', 'بريطانيا'], adjectives: ['British', 'UK', ...ar('بريطاني')], capital: { name: 'London', nameAr: 'لندن' } },
  { name: 'Germany', nameAr: 'ألمانيا', aliases: [], adjectives: ['German', ...ar('ألماني')], capital: { name: 'Berlin', nameAr: 'برلين' } },
  { name: 'Italy', nameAr: 'إيطاليا', aliases: [], adjectives: ['Italian', ...ar('إيطالي')], capital: { name: 'Rome', nameAr: 'روما' } },
  { name: 'Spain', nameAr: 'إسبانيا', aliases: ['إسبانيا'], adjectives: ['Spanish', ...ar('إسباني')], capital: { name: 'Madrid', nameAr: 'مدريد' } },
  { name: 'Portugal', nameAr: 'البرتغال', aliases: [], adjectives: ['Portuguese', ...ar('برتغالي')], capital: { name: 'Lisbon', nameAr: 'لشبونة' } },
  { name: 'Vatican City', nameAr: 'الفاتيكان', aliases: ['Holy See', 'Vatican'], adjectives: ['Vatican'] },
  { name: 'Ukraine', nameAr: 'أوكرانيا', aliases: [], adjectives: ['Ukrainian', ...ar('أوكراني')], capital: { name: 'Kyiv', nameAr: 'كييف', aliases: ['Kiev'] } },
  { name: 'Nigeria', nameAr: 'نيجيريا', aliases: [], adjectives: ['Nigerian', ...ar('نيجيري')], capital: { name: 'Abuja', nameAr: 'أبوجا' } },
  { name: 'South Africa', nameAr: 'جنوب أفريقيا', aliases: ['جنوب إفريقيا'], adjectives: ['South African'], capital: { name: 'Pretoria', nameAr: 'بريتوريا' } },
  { name: 'Brazil', nameAr: 'البرازيل', aliases: [], adjectives: ['Brazilian', ...ar('برازيلي')], capital: { name: 'Brasília', nameAr: 'برازيليا' } },
  { name: 'Canada', nameAr: 'كندا', aliases: [], adjectives: ['Canadian', ...ar('كندي')], capital: { name: 'Ottawa', nameAr: 'أوتاوا' } },
  { name: 'Pakistan', nameAr: 'باكستان', aliases: [], adjectives: ['Pakistani', ...ar('باكستاني')], capital: { name: 'Islamabad', nameAr: 'إسلام آباد' } },
  { name: 'Oman', nameAr: 'سلطنة عمان', aliases: ['عُمان'], adjectives: ['Omani', ...ar('عماني')], capital: { name: 'Muscat', nameAr: 'مسقط' } },
  { name: 'Bahrain', nameAr: 'البحرين', aliases: [], adjectives: ['Bahraini', ...ar('بحريني')], capital: { name: 'Manama', nameAr: 'المنامة' } },
  { name: 'Yemen', nameAr: 'اليمن', aliases: [], adjectives: ['Yemeni', ...ar('يمني')], capital: { name: "Sana'a", nameAr: 'صنعاء' } },
];

/** Other cities that visits name often, with their country. */
export const OTHER_CITIES: { name: string; nameAr: string; country: string; aliases?: string[] }[] = [
  { name: 'Oran', nameAr: 'وهران', country: 'Algeria' },
  { name: 'Constantine', nameAr: 'قسنطينة', country: 'Algeria' },
  { name: 'Casablanca', nameAr: 'الدار البيضاء', country: 'Morocco' },
  { name: 'Marrakesh', nameAr: 'مراكش', country: 'Morocco', aliases: ['Marrakech'] },
  { name: 'Jeddah', nameAr: 'جدة', country: 'Saudi Arabia' },
  { name: 'Najaf', nameAr: 'النجف', country: 'Iraq' },
  { name: 'Erbil', nameAr: 'أربيل', country: 'Iraq' },
  { name: 'Mosul', nameAr: 'الموصل', country: 'Iraq' },
  { name: 'Jerusalem', nameAr: 'القدس', country: 'Israel' },
  { name: 'Istanbul', nameAr: 'إسطنبول', country: 'Turkey' },
  { name: 'Sochi', nameAr: 'سوتشي', country: 'Russia' },
  { name: 'St Petersburg', nameAr: 'سان بطرسبورغ', country: 'Russia', aliases: ['Saint Petersburg', 'St. Petersburg'] },
  { name: 'Arlington', nameAr: 'أرلينغتون', country: 'United States' },
];
