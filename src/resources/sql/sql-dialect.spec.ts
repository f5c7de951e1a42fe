import { isoFromSqliteDate } from './sql-dialect';

describe('isoFromSqliteDate', () => {
  it('rearranges the stored form into ISO 8601 UTC with milliseconds', () => {
    expect(isoFromSqliteDate('2024-01-31 10:00:00.120')).toBe('2024-01-31T10:00:00.120Z');
  });

  it('gives what strftime gave for other stored texts: UTC unless a zone is written', () => {
    expect(isoFromSqliteDate('2024-01-31 10:00:00')).toBe('2024-01-31T10:00:00.000Z');
    expect(isoFromSqliteDate('2024-01-31T10:00:00.5Z')).toBe('2024-01-31T10:00:00.500Z');
    expect(isoFromSqliteDate('2024-01-31')).toBe('2024-01-31T00:00:00.000Z');
  });

  it('keeps null and answers null for text that is no date', () => {
    expect(isoFromSqliteDate(null)).toBeNull();
    expect(isoFromSqliteDate('not a date')).toBeNull();
  });
});
