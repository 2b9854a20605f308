import { describe, it, expect } from 'vitest';
import { nameKeys, normalizeName } from '../src/graph/normalize.js';

describe('normalizeName: Latin', () => {
  it('strips accents and case', () => {
    expect(normalizeName('Saïd')).toBe('said');
    expect(normalizeName('Saïd')).toBe(normalizeName('Said'));
    expect(normalizeName('SAID')).toBe(normalizeName('Said'));
    expect(normalizeName('Algérie Presse Service')).toBe('algerie presse service');
    expect(normalizeName('Saïd Chanegriha')).toBe(normalizeName('said chanegriha'));
  });

  it('handles decomposed input the same as precomposed', () => {
    expect(normalizeName('Sai\u0308d')).toBe(normalizeName('Sa\u00efd'));
  });

  it('turns punctuation into spaces and collapses whitespace', () => {
    expect(normalizeName('Mark T. Esper')).toBe('mark t esper');
    expect(normalizeName('  Al-Jazeera ')).toBe('al jazeera');
    expect(normalizeName("Martyrs' Memorial")).toBe('martyrs memorial');
    expect(normalizeName('Martyrs’ Memorial')).toBe('martyrs memorial');
    expect(normalizeName('"Pentagon",  DoD')).toBe('pentagon dod');
    expect(normalizeName('Al Jazeera')).toBe(normalizeName('Al-Jazeera'));
  });
});

describe('normalizeName: Arabic', () => {
  it('folds the hamza forms of alef', () => {
    expect(normalizeName('أ')).toBe('ا');
    expect(normalizeName('إ')).toBe('ا');
    expect(normalizeName('آ')).toBe('ا');
    expect(normalizeName('ٱ')).toBe('ا');
    expect(normalizeName('إسبر')).toBe(normalizeName('اسبر'));
    expect(normalizeName('الأناضول')).toBe(normalizeName('الاناضول'));
  });

  it('matches مارك إسبر and مارك اسبر', () => {
    expect(normalizeName('مارك إسبر')).toBe(normalizeName('مارك اسبر'));
    expect(normalizeName('مارك إسبر')).toBe('مارك اسبر');
  });

  it('folds taa marbuta to haa', () => {
    expect(normalizeName('شنقريحة')).toBe('شنقريحه');
    expect(normalizeName('الجامعة العربية')).toBe(normalizeName('الجامعه العربيه'));
  });

  it('folds alef maqsura to yaa', () => {
    expect(normalizeName('مصطفى')).toBe('مصطفي');
  });

  it('folds hamza on waw and on yaa', () => {
    expect(normalizeName('مؤسسة')).toBe(normalizeName('موسسه'));
    expect(normalizeName('رئيس')).toBe('رييس');
  });

  it('removes tashkeel and the superscript alef', () => {
    expect(normalizeName('الْجَزَائِرُ')).toBe(normalizeName('الجزائر'));
    expect(normalizeName('تَبُّون')).toBe('تبون');
    expect(normalizeName('هٰذا')).toBe('هذا');
    expect(normalizeName('شريكًا')).toBe('شريكا');
  });

  it('removes tatweel', () => {
    expect(normalizeName('تبــــون')).toBe('تبون');
  });

  it('folds Persian and Urdu lookalike letters', () => {
    expect(normalizeName('کريم')).toBe(normalizeName('كريم'));
    expect(normalizeName('علی')).toBe(normalizeName('علي'));
  });

  it('strips Arabic punctuation and folds Arabic-Indic digits', () => {
    expect(normalizeName('هجمات ١١ سبتمبر')).toBe(normalizeName('هجمات 11 سبتمبر'));
    expect(normalizeName('تونس، المغرب')).toBe('تونس المغرب');
  });

  it('keeps distinct names distinct', () => {
    expect(normalizeName('الجزائر')).not.toBe(normalizeName('الجزائر العاصمة'));
    expect(normalizeName('الجزائر')).not.toBe(normalizeName('الجزيرة'));
  });
});

describe('nameKeys', () => {
  it('gives the distinct normalized forms of every name', () => {
    const keys = nameKeys({
      name: 'Mark Esper',
      nameAr: 'مارك إسبر',
      aliases: ['إسبر', 'مارك اسبر', 'Esper', 'ESPER', 'Mark T. Esper'],
    });
    expect(keys).toEqual(['mark esper', 'مارك اسبر', 'اسبر', 'esper', 'mark t esper']);
  });

  it('accepts missing or null nameAr and aliases', () => {
    expect(nameKeys({ name: 'Ben Wallace' })).toEqual(['ben wallace']);
    expect(nameKeys({ name: 'Ben Wallace', nameAr: null, aliases: null })).toEqual(['ben wallace']);
    expect(nameKeys({ name: 'X', aliases: ['', '  ', '...'] })).toEqual(['x']);
  });
});
