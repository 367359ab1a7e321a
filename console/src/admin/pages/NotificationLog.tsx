// 通知记录: what the system emailed, or failed to (GET /api/v1/notifications), newest first, a
// page at a time; filtered by delivery status, certification and recipient. County operators
// see what went to their county's people; the city's roles see the city's.
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import type { Schema } from '../api';
import { read, useCursorPages } from '../api';
import { useCodeText, useText } from '../text';
import { CursorPager, dateTime } from '../ui';

type Delivery = 'PENDING' | 'SENT' | 'FAILED';
const DELIVERY_COLORS: Record<string, string> = {
  PENDING: '#595959',
  SENT: '#237804',
  FAILED: '#a8071a',
};
interface Filters {
  status?: Delivery;
  certificationId?: string;
  recipientId?: string;
}

export default function NotificationLog() {
  const text = useText();
  const codeText = useCodeText();
  const [filters, setFilters] = useState<Filters>({});
  const pages = useCursorPages(JSON.stringify(filters));
  const log = useQuery({
    queryKey: ['admin', 'notifications', filters, pages.cursor],
    queryFn: () =>
      read(
        api.GET('/api/v1/notifications', {
          params: { query: { ...filters, cursor: pages.cursor, limit: 50 } },
        }),
      ),
  });

  return (
    <section aria-labelledby="notifications-title">
      <div className="page-toolbar">
        <h1 id="notifications-title">{text('admin.notifications')}</h1>
      </div>
      <Form<Filters>
        layout="inline"
        className="filter-form"
        onFinish={(values) =>
          setFilters({
            status: values.status,
            certificationId: values.certificationId?.trim() || undefined,
            recipientId: values.recipientId?.trim() || undefined,
          })
        }
      >
        <Form.Item name="status" label={text('notifications.status')}>
          <Select<Delivery>
            allowClear
            className="filter-select"
            options={(['PENDING', 'SENT', 'FAILED'] as const).map((code) => ({
              value: code,
              label: codeText('notifications.status', code),
            }))}
          />
        </Form.Item>
        <Form.Item name="certificationId" label={text('notifications.certificationId')}>
          <Input allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item name="recipientId" label={text('notifications.recipientId')}>
          <Input allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {text('common.search')}
          </Button>
        </Form.Item>
      </Form>
      {log.error ? (
        <LoadError error={log.error} retry={() => void log.refetch()} />
      ) : (
        <>
          <Table<Schema<'Notification'>>
            rowKey="id"
            loading={log.isPending}
            dataSource={log.data?.items ?? []}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              {
                title: text('common.createdAt'),
                dataIndex: 'createdAt',
                render: (value: string) => dateTime(value),
              },
              { title: text('notifications.kind'), dataIndex: 'kind' },
              { title: text('notifications.recipient'), dataIndex: 'email' },
              { title: text('notifications.subject'), dataIndex: 'subject' },
              {
                title: text('notifications.status'),
                key: 'status',
                render: (_, row) => (
                  <Tag color={DELIVERY_COLORS[row.status] ?? '#595959'}>
                    {codeText('notifications.status', row.status)}
                  </Tag>
                ),
              },
              { title: text('notifications.attempts'), dataIndex: 'attempts' },
              {
                title: text('notifications.sentAt'),
                dataIndex: 'sentAt',
                render: (value: string | null) => dateTime(value),
              },
              {
                title: text('notifications.error'),
                dataIndex: 'lastError',
                render: (value: string | null) => value ?? '—',
              },
              {
                title: text('audit.certification'),
                key: 'certification',
                render: (_, row) =>
                  row.certificationId ? (
                    <Link to={`/certifications/${row.certificationId}`}>
                      {text('common.details')}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          <CursorPager
            page={pages.page}
            nextCursor={log.data?.nextCursor}
            onPrevious={pages.previous}
            onNext={pages.next}
          />
        </>
      )}
    </section>
  );
}
