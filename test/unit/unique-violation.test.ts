// A unique violation is told by its SQLSTATE on every path a statement takes, whatever language
// the server answers in (a city's PostgreSQL may well run with lc_messages = zh_CN).
import { isUniqueViolation } from '../../platform/db/unique-violation';

/** An error as pg throws it for a plain statement: SQLSTATE in `code`. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

test('pg’s own error is a unique violation by its SQLSTATE, in any language', () => {
  expect(isUniqueViolation(pgError('23505', '重复键违反唯一约束"Certificate_pkey"'))).toBe(true);
  expect(isUniqueViolation(pgError('23503', '插入或更新表违反外键约束'))).toBe(false);
});

test('Prisma’s P2002 and a driver error carried as the cause are unique violations', () => {
  expect(isUniqueViolation(pgError('P2002', 'Unique constraint failed'))).toBe(true);
  expect(
    isUniqueViolation(new Error('driver error', { cause: { code: '23505' } as unknown as Error })),
  ).toBe(true);
});

test('anything else is not', () => {
  expect(isUniqueViolation(new Error('connection terminated'))).toBe(false);
  expect(isUniqueViolation('23505')).toBe(false);
});
