// 审计日志: the city's append-only audit trail (GET /api/v1/audit, city admin), newest first, a
// page at a time through the API's cursor; filtered by action, actor, certification and a
// period. Each event opens to what it carried (its details as recorded).
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { AutoComplete, Button, DatePicker, Form, Input, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import { STATUS_LABELS, labelOf } from '../../i18n/labels';
import type { Schema } from '../api';
import { read, useCursorPages } from '../api';
import { useText } from '../text';
import { CursorPager, dateTime } from '../ui';

/** Administrative actions, offered as suggestions; the filter takes any action code. */
const KNOWN_ACTIONS = [
  'USER_CREATED',
  'USER_UPDATED',
  'USER_DISABLED',
  'USER_PASSWORD_RESET',
  'PASSWORD_CHANGED',
  'API_KEY_CREATED',
  'API_KEY_REVOKED',
  'COUNTY_CREATED',
  'COUNTY_UPDATED',
  'OFFICES_IMPORTED',
  'NOTIFICATION_RECIPIENT_CREATED',
  'NOTIFICATION_RECIPIENT_UPDATED',
  'INSPECTOR_ASSIGNED',
  'BULK_ACTION_REQUESTED',
  'SPOT_CHECK_DRAWN',
  'CAMPAIGN_CREATED',
  'CAMPAIGN_UPDATED',
  'CAMPAIGN_CANCELLED',
];

interface Filters {
  action?: string;
  actorId?: string;
  certificationId?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}
interface Query {
  action?: string;
  actorId?: string;
  certificationId?: string;
  from?: string;
  to?: string;
}

const blankToUndefined = (value: string | undefined) => value?.trim() || undefined;

export default function Audit() {
  const { locale } = useI18n();
  const text = useText();
  const [query, setQuery] = useState<Query>({});
  const pages = useCursorPages(JSON.stringify(query));

  const events = useQuery({
    queryKey: ['admin', 'audit', query, pages.cursor],
    queryFn: () =>
      read(
        api.GET('/api/v1/audit', {
          params: { query: { ...query, cursor: pages.cursor, limit: 50 } },
        }),
      ),
  });

  const apply = (values: Filters) =>
    setQuery({
      action: blankToUndefined(values.action),
      actorId: blankToUndefined(values.actorId),
      certificationId: blankToUndefined(values.certificationId),
      from: values.period?.[0]?.startOf('day').toISOString(),
      to: values.period?.[1]?.endOf('day').toISOString(),
    });

  const status = (code: string | null) => (code ? labelOf(STATUS_LABELS, locale, code) : '');

  return (
    <section aria-labelledby="audit-title">
      <div className="page-toolbar">
        <h1 id="audit-title">{text('admin.audit')}</h1>
      </div>
      <Form<Filters> layout="inline" className="filter-form" onFinish={apply}>
        <Form.Item name="action" label={text('audit.action')}>
          <AutoComplete
            className="filter-select"
            allowClear
            options={KNOWN_ACTIONS.map((value) => ({ value }))}
            showSearch={{
              filterOption: (input, option) =>
                String(option?.value ?? '').includes(input.toUpperCase()),
            }}
          />
        </Form.Item>
        <Form.Item name="actorId" label={text('audit.actor')}>
          <Input allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item name="certificationId" label={text('audit.certification')}>
          <Input allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item name="period" label={text('audit.period')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {text('common.search')}
          </Button>
        </Form.Item>
      </Form>
      {events.error ? (
        <LoadError error={events.error} retry={() => void events.refetch()} />
      ) : (
        <>
          <Table<Schema<'AuditEvent'>>
            rowKey="id"
            loading={events.isPending}
            dataSource={events.data?.items ?? []}
            pagination={false}
            scroll={{ x: true }}
            expandable={{
              expandedRowRender: (row) => (
                <pre className="audit-details">{JSON.stringify(row.details ?? null, null, 2)}</pre>
              ),
            }}
            columns={[
              {
                title: text('audit.occurredAt'),
                dataIndex: 'occurredAt',
                render: (value: string) => dateTime(value),
              },
              { title: text('audit.action'), dataIndex: 'action' },
              {
                title: text('audit.actor'),
                key: 'actor',
                render: (_, row) => `${row.actor.id} (${row.actor.role})`,
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
              {
                title: text('audit.transition'),
                key: 'transition',
                render: (_, row) =>
                  row.fromStatus || row.toStatus
                    ? `${status(row.fromStatus)} → ${status(row.toStatus)}`
                    : '—',
              },
              {
                title: text('audit.reason'),
                dataIndex: 'reason',
                render: (value: string | null) => value ?? '—',
              },
              {
                title: text('audit.requestId'),
                dataIndex: 'requestId',
                render: (value: string | null) => value ?? '—',
              },
            ]}
          />
          <CursorPager
            page={pages.page}
            nextCursor={events.data?.nextCursor}
            onPrevious={pages.previous}
            onNext={pages.next}
          />
        </>
      )}
    </section>
  );
}
