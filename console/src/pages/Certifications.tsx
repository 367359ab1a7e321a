// The certifications the user may see, filtered by status and county (county operators see
// only their own county, so they get no county filter). The API returns up to 200 rows, most
// recently updated first, without a cursor; the table pages through those.
import { useQuery } from '@tanstack/react-query';
import { Button, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, body } from '../api/client';
import { useCounties, useCountyName } from '../api/queries';
import type { CertificationListItem } from '../api/types';
import { useSession } from '../auth/useSession';
import { DueDate } from '../components/DueDate';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';
import type { Status } from '../i18n/labels';
import { DUE_LABELS, STATUSES, STATUS_COLORS, STATUS_LABELS, labelOf } from '../i18n/labels';

const LIMIT = 200;

export default function Certifications() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const status = (search.get('status') as Status | null) ?? undefined;
  const countyId = search.get('countyId') ?? undefined;
  const counties = useCounties();
  const countyName = useCountyName();
  const isCounty = session?.user.role === 'COUNTY_OPERATOR';

  const list = useQuery({
    queryKey: ['certifications', { status, countyId }],
    queryFn: () =>
      body(
        api.GET('/api/v1/certifications', {
          params: { query: { status, countyId, limit: LIMIT } },
        }),
      ).then((r) => r.items),
  });

  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };

  return (
    <section aria-labelledby="certs-title">
      <div className="page-toolbar">
        <h1 id="certs-title">{t('certs.title')}</h1>
        <Select<Status>
          aria-label={t('certs.status')}
          placeholder={t('certs.status')}
          allowClear
          className="filter-select"
          value={status}
          onChange={(value) => setFilter('status', value)}
          options={STATUSES.map((code) => ({
            value: code,
            label: labelOf(STATUS_LABELS, locale, code),
          }))}
        />
        {!isCounty && (
          <Select<string>
            aria-label={t('certs.county')}
            placeholder={t('certs.county')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            className="filter-select"
            value={countyId}
            loading={counties.isPending}
            onChange={(value) => setFilter('countyId', value)}
            options={(counties.data ?? []).map((county) => ({
              value: county.id,
              label: county.name,
            }))}
          />
        )}
        {isCounty && (
          <Button type="primary" onClick={() => void navigate('/certifications/new')}>
            {t('certs.declare')}
          </Button>
        )}
      </div>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<CertificationListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          footer={() => (
            <Typography.Text type="secondary">{t('certs.limitNote', { n: LIMIT })}</Typography.Text>
          )}
          columns={[
            {
              title: t('certs.office'),
              key: 'office',
              render: (_, row) => <Link to={`/certifications/${row.id}`}>{row.office.name}</Link>,
            },
            {
              title: t('certs.county'),
              key: 'county',
              render: (_, row) => countyName(row.countyId),
            },
            {
              title: t('certs.status'),
              key: 'status',
              render: (_, row) => (
                <Tag color={STATUS_COLORS[row.status]}>
                  {labelOf(STATUS_LABELS, locale, row.status)}
                </Tag>
              ),
            },
            {
              title: t('certs.certificate'),
              dataIndex: 'certificateNumber',
              render: (value: string | null) => value ?? '—',
            },
            {
              title: t('certs.nextDue'),
              key: 'nextDue',
              render: (_, row) =>
                row.nextDue ? (
                  <>
                    {labelOf(DUE_LABELS, locale, row.nextDue.kind)} <DueDate at={row.nextDue.at} />
                  </>
                ) : (
                  '—'
                ),
            },
            {
              title: t('certs.updated'),
              dataIndex: 'updatedAt',
              render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
      )}
    </section>
  );
}
