import { describe, expect, it } from 'vitest';
import { findDate, formatLongDate, parseDate } from './dutch-dates.js';

describe('parseDate', () => {
  it.each([
    ['16 december 2016', '2016-12-16'],
    ['2 juli 2009', '2009-07-02'],
    ['ma 3 feb. 2020', '2020-02-03'],
    ['maandag 3 februari 2020', '2020-02-03'],
    ['2016-12-16', '2016-12-16'],
    ['3 mrt 2021', '2021-03-03'],
    ['1 okt. 2019 om 14:30', '2019-10-01T14:30'],
    ['16-12-2016', '2016-12-16'],
    ['16/12/2016', '2016-12-16'],
    ['December 16, 2016', '2016-12-16'],
    ['16th December 2016', '2016-12-16'],
    ['2018-04-05T06:00', '2018-04-05T06:00'],
    ['2016-12-16T10:15:00+0100', '2016-12-16T10:15:00+01:00'],
    ['2016-12-16T10:15:00Z', '2016-12-16T10:15:00Z'],
    ['Thu, 05 Apr 2018 06:00:00 GMT', '2018-04-05T06:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['', 'geen datum', '31 februari 2020', '2020-13-01', '99 juli 2009', null])('rejects %s', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('findDate', () => {
  it('finds the first date in running text', () => {
    expect(findDate('Geplaatst door Ben Koenen op 16 december 2016 in Blog')).toBe('2016-12-16');
    expect(findDate('Kenniskring van Alleato op 2 juli 2009. Later: 3 augustus 2010.')).toBe('2009-07-02');
  });
  it('does not read a bare number as a date', () => {
    expect(findDate('Er waren 12 deelnemers en 2009 stoelen')).toBeNull();
  });
});

describe('formatLongDate', () => {
  it('formats Dutch and English', () => {
    expect(formatLongDate('2026-11-22', 'nl')).toBe('22 november 2026');
    expect(formatLongDate('2026-11-22T10:00', 'en')).toBe('November 22, 2026');
  });
});
