// 数据核对: GET /api/v1/admin/reconcile compares every certification workflow of the city with
// its database projection and lists stuck workflows (an activity failing again and again, a
// transition the database refused). Clean when both lists are empty. It asks Temporal about
// every workflow, so it runs when the page opens and on request, not in the background.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Statistic, Table } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import type { Schema } from '../api';
import { read } from '../api';
import { useCodeText, useText } from '../text';
import { dateTime } from '../ui';

type Report = Schema<'ReconcileReport'>;
const show = (value: unknown): string =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

const certificationLink = (id: string | null, label: string) =>
  id ? <Link to={`/certifications/${id}`}>{label}</Link> : '—';

export default function Reconcile() {
  const text = useText();
  const codeText = useCodeText();
  const report = useQuery({
    queryKey: ['admin', 'reconcile'],
    queryFn: () => read(api.GET('/api/v1/admin/reconcile')),
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
  const data = report.data;
  const clean = data && data.mismatches.length === 0 && data.stuck.length === 0;

  return (
    <section aria-labelledby="reconcile-title">
      <div className="page-toolbar">
        <h1 id="reconcile-title">{text('admin.reconcile')}</h1>
        <Button loading={report.isFetching} onClick={() => void report.refetch()}>
          {text('reconcile.run')}
        </Button>
      </div>
      {report.error && <LoadError error={report.error} retry={() => void report.refetch()} />}
      {!data && !report.error && <Card loading />}
      {data && (
        <Space orientation="vertical" size="large" className="page-stack">
          <Space size="large" wrap>
            <Statistic title={text('reconcile.checked')} value={data.checked} />
            <Statistic title={text('reconcile.mismatches')} value={data.mismatches.length} />
            <Statistic title={text('reconcile.stuck')} value={data.stuck.length} />
            <Statistic title={text('reconcile.pending')} value={data.pending.length} />
          </Space>
          {clean && <Alert type="success" showIcon role="status" title={text('reconcile.clean')} />}
          {data.mismatches.length > 0 && (
            <Card title={<h2 className="card-heading">{text('reconcile.mismatches')}</h2>}>
              <Table<Report['mismatches'][number]>
                rowKey={(row) => `${row.workflowId}-${row.field}`}
                size="small"
                pagination={false}
                scroll={{ x: true }}
                dataSource={data.mismatches}
                columns={[
                  {
                    title: text('reconcile.workflow'),
                    key: 'workflow',
                    render: (_, row) => certificationLink(row.certificationId, row.workflowId),
                  },
                  { title: text('reconcile.field'), dataIndex: 'field' },
                  {
                    title: text('reconcile.workflowValue'),
                    key: 'workflowValue',
                    render: (_, row) => show(row.workflow),
                  },
                  {
                    title: text('reconcile.databaseValue'),
                    key: 'databaseValue',
                    render: (_, row) => show(row.database),
                  },
                ]}
              />
            </Card>
          )}
          {data.stuck.length > 0 && (
            <Card title={<h2 className="card-heading">{text('reconcile.stuck')}</h2>}>
              <Table<Report['stuck'][number]>
                rowKey="workflowId"
                size="small"
                pagination={false}
                scroll={{ x: true }}
                dataSource={data.stuck}
                columns={[
                  {
                    title: text('reconcile.workflow'),
                    key: 'workflow',
                    render: (_, row) => certificationLink(row.certificationId, row.workflowId),
                  },
                  {
                    title: text('reconcile.reason'),
                    key: 'reason',
                    render: (_, row) => codeText('reconcile.reason', row.reason),
                  },
                  {
                    title: text('reconcile.attempts'),
                    dataIndex: 'attempts',
                    render: (value: number | null) => value ?? '—',
                  },
                  {
                    title: text('reconcile.since'),
                    dataIndex: 'since',
                    render: (value: string | null) => dateTime(value),
                  },
                  { title: text('common.details'), dataIndex: 'detail' },
                ]}
              />
            </Card>
          )}
        </Space>
      )}
    </section>
  );
}
