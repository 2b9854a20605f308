/** How a trip's remark is read (no database): whom the traveler met and what they attended. */
import { describe, expect, it } from 'vitest';
import { readRemarks } from '../src/connectors/hsg/remarks.js';

describe("a trip's remark", () => {
  it('reads each person met with the title the remark gives as role', () => {
    expect(readRemarks('Met with President Abdelmadjid Tebboune and Foreign Minister Ramtane Lamamra.').met).toEqual([
      { name: 'Abdelmadjid Tebboune', role: 'President' },
      { name: 'Ramtane Lamamra', role: 'Foreign Minister' },
    ]);
  });

  it('ends a sentence on a regnal number: the next sentence is not part of the name, and what it says is read', () => {
    expect(readRemarks('Met with Prime Minister Boris Johnson and Queen Elizabeth II. Attended the G7 Summit.')).toEqual({
      met: [{ name: 'Boris Johnson', role: 'Prime Minister' }, { name: 'Elizabeth II', role: 'Queen' }],
      attended: ['G7 Summit'],
    });
  });

  it('keeps an initial inside a name', () => {
    expect(readRemarks('Met with President John F. Kennedy. Discussed trade.').met).toEqual([{ name: 'John F. Kennedy', role: 'President' }]);
  });
});
