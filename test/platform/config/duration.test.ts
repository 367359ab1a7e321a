// Unit tests for campaign durations (domain/duration.ts).
import { Duration, durationMs, parseDuration } from '../../../platform/config/duration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  test.each([
    ['730d', 730 * DAY],
    ['36h', 36 * HOUR],
    ['15m', 15 * MINUTE],
    ['5s', 5 * SECOND],
    ['1.5d', 36 * HOUR],
    ['0.5s', 500],
    ['007d', 7 * DAY],
  ])('accepts %s as %d milliseconds', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  test.each([
    ['the empty string', ''],
    ['a zero duration', '0d'],
    ['a zero decimal duration', '0.0h'],
    ['a negative duration', '-1d'],
    ['a number without a unit', '10'],
    ['a unit without a number', 'd'],
    ['weeks, which are not a unit', '1w'],
    ['months, which vary in length', '1M'],
    ['a space between number and unit', '1 d'],
    ['surrounding whitespace', ' 1d'],
    ['an upper-case unit', '1D'],
    ['a trailing decimal point', '1.d'],
    ['a leading decimal point', '.5d'],
    ['two units', '1d12h'],
    ['an exponent', '1e3s'],
  ])('rejects %s (%j)', (_what, text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  test('rounds fractional milliseconds to whole ones', () => {
    expect(parseDuration('1.0006s')).toBe(1001);
  });
});

describe('durationMs', () => {
  test('returns the milliseconds of a valid duration', () => {
    expect(durationMs('2h')).toBe(2 * HOUR);
  });

  test('throws on an invalid duration, naming it', () => {
    expect(() => durationMs('1w')).toThrow('invalid duration: 1w');
  });
});

describe('the Duration schema', () => {
  test('accepts a valid duration and keeps its text', () => {
    expect(Duration.parse('90d')).toBe('90d');
  });

  test.each(['', '0d', '-1d', '10', '1w', '1 d'])('rejects %j with a helpful message', (text) => {
    const result = Duration.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/must be a positive duration/);
  });
});
