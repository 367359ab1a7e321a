// The offices the user may see (GET /api/v1/offices): filtered by county (city roles), type,
// certification status and a name-or-code search, a page at a time through the API's cursor.
// The filters live in the address, so a filtered list can be bookmarked and shared; the city
// admin imports offices from here.
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Table, Tag } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useCounties } from '../api/queries';
import { useSession } from '../auth/useSession';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';
import type { Status } from '../i18n/labels';
import { STATUSES, STATUS_COLORS, STATUS_LABELS, labelOf } from '../i18n/labels';
import type { Schema } from '../admin/api';
import { read, useCursorPages } from '../admin/api';
import { useCodeText, useText } from '../admin/text';
import { CursorPager, dateTime } from '../admin/ui';

type OfficeType = 'STREET' | 'TOWNSHIP';
type StatusFilter = Status | 'NONE';
const PAGE_SIZE = 50;

export function OfficeStatus({ status }: { status: string | null }) {
  const { locale } = useI18n();
  const text = useText();
  if (status === null) return <>{text('offices.hidden')}</>;
  if (status === 'NONE') return <>{text('offices.none')}</>;
  return (
    <Tag color={STATUS_COLORS[status as Status] ?? '#595959'}>
      {labelOf(STATUS_LABELS, locale, status)}
    </Tag>
  );
}

export default function Offices() {
  const { locale } = useI18n();
  const text = useText();
  const codeText = useCodeText();
  const session = useSession();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const counties = useCounties();
  const countyId = search.get('countyId') ?? undefined;
  const type = (search.get('type') as OfficeType | null) ?? undefined;
  const status = (search.get('status') as StatusFilter | null) ?? undefined;
  const q = search.get('q') ?? undefined;
  const role = session?.user.role;
  const pages = useCursorPages(JSON.stringify({ countyId, type, status, q }));

  const list = useQuery({
    queryKey: ['offices', 'list', { countyId, type, status, q, cursor: pages.cursor }],
    queryFn: () =>
      read(
        api.GET('/api/v1/offices', {
          params: { query: { countyId, type, status, q, cursor: pages.cursor, limit: PAGE_SIZE } },
        }),
      ),
  });

  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };

  return (
    <section aria-labelledby="offices-title">
      <div className="page-toolbar">
        <h1 id="offices-title">{text('offices.title')}</h1>
        <Input.Search
          aria-label={text('offices.search')}
          placeholder={text('offices.search')}
          allowClear
          className="filter-search"
          defaultValue={q}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
        />
        {role !== 'COUNTY_OPERATOR' && (
          <Select<string>
            aria-label={text('common.county')}
            placeholder={text('common.county')}
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
        <Select<OfficeType>
          aria-label={text('offices.type')}
          placeholder={text('offices.type')}
          allowClear
          className="filter-select"
          value={type}
          onChange={(value) => setFilter('type', value)}
          options={(['STREET', 'TOWNSHIP'] as const).map((code) => ({
            value: code,
            label: codeText('type', code),
          }))}
        />
        <Select<StatusFilter>
          aria-label={text('offices.status')}
          placeholder={text('offices.status')}
          allowClear
          className="filter-select"
          value={status}
          onChange={(value) => setFilter('status', value)}
          options={[
            { value: 'NONE' as const, label: text('offices.none') },
            ...STATUSES.map((code) => ({
              value: code,
              label: labelOf(STATUS_LABELS, locale, code),
            })),
          ]}
        />
        {role === 'CITY_ADMIN' && (
          <Button type="primary" onClick={() => void navigate('/offices/import')}>
            {text('offices.import')}
          </Button>
        )}
      </div>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <>
          <Table<Schema<'OfficeListItem'>>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            columns={[
              { title: text('offices.code'), dataIndex: 'code' },
              {
                title: text('offices.name'),
                key: 'name',
                render: (_, row) => <Link to={`/offices/${row.id}`}>{row.name}</Link>,
              },
              { title: text('common.county'), key: 'county', render: (_, row) => row.county.name },
              {
                title: text('offices.type'),
                key: 'type',
                render: (_, row) => codeText('type', row.type),
              },
              {
                title: text('offices.status'),
                key: 'status',
                render: (_, row) => <OfficeStatus status={row.status} />,
              },
              {
                title: text('offices.certificate'),
                key: 'certificate',
                render: (_, row) => row.certification?.certificateNumber ?? '—',
              },
              {
                title: text('offices.check'),
                key: 'check',
                render: (_, row) => {
                  const check = row.certification?.openCheck;
                  if (!check) return '—';
                  return `${codeText('check', check.kind)}${check.dueAt ? ` · ${dateTime(check.dueAt)}` : ''}`;
                },
              },
            ]}
          />
          <CursorPager
            page={pages.page}
            nextCursor={list.data?.nextCursor}
            onPrevious={pages.previous}
            onNext={pages.next}
          />
        </>
      )}
    </section>
  );
}
