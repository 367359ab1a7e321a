// Bulk import of offices from a CSV file or a JSON body: all or nothing per file. Every row is
// checked first (its fields, duplicates within the file, codes already in use, its county);
// if any row is wrong nothing is written and the caller gets a report naming each bad row
// and field; otherwise every office and profile is inserted in one transaction, in a few
// batched statements, so a city's thousand offices import in one request.
import { randomUUID } from 'node:crypto';
// CsvError from the same entry point as parse: each entry bundles its own class.
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  OFFICE_IMPORT_MAX_ROWS,
  OfficeImportRow,
  duplicateCodes,
  headerProblems,
  rowFromCells,
} from './rules/import';
import type { ImportedOffice } from './rules/import';
import type { PrismaClient } from '../../generated/prisma/client';
import { recordAdminEvent } from '../audit';
import type { Principal } from '../access';
import type { FieldProblem } from '../../platform/http/problems';
import { Problem, conflict } from '../../platform/http/problems';
import { isUniqueViolation } from '../../platform/db/unique-violation';

const JsonImport = z.object({
  offices: z.array(z.unknown()).min(1).max(OFFICE_IMPORT_MAX_ROWS).meta({
    description:
      'One object per office with the same fields as the CSV columns (numbers and booleans as JSON values)',
  }),
});
const CsvImport = z.string().meta({
  description:
    'A CSV file (UTF-8, a BOM is tolerated) whose first line names the columns; see the README',
});

/**
 * The request body: a CSV file (text/csv, arriving as a string) or `{ "offices": [...] }`.
 * Chosen by what arrived, so a JSON body's problem names its field instead of "matches
 * neither a string nor an object".
 */
export const OfficeImportBody = z.preprocess(
  (value, ctx) => {
    if (typeof value === 'string') return value;
    const parsed = JsonImport.safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
    return value;
  },
  z.union([CsvImport, JsonImport]),
);
export type OfficeImportBody = z.infer<typeof OfficeImportBody>;

/** A row as it arrived, before validation. */
interface SourceRow {
  /** CSV: the line the record starts on (the header is line 1). JSON: the 1-based position. */
  row: number;
  /** How the problem report names this row's fields: `rows[17]` or `offices[16]`. */
  field: string;
  value: unknown;
}

export interface RowReport {
  row: number;
  code: string | null;
  reasons: FieldProblem[];
}

export interface ImportResult {
  format: 'csv' | 'json';
  offices: number;
  profiles: number;
  byCounty: { countyCode: string; offices: number }[];
  items: { id: string; code: string }[];
}

const badFile = (detail: string, errors: FieldProblem[]) =>
  new Problem(400, 'Bad Request', detail, errors);

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function csvRows(text: string): SourceRow[] {
  // Bytes that are not UTF-8 arrive as U+FFFD. Excel on a Chinese Windows saves "CSV" in GBK;
  // importing it would store garbled names.
  if (text.includes('\uFFFD')) {
    throw badFile('the CSV file is not UTF-8 text (in Excel: Save As “CSV UTF-8”)', [
      { field: 'body', message: 'not valid UTF-8' },
    ]);
  }
  let records: CsvRecord[];
  try {
    // With `info`, each record comes as { record, info } (the typings only know plain rows).
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      // Rows with too few or too many cells are reported row by row, not as one parse error.
      relax_column_count: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      throw badFile(`the CSV file cannot be read: ${error.message}`, [
        { field: 'body', message: error.message },
      ]);
    }
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw badFile('the CSV file is empty', [{ field: 'body', message: 'empty file' }]);
  const columns = header.record.map((name) => name.trim());
  const problems = headerProblems(columns);
  if (problems.length > 0) throw badFile('the CSV header is not an office import header', problems);
  if (data.length === 0) {
    throw badFile('the CSV file has a header but no offices', [
      { field: 'rows', message: 'no rows' },
    ]);
  }
  if (data.length > OFFICE_IMPORT_MAX_ROWS) {
    throw badFile(`at most ${OFFICE_IMPORT_MAX_ROWS} offices per file`, [
      { field: 'rows', message: `${data.length} rows; split the file` },
    ]);
  }
  return data.map(({ record, info }) => {
    // info.lines is where the record ends; a quoted cell may span lines.
    const embeddedNewlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const row = info.lines - embeddedNewlines;
    if (record.length !== columns.length) {
      return {
        row,
        field: `rows[${row}]`,
        value: new CellCountMismatch(record.length, columns.length, record[0]),
      };
    }
    const cells = Object.fromEntries(columns.map((column, i) => [column, record[i] ?? '']));
    return { row, field: `rows[${row}]`, value: rowFromCells(cells) };
  });
}

class CellCountMismatch {
  constructor(
    readonly cells: number,
    readonly columns: number,
    readonly firstCell: string | undefined,
  ) {}
}

function jsonRows(offices: unknown[]): SourceRow[] {
  return offices.map((value, index) => ({ row: index + 1, field: `offices[${index}]`, value }));
}

function codeOf(value: unknown): string | null {
  if (value instanceof CellCountMismatch) return value.firstCell?.trim() || null;
  if (typeof value !== 'object' || value === null || !('code' in value)) return null;
  return typeof value.code === 'string' ? value.code.trim() || null : null;
}

export async function importOffices(
  prisma: PrismaClient,
  principal: Principal,
  body: OfficeImportBody,
  requestId: string,
): Promise<ImportResult> {
  const format = typeof body === 'string' ? 'csv' : 'json';
  const rows = typeof body === 'string' ? csvRows(body) : jsonRows(body.offices);

  const counties = await prisma.county.findMany({
    where: { cityId: principal.cityId },
    select: { id: true, code: true },
  });
  const countyIdByCode = new Map(counties.map((county) => [county.code, county.id]));
  const codes = rows.map((row) => codeOf(row.value)).filter((code) => code !== null);
  const taken = new Set(
    (await prisma.office.findMany({ where: { code: { in: codes } }, select: { code: true } })).map(
      (office) => office.code,
    ),
  );
  const duplicates = duplicateCodes(rows.map((row) => ({ row: row.row, code: codeOf(row.value) })));

  const reports: RowReport[] = [];
  const valid: (ImportedOffice & { countyId: string })[] = [];
  for (const source of rows) {
    const reasons: FieldProblem[] = [];
    const code = codeOf(source.value);
    if (source.value instanceof CellCountMismatch) {
      reasons.push({
        field: 'row',
        message: `has ${source.value.cells} cells but the header has ${source.value.columns} columns`,
      });
    } else {
      const parsed = OfficeImportRow.safeParse(source.value);
      if (parsed.success) {
        const countyId = countyIdByCode.get(parsed.data.countyCode);
        if (countyId) valid.push({ ...parsed.data, countyId });
        // Another city's county is as unknown as one that does not exist.
        else
          reasons.push({ field: 'countyCode', message: 'no county with this code in your city' });
      } else {
        for (const issue of parsed.error.issues) {
          reasons.push({
            field: issue.path.length > 0 ? issue.path.map(String).join('.') : 'row',
            message: issue.message,
          });
        }
      }
    }
    const earlier = duplicates.get(source.row);
    if (earlier !== undefined) {
      reasons.push({
        field: 'code',
        message: `duplicate code ${code} (also in ${format === 'csv' ? 'row' : 'office'} ${earlier})`,
      });
    }
    if (code !== null && taken.has(code)) {
      // Re-importing is refused, never an update: an import creates offices, and changes to
      // existing ones have their own routes (profiles are append-only records).
      reasons.push({ field: 'code', message: `an office with code ${code} already exists` });
    }
    if (reasons.length > 0) reports.push({ row: source.row, code, reasons });
  }

  if (reports.length > 0) {
    const fieldOf = new Map(rows.map((row) => [row.row, row.field]));
    throw new Problem(
      422,
      'Unprocessable Content',
      `${reports.length} of ${rows.length} rows cannot be imported; nothing was imported`,
      reports.flatMap((report) =>
        report.reasons.map((reason) => ({
          field:
            reason.field === 'row'
              ? (fieldOf.get(report.row) ?? 'row')
              : `${fieldOf.get(report.row) ?? 'row'}.${reason.field}`,
          message: reason.message,
        })),
      ),
      { rows: reports },
    );
  }

  const offices = valid.map((office) => ({ ...office, id: randomUUID() }));
  const profiles = offices.flatMap((office) =>
    office.profile
      ? [
          {
            id: randomUUID(),
            officeId: office.id,
            effectiveFrom: new Date(`${office.profile.effectiveFrom}T00:00:00.000Z`),
            values: office.profile.values,
            note: 'bulk import',
            recordedBy: principal.id,
          },
        ]
      : [],
  );
  const byCounty = new Map<string, number>();
  for (const office of offices) {
    byCounty.set(office.countyCode, (byCounty.get(office.countyCode) ?? 0) + 1);
  }
  try {
    // A batch transaction (not an interactive one): three statements, no client-side timeout.
    await prisma.$transaction([
      prisma.office.createMany({
        data: offices.map(({ id, code, name, type, countyId }) => ({
          id,
          code,
          name,
          type,
          countyId,
        })),
      }),
      prisma.officeProfile.createMany({ data: profiles }),
      recordAdminEvent(prisma, {
        principal,
        action: 'OFFICES_IMPORTED',
        requestId,
        details: {
          format,
          offices: offices.length,
          profiles: profiles.length,
          codes: offices.map((office) => office.code),
        },
      }),
    ]);
  } catch (error) {
    // Another import took one of these codes between our check and our insert.
    if (isUniqueViolation(error)) {
      throw conflict(
        'another import created some of these office codes meanwhile; nothing was imported',
      );
    }
    throw error;
  }
  return {
    format,
    offices: offices.length,
    profiles: profiles.length,
    byCounty: [...byCounty].map(([countyCode, count]) => ({ countyCode, offices: count })),
    items: offices.map(({ id, code }) => ({ id, code })),
  };
}
