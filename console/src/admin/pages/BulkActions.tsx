// 批量操作: bulk actions of the city (GET /api/v1/bulk-actions, city reviewers and admins) with
// their outcome counts; a row opens its per-office outcomes. The city admin starts one
// (POST /api/v1/bulk-actions: open the biennial recheck now, or start a spot check, on the live
// certifications a filter selects) after confirming; the answer's per-office report opens at
// once. A repeat with the same key resumes the recorded action instead of acting again.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCounties } from '../../api/queries';
import { useSession } from '../../auth/useSession';
import { LoadError } from '../../components/LoadError';
import type { Schema } from '../api';
import { read } from '../api';
import { FormModal } from '../FormModal';
import { OutcomeSummary, OutcomeTable } from '../Outcomes';
import { useCodeText, useText } from '../text';
import { dateTime, useConfirm } from '../ui';

type Action = 'OPEN_RECHECK' | 'START_SPOT_CHECK';
interface NewBulkAction {
  action: Action;
  reason: string;
  filter: { certifiedInYear?: number | null; countyId?: string };
  key?: string;
}
const FIELDS = [
  ['action'],
  ['reason'],
  ['key'],
  ['filter', 'certifiedInYear'],
  ['filter', 'countyId'],
];
const required = [{ required: true, whitespace: true }];

function BulkActionDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const text = useText();
  const detail = useQuery({
    queryKey: ['admin', 'bulk-action', id],
    queryFn: () => read(api.GET('/api/v1/bulk-actions/{id}', { params: { path: { id } } })),
  });
  return (
    <Drawer open size="large" title={text('bulk.detail')} onClose={onClose}>
      {detail.error && <LoadError error={detail.error} retry={() => void detail.refetch()} />}
      {detail.data && (
        <>
          <p>
            <OutcomeSummary counts={detail.data.summary} />
          </p>
          <OutcomeTable rows={detail.data.items} />
        </>
      )}
    </Drawer>
  );
}

export default function BulkActions() {
  const text = useText();
  const codeText = useCodeText();
  const confirm = useConfirm();
  const session = useSession();
  const queryClient = useQueryClient();
  const counties = useCounties();
  const [starting, setStarting] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const isAdmin = session?.user.role === 'CITY_ADMIN';

  const list = useQuery({
    queryKey: ['admin', 'bulk-actions'],
    queryFn: () =>
      read(api.GET('/api/v1/bulk-actions', { params: { query: { limit: 100 } } })).then(
        (r) => r.items,
      ),
  });

  return (
    <section aria-labelledby="bulk-title">
      <div className="page-toolbar">
        <h1 id="bulk-title">{text('admin.bulkActions')}</h1>
        {isAdmin && (
          <Button type="primary" danger onClick={() => setStarting(true)}>
            {text('bulk.start')}
          </Button>
        )}
      </div>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<Schema<'BulkActionSummary'>>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            {
              title: text('bulk.requestedAt'),
              dataIndex: 'requestedAt',
              render: (value: string) => dateTime(value),
            },
            {
              title: text('bulk.action'),
              key: 'action',
              render: (_, row) => codeText('bulk.action', row.action),
            },
            {
              title: text('bulk.reason'),
              key: 'reason',
              render: (_, row) => {
                const input = row.input as { reason?: unknown } | undefined;
                return typeof input?.reason === 'string' ? input.reason : '—';
              },
            },
            { title: text('bulk.requestedBy'), dataIndex: 'requestedBy' },
            { title: text('bulk.selected'), dataIndex: 'selected' },
            {
              title: text('bulk.outcomes'),
              key: 'outcomes',
              render: (_, row) => <OutcomeSummary counts={row.summary} />,
            },
            {
              title: text('bulk.completedAt'),
              dataIndex: 'completedAt',
              render: (value: string | null) => (value ? dateTime(value) : text('bulk.running')),
            },
            {
              title: text('common.actions'),
              key: 'open',
              render: (_, row) => (
                <Button size="small" onClick={() => setOpen(row.id)}>
                  {text('common.details')}
                </Button>
              ),
            },
          ]}
        />
      )}

      {isAdmin && (
        <FormModal<NewBulkAction>
          title={text('bulk.start')}
          open={starting}
          onClose={() => setStarting(false)}
          fields={FIELDS}
          okText={text('bulk.start')}
          initialValues={{ action: 'OPEN_RECHECK', filter: {} }}
          submit={async (values) => {
            const ok = await confirm({
              title: text('bulk.confirm', { action: codeText('bulk.action', values.action) }),
              content: text('bulk.confirmText'),
              okText: codeText('bulk.action', values.action),
            });
            if (!ok) return false;
            const done = await read(
              api.POST('/api/v1/bulk-actions', {
                body: {
                  action: values.action,
                  reason: values.reason,
                  key: values.key?.trim() || undefined,
                  filter: {
                    certifiedInYear: values.filter.certifiedInYear ?? undefined,
                    countyId: values.filter.countyId,
                  },
                },
              }),
            );
            setOpen(done.id);
            return true;
          }}
          onDone={() => void queryClient.invalidateQueries({ queryKey: ['admin', 'bulk-actions'] })}
        >
          <Form.Item name="action" label={text('bulk.action')} rules={required}>
            <Select
              options={(['OPEN_RECHECK', 'START_SPOT_CHECK'] as const).map((code) => ({
                value: code,
                label: codeText('bulk.action', code),
              }))}
            />
          </Form.Item>
          <p className="form-hint">{text('bulk.filterHint')}</p>
          <Form.Item name={['filter', 'certifiedInYear']} label={text('bulk.certifiedInYear')}>
            <InputNumber min={2000} max={2100} className="page-stack" />
          </Form.Item>
          <Form.Item name={['filter', 'countyId']} label={text('common.county')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(counties.data ?? []).map((county) => ({
                value: county.id,
                label: county.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={text('bulk.reason')} rules={required}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item name="key" label={text('bulk.key')}>
            <Input autoComplete="off" />
          </Form.Item>
        </FormModal>
      )}

      {open && <BulkActionDetail id={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
