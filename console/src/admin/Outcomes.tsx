// Per-office outcomes of a bulk action or a spot-check draw: the office (linked), its
// certification, the outcome as a coloured tag and the lifecycle's reason when it refused.
import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useCountyName } from '../api/queries';
import { useOfficeNames } from './offices';
import { useCodeText, useText } from './text';
import { dateTime } from './ui';

export interface OutcomeRow {
  certificationId: string;
  officeId: string;
  countyId: string;
  outcome: string;
  reason: string | null;
  recordedAt: string | null;
  position?: number;
}

const COLORS: Record<string, string> = {
  DONE: '#237804',
  STARTED: '#237804',
  ALREADY_DONE: '#006d75',
  ALREADY_OPEN: '#006d75',
  REFUSED: '#ad4e00',
  FAILED: '#a8071a',
  PENDING: '#595959',
};

export function OutcomeSummary({ counts }: { counts: Record<string, number> }) {
  const codeText = useCodeText();
  return (
    <>
      {Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([code, n]) => (
          <Tag key={code} color={COLORS[code] ?? '#595959'}>
            {codeText('outcome', code)} {n}
          </Tag>
        ))}
    </>
  );
}

export function OutcomeTable({ rows }: { rows: OutcomeRow[] }) {
  const text = useText();
  const codeText = useCodeText();
  const officeName = useOfficeNames(rows.length > 0);
  const countyName = useCountyName();
  return (
    <Table<OutcomeRow>
      rowKey="certificationId"
      size="small"
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: true }}
      columns={[
        {
          title: text('bulk.office'),
          key: 'office',
          render: (_, row) => (
            <Link to={`/offices/${row.officeId}`}>{officeName(row.officeId)}</Link>
          ),
        },
        {
          title: text('common.county'),
          key: 'county',
          render: (_, row) => countyName(row.countyId),
        },
        {
          title: text('bulk.outcome'),
          key: 'outcome',
          render: (_, row) => (
            <Tag color={COLORS[row.outcome] ?? '#595959'}>{codeText('outcome', row.outcome)}</Tag>
          ),
        },
        {
          title: text('bulk.reasonColumn'),
          dataIndex: 'reason',
          render: (value: string | null) => value ?? '—',
        },
        {
          title: text('audit.certification'),
          key: 'certification',
          render: (_, row) => (
            <Link to={`/certifications/${row.certificationId}`}>{text('common.details')}</Link>
          ),
        },
        {
          title: text('audit.occurredAt'),
          dataIndex: 'recordedAt',
          render: (value: string | null) => dateTime(value),
        },
      ]}
    />
  );
}
