// The city's campaigns (GET /api/v1/campaigns), newest first, each opening its progress
// dashboard; a city admin starts a new one in the guided editor from here.
import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, body } from '../api/client';
import { useSession } from '../auth/useSession';
import { CAMPAIGN_STATUS_COLORS, useCodeText, useText } from '../campaigns/texts';
import type { CampaignListItem } from '../campaigns/types';
import { LoadError } from '../components/LoadError';

export default function Campaigns() {
  const t = useText();
  const code = useCodeText();
  const session = useSession();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: ['campaigns'],
    queryFn: () =>
      body<{ items: CampaignListItem[] }>(api.GET('/api/v1/campaigns', {})).then((r) => r.items),
  });

  return (
    <section aria-labelledby="campaigns-title">
      <div className="page-toolbar">
        <h1 id="campaigns-title">{t('list.title')}</h1>
        {session?.user.role === 'CITY_ADMIN' && (
          <Button type="primary" onClick={() => void navigate('/campaigns/new')}>
            {t('list.new')}
          </Button>
        )}
      </div>
      {list.error ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<CampaignListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            {
              title: t('list.name'),
              key: 'name',
              render: (_, row) => <Link to={`/campaigns/${row.id}`}>{row.name}</Link>,
            },
            {
              title: t('list.status'),
              key: 'status',
              render: (_, row) => (
                <Tag color={CAMPAIGN_STATUS_COLORS[row.status]}>{code('status', row.status)}</Tag>
              ),
            },
            {
              title: t('list.phase'),
              key: 'phase',
              render: (_, row) =>
                row.current ? (
                  <>
                    {code('stage', row.current.stage)}
                    {row.current.phase ? ` · ${row.current.phase}` : ''}
                  </>
                ) : (
                  '—'
                ),
            },
            {
              title: t('list.period'),
              key: 'period',
              render: (_, row) =>
                row.startsOn && row.endsOn ? `${row.startsOn} — ${row.endsOn}` : '—',
            },
          ]}
        />
      )}
    </section>
  );
}
