import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  readBareHour,
  readClock,
  readHourAndFraction,
  readHourToken,
  readNoon,
} from './clock-times';

const words = (text: string) => text.split(' ');

describe('clock times', () => {
  it('reads 9h, 9h30, 14:30 and 0h00 as minutes after midnight', () => {
    expect(readHourToken(['9h'], 0)).toEqual({
      minutes: 540,
      end: 1,
      twelveHour: true,
      inWords: false,
    });
    expect(readHourToken(['9h30'], 0)?.minutes).toBe(570);
    expect(readHourToken(['14:30'], 0)).toMatchObject({ minutes: 870, twelveHour: false });
    expect(readHourToken(['0h00'], 0)?.minutes).toBe(0);
  });

  it('reads nothing in impossible hours or other tokens', () => {
    expect(readHourToken(['25h'], 0)).toBeNull();
    expect(readHourToken(['9h75'], 0)).toBeNull();
    expect(readHourToken(['9'], 0)).toBeNull();
    expect(readHourToken([], 0)).toBeNull();
  });

  it('reads midi as noon, said in words and not on a 12-hour clock', () => {
    expect(readNoon(['midi'], 0)).toEqual({
      minutes: 720,
      end: 1,
      twelveHour: false,
      inWords: true,
    });
    expect(readHourToken(['midi'], 0)).toBeNull();
  });

  it('reads a bare hour only after vers or à, from 6 to 21', () => {
    expect(readBareHour(words('vers 9'), 1)).toMatchObject({ minutes: 540, end: 2 });
    expect(readBareHour(words('a 21'), 1)?.minutes).toBe(21 * 60);
    expect(readBareHour(words('a 6'), 1)?.minutes).toBe(6 * 60);
    expect(readBareHour(words('a 5'), 1)).toBeNull();
    expect(readBareHour(words('a 22'), 1)).toBeNull();
    expect(readBareHour(words('le 9'), 1)).toBeNull();
    expect(readBareHour(['9'], 0)).toBeNull();
  });

  it('reads a bare hour before svp or demain but not before what is counted', () => {
    expect(readBareHour(words('a 9 svp'), 1)).not.toBeNull();
    expect(readBareHour(words('a 9 demain'), 1)).not.toBeNull();
    expect(readBareHour(words('a 9 10h'), 1)).not.toBeNull();
    expect(readBareHour(words('a 3 personnes'), 1)).toBeNull();
    expect(readBareHour(words('a 9 km'), 1)).toBeNull();
  });

  it('reads "et demie", "et quart" and "moins le quart" after a whole hour', () => {
    expect(readHourAndFraction(words('9h et demie'), 0)).toEqual({
      minutes: 570,
      end: 3,
      twelveHour: true,
      inWords: false,
    });
    expect(readHourAndFraction(words('9h et demi'), 0)?.minutes).toBe(570);
    expect(readHourAndFraction(words('9h et quart'), 0)?.minutes).toBe(555);
    expect(readHourAndFraction(words('10h moins le quart'), 0)).toMatchObject({
      minutes: 585,
      end: 4,
    });
    expect(readHourAndFraction(words('10h moins quart'), 0)?.minutes).toBe(585);
    expect(readHourAndFraction(words('midi et demi'), 0)).toMatchObject({
      minutes: 750,
      twelveHour: false,
      inWords: true,
    });
    expect(readHourAndFraction(words('a 9 et demie'), 1)?.minutes).toBe(570);
  });

  it('leaves a time without a fraction, or with minutes already, to the other readers', () => {
    expect(readHourAndFraction(words('9h et 10h'), 0)).toBeNull();
    expect(readHourAndFraction(words('9h30 et demie'), 0)).toBeNull();
    expect(readHourAndFraction(words('0h moins le quart'), 0)).toBeNull();
    expect(readClock(words('9h et 10h'), 0)).toMatchObject({ minutes: 540, end: 1 });
  });

  it('ends a reading right after the time, for every hour and minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const token = `${h}h${String(m).padStart(2, '0')}`;
        expect(readClock(['a', token, 'demain'], 1)).toMatchObject({
          minutes: h * 60 + m,
          end: 2,
        });
      }),
    );
  });
});
