// Properties of what the edge accepts (fast-check): any text with a NUL or a lone surrogate
// is refused by the shared text type and found by the input guard at its exact place, any
// other text within bounds passes; every real calendar date in range passes and every day
// that does not exist fails; no depth of nesting breaks the guard.
import fc from 'fast-check';
import { MAX_JSON_DEPTH, inputProblems, textBodyProblems } from '../../platform/http/input-guard';
import { EARLIEST_YEAR, IsoDate, IsoDateTime, LATEST_YEAR } from '../../modules/shared/calendar';
import { text, unstorableReason } from '../../modules/shared/text';

const RUNS = { numRuns: 500 };
const NUL = '\u0000';

/** Strings with no NUL and no lone surrogate: what the database can store. */
const storableString = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .filter((s) => !s.includes(NUL));

/** A string with a NUL somewhere in it. */
const withNul = fc
  .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
  .map(([before, after]) => `${before}${NUL}${after}`);

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

describe('the shared text type', () => {
  const Text = text({ max: 200 });

  test('refuses any string containing NUL, saying so', () => {
    fc.assert(
      fc.property(withNul, (value) => {
        const parsed = Text.safeParse(value);
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues.map((i) => i.message)).toContain(
          'must not contain a NUL character (U+0000)',
        );
      }),
      RUNS,
    );
  });

  test('refuses a lone surrogate wherever it stands', () => {
    fc.assert(
      fc.property(storableString, loneSurrogate, storableString, (before, lone, after) => {
        // A surrogate next to another may form a pair; keep it lone.
        const value = `${before}x${lone}x${after}`;
        expect(Text.safeParse(value).success).toBe(false);
        expect(unstorableReason(value)).toMatch(/surrogate/);
      }),
      RUNS,
    );
  });

  test('accepts any storable text within its bounds, trimmed', () => {
    fc.assert(
      fc.property(storableString, (value) => {
        const trimmed = value.trim();
        fc.pre(trimmed.length >= 1 && trimmed.length <= 200);
        expect(Text.parse(value)).toBe(trimmed);
      }),
      RUNS,
    );
  });
});

describe('the input guard', () => {
  /** JSON values with storable strings and keys only. */
  const cleanJson = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      storableString,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(storableString, tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  test('finds nothing in clean JSON', () => {
    fc.assert(
      fc.property(cleanJson, (value) => {
        expect(inputProblems(value, 'body')).toEqual([]);
      }),
      RUNS,
    );
  });

  test('names the exact field of a NUL put anywhere in a body', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 10 }),
        withNul,
        (path, poison) => {
          let body: unknown = poison;
          for (const key of [...path].reverse()) body = { [key]: body };
          expect(inputProblems(body, 'body')).toEqual([
            { field: path.join('.'), message: expect.stringContaining('NUL') },
          ]);
        },
      ),
      RUNS,
    );
  });

  test('refuses nesting beyond its limit at any depth, without recursion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (depth) => {
        let body: unknown = 'leaf';
        for (let i = 0; i < depth; i++) body = [body];
        const problems = inputProblems(body, 'body');
        expect(problems.length).toBe(depth > MAX_JSON_DEPTH ? 1 : 0);
      }),
      { numRuns: 30 },
    );
  });

  test('locates a NUL in a text body by line and character', () => {
    fc.assert(
      fc.property(
        fc.array(
          storableString.map((line) => line.replaceAll('\n', '')),
          { minLength: 1, maxLength: 6 },
        ),
        fc.nat(),
        (lines, pick) => {
          const line = pick % lines.length;
          const column = (lines[line] ?? '').length;
          const poisoned = lines.map((l, i) => (i === line ? `${l}${NUL}` : l)).join('\n');
          expect(textBodyProblems(poisoned)).toEqual([
            {
              field: 'body',
              message: `line ${line + 1}, character ${column + 1}: must not contain a NUL character (U+0000)`,
            },
          ]);
        },
      ),
      RUNS,
    );
  });
});

describe('calendar dates', () => {
  const day = 24 * 60 * 60 * 1000;
  const inRange = fc
    .integer({
      min: Date.UTC(EARLIEST_YEAR, 0, 1) / day,
      max: Date.UTC(LATEST_YEAR, 11, 31) / day,
    })
    .map((n) => new Date(n * day));
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

  test('every real date in range passes, as a date and as the day of an instant', () => {
    fc.assert(
      fc.property(inRange, (date) => {
        const iso = date.toISOString();
        expect(IsoDate.safeParse(iso.slice(0, 10)).success).toBe(true);
        expect(IsoDateTime.safeParse(iso).success).toBe(true);
        expect(IsoDateTime.safeParse(`${iso.slice(0, 19)}+08:00`).success).toBe(true);
      }),
      RUNS,
    );
  });

  test('a day that does not exist fails (2023-02-29, 2024-04-31, 0000-00-00…)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (year, month, dayOfMonth) => {
          const exists =
            year >= EARLIEST_YEAR &&
            year <= LATEST_YEAR &&
            month >= 1 &&
            month <= 12 &&
            dayOfMonth >= 1 &&
            dayOfMonth <= daysIn(year, month);
          const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`;
          expect(IsoDate.safeParse(date).success).toBe(exists);
          expect(IsoDateTime.safeParse(`${date}T12:00:00Z`).success).toBe(exists);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
