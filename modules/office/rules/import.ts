// One row of a bulk office import, the same for a CSV file and a JSON body: an office (code,
// name, type, county by its code) and, optionally, its initial profile as flat columns a
// spreadsheet can hold. Pure: the API parses the file and checks the database; this module
// says what a valid row is and turns it into an office and its profile.
import { z } from 'zod';
import { IsoDate, OfficeProfileValues, OfficeType } from './profile';

/** More than a city has offices (Chongqing: 1,034), and within PostgreSQL's bind-parameter limit. */
export const OFFICE_IMPORT_MAX_ROWS = 5_000;

/** Profile columns and where each goes in OfficeProfileValues (officeType comes from `type`). */
export const PROFILE_COLUMNS = {
  population: ['population'],
  premisesAreaM2: ['premisesAreaM2'],
  exclusivePremisesAreaM2: ['exclusivePremisesAreaM2'],
  staffTotal: ['staff', 'total'],
  fullTimeAuxiliaryStaff: ['staff', 'fullTimeAuxiliary'],
  legalQualifiedStaff: ['staff', 'legalQualified'],
  partyMembers: ['party', 'members'],
  hasPartyBranch: ['party', 'hasBranch'],
  trainingDays: ['training', 'days'],
  trainingHours: ['training', 'hours'],
  mediationCases: ['mediation', 'cases'],
  mediationSuccessful: ['mediation', 'successful'],
  communityCorrectionSupervised: ['communityCorrection', 'supervised'],
  communityCorrectionLost: ['communityCorrection', 'lostSupervision'],
} as const satisfies Record<string, readonly [string] | readonly [string, string]>;
export type ProfileColumn = keyof typeof PROFILE_COLUMNS;
export const PROFILE_COLUMN_NAMES = Object.keys(PROFILE_COLUMNS) as ProfileColumn[];

export const REQUIRED_COLUMNS = ['code', 'name', 'type', 'countyCode'] as const;
/** Every column an import file may have, in the order the README and the fixture use. */
export const IMPORT_COLUMNS = [
  ...REQUIRED_COLUMNS,
  'profileEffectiveFrom',
  ...PROFILE_COLUMN_NAMES,
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const OfficeCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"');

/** 街道/乡镇 are what a Chinese spreadsheet says; the API's own words are STREET/TOWNSHIP. */
const TYPE_WORDS: Record<string, OfficeType> = {
  STREET: 'STREET',
  TOWNSHIP: 'TOWNSHIP',
  街道: 'STREET',
  乡镇: 'TOWNSHIP',
};
export const ImportOfficeType = z.preprocess(
  (value) =>
    typeof value === 'string' ? (TYPE_WORDS[value.trim().toUpperCase()] ?? value) : value,
  z.enum(OfficeType.options, { error: 'must be STREET or TOWNSHIP (街道 or 乡镇)' }),
);

const optionalNumber = z.number().optional();

const RowFields = z.strictObject({
  code: OfficeCode,
  name: z.string().trim().min(1).max(100),
  type: ImportOfficeType,
  /** The county's code (e.g. CQ-YZ), within the importing city. */
  countyCode: z.string().trim().min(1).max(50),
  /** The day the profile columns take effect; required when a row has any of them. */
  profileEffectiveFrom: IsoDate.optional(),
  population: optionalNumber,
  premisesAreaM2: optionalNumber,
  exclusivePremisesAreaM2: optionalNumber,
  staffTotal: optionalNumber,
  fullTimeAuxiliaryStaff: optionalNumber,
  legalQualifiedStaff: optionalNumber,
  partyMembers: optionalNumber,
  hasPartyBranch: z.boolean().optional(),
  trainingDays: optionalNumber,
  trainingHours: optionalNumber,
  mediationCases: optionalNumber,
  mediationSuccessful: optionalNumber,
  communityCorrectionSupervised: optionalNumber,
  communityCorrectionLost: optionalNumber,
} satisfies Record<ImportColumn, z.ZodType>);
type RowFields = z.infer<typeof RowFields>;

export interface ImportedOffice {
  code: string;
  name: string;
  type: OfficeType;
  countyCode: string;
  profile: { effectiveFrom: IsoDate; values: OfficeProfileValues } | null;
}

/** staff.total → staffTotal: profile messages speak of the columns the caller wrote. */
const NESTED_TO_COLUMN = PROFILE_COLUMN_NAMES.map(
  (column) => [PROFILE_COLUMNS[column].join('.'), column] as const,
).filter(([nested, column]) => nested !== column);

function columnOf(path: readonly PropertyKey[]): string {
  const nested = path.map(String).join('.');
  return NESTED_TO_COLUMN.find(([n]) => n === nested)?.[1] ?? nested;
}

function inColumnWords(message: string): string {
  return NESTED_TO_COLUMN.reduce(
    (text, [nested, column]) => text.split(nested).join(column),
    message,
  );
}

function profileValues(row: RowFields): Record<string, unknown> {
  const values: Record<string, unknown> = { officeType: row.type };
  for (const column of PROFILE_COLUMN_NAMES) {
    const path = PROFILE_COLUMNS[column];
    const value = row[column];
    if (path.length === 1) {
      values[path[0]] = value;
    } else {
      const group = (values[path[0]] ??= {}) as Record<string, unknown>;
      group[path[1]] = value;
    }
  }
  return values;
}

/**
 * A valid import row. Profile columns come all together with `profileEffectiveFrom`, or not
 * at all: a profile with gaps could not be evaluated against criteria.
 */
export const OfficeImportRow = RowFields.transform((row, ctx): ImportedOffice => {
  const office = { code: row.code, name: row.name, type: row.type, countyCode: row.countyCode };
  const given = PROFILE_COLUMN_NAMES.filter((column) => row[column] !== undefined);
  if (given.length === 0 && row.profileEffectiveFrom === undefined) {
    return { ...office, profile: null };
  }
  const missing = [
    ...PROFILE_COLUMN_NAMES.filter((column) => row[column] === undefined),
    ...(row.profileEffectiveFrom === undefined ? ['profileEffectiveFrom'] : []),
  ];
  for (const column of missing) {
    ctx.addIssue({
      code: 'custom',
      path: [column],
      message: 'required when the row has profile values (give all profile columns or none)',
    });
  }
  const values = OfficeProfileValues.safeParse(profileValues(row));
  if (!values.success) {
    for (const issue of values.error.issues) {
      const column = columnOf(issue.path);
      // A missing column is reported once, above.
      if (missing.includes(column)) continue;
      ctx.addIssue({ code: 'custom', path: [column], message: inColumnWords(issue.message) });
    }
  }
  if (missing.length > 0 || !values.success || row.profileEffectiveFrom === undefined) {
    return z.NEVER;
  }
  return { ...office, profile: { effectiveFrom: row.profileEffectiveFrom, values: values.data } };
});
export type OfficeImportRow = z.input<typeof OfficeImportRow>;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
  有: true,
  无: false,
};

/**
 * A CSV record's cells (all text) as the values the row schema checks: blank cells are
 * absent, numbers and yes/no become numbers and booleans. A cell that is not what its
 * column needs stays text, so the schema names the column and says what was expected.
 */
export function rowFromCells(cells: Record<string, string>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(cells)) {
    const cell = raw.trim();
    if (cell === '') continue;
    if (column === 'hasPartyBranch') {
      row[column] = BOOLEAN_WORDS[cell.toLowerCase()] ?? cell;
    } else if ((PROFILE_COLUMN_NAMES as string[]).includes(column)) {
      row[column] = NUMBER.test(cell) ? Number(cell) : cell;
    } else {
      row[column] = cell;
    }
  }
  return row;
}

/** The header's problems: required columns it lacks, columns the import does not know. */
export function headerProblems(header: readonly string[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) {
      problems.push({ field: `header.${column}`, message: 'missing required column' });
    }
  }
  const seen = new Set<string>();
  for (const column of header) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(column)) {
      problems.push({
        field: `header.${column}`,
        message: `unknown column (the columns are: ${IMPORT_COLUMNS.join(', ')})`,
      });
    } else if (seen.has(column)) {
      problems.push({ field: `header.${column}`, message: 'column appears twice' });
    }
    seen.add(column);
  }
  return problems;
}

/**
 * For each row whose code an earlier row of the same file already has, the earlier row's
 * number (codes compared as written, after trimming).
 */
export function duplicateCodes(
  rows: readonly { row: number; code: unknown }[],
): Map<number, number> {
  const firstRow = new Map<string, number>();
  const duplicates = new Map<number, number>();
  for (const { row, code } of rows) {
    if (typeof code !== 'string' || code.trim() === '') continue;
    const key = code.trim();
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, row);
    else duplicates.set(row, first);
  }
  return duplicates;
}
