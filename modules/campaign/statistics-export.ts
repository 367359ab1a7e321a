// The statistical report (统计报表) of a campaign as tables with Chinese headers, and their
// CSV and XLSX files. Tables are built from the same progress and office rows the API returns,
// so a spreadsheet never disagrees with /progress.
import ExcelJS from 'exceljs';
import type { CountyProgress, ProgressRow } from './rules/targets';
import { CertificationStatus } from '../certification/workflow-api';
import type { LoadedCampaignProgress, OfficeStatusRow } from './progress-store';
import { chinaDate } from '../shared';

export const STATUS_ZH: Record<CertificationStatus, string> = {
  DECLARED: '已申报',
  BUILDING: '创建中',
  VERIFYING: '验收中',
  CERTIFIED: '已命名',
  RECTIFYING: '整改中',
  REVOKED: '已撤销',
  REJECTED: '未通过',
  WITHDRAWN: '已撤回',
};
export const NOT_DECLARED_ZH = '未申报';
export const OFFICE_TYPE_ZH = { STREET: '街道', TOWNSHIP: '乡镇' } as const;

export type Cell = string | number;
export interface Table {
  /** Sheet name in the workbook (and the CSV's file name). */
  name: string;
  headers: string[];
  rows: Cell[][];
}

export const COUNTY_HEADERS = [
  '区县',
  '区县编码',
  '司法所总数',
  '目标数',
  ...CertificationStatus.options.map((s) => STATUS_ZH[s]),
  '达标数',
  '完成率',
  '预计期末数',
  '是否可按期完成',
];

export const OFFICE_HEADERS = [
  '区县',
  '司法所名称',
  '编码',
  '类型',
  '状态',
  '证书编号',
  '申报日期',
  '命名日期',
];

/** A date as YYYY-MM-DD in China time, or empty. */
function dateCell(at: number | Date | null): string {
  if (at === null) return '';
  return chinaDate(typeof at === 'number' ? at : at.getTime());
}

function progressCells(row: ProgressRow): Cell[] {
  return [
    row.offices,
    row.quota,
    ...CertificationStatus.options.map((s) => row.statuses[s]),
    row.achieved,
    `${(row.completion * 100).toFixed(1)}%`,
    row.forecast.expectedAtEnd,
    row.forecast.onTrack ? '是' : '否',
  ];
}

export function countyTable(loaded: LoadedCampaignProgress, counties: CountyProgress[]): Table {
  const names = new Map(loaded.counties.map((c) => [c.id, c]));
  return {
    name: '区县进度',
    headers: COUNTY_HEADERS,
    rows: [
      ...counties.map((c) => [
        names.get(c.countyId)?.name ?? c.countyId,
        names.get(c.countyId)?.code ?? '',
        ...progressCells(c),
      ]),
      ['全市合计', '', ...progressCells(loaded.progress.city)],
    ],
  };
}

export function officeTable(rows: OfficeStatusRow[]): Table {
  return {
    name: '司法所状态',
    headers: OFFICE_HEADERS,
    rows: rows.map((r) => [
      r.countyName,
      r.officeName,
      r.officeCode,
      OFFICE_TYPE_ZH[r.officeType],
      r.status ? STATUS_ZH[r.status] : NOT_DECLARED_ZH,
      r.certificateNumber ?? '',
      dateCell(r.declaredAt),
      dateCell(r.certifiedAt),
    ]),
  };
}

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with an
 * apostrophe: office names come from imports, and a report must not run what they contain.
 */
function neutralise(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvField(cell: Cell): string {
  const text = String(neutralise(cell));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 byte-order mark, so Excel opens the Chinese text correctly. */
export function toCsv(table: Table): Buffer {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(tables: Table[], meta: { title: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '枫桥式司法所认定系统';
  workbook.title = meta.title;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(neutralise));
    sheet.columns.forEach((column, i) => {
      const widest = Math.max(
        ...[table.headers[i] ?? '', ...table.rows.map((r) => String(r[i] ?? ''))].map(
          // CJK characters take about two columns.
          (text) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0),
        ),
      );
      column.width = Math.min(40, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
