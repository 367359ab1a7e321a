// One campaign: its status and dates, what may be done to it (ControlBar), and tabs for the
// progress dashboard, the phase plan, the county report duties, the submitted reports and
// the pairings. Inspectors read no progress (the API does not give it to them), so they see
// the plan only.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Spin, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { api, body } from '../api/client';
import { useSession } from '../auth/useSession';
import { ControlBar } from '../campaigns/ControlBar';
import { DutiesPanel } from '../campaigns/DutiesPanel';
import { PairingsPanel } from '../campaigns/PairingsPanel';
import { ProgressPanel } from '../campaigns/ProgressPanel';
import { ReportsPanel } from '../campaigns/ReportsPanel';
import { TAG, CAMPAIGN_STATUS_COLORS, useCodeText, useText } from '../campaigns/texts';
import type { Campaign } from '../campaigns/types';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';

type Phase = Campaign['phases'][number];
type Duty = Phase['duties'][number];

function PlanPanel({ campaign }: { campaign: Campaign }) {
  const t = useText();
  const code = useCodeText();
  const { locale } = useI18n();
  const schedule = (duty: Duty) => {
    const s = duty.schedule;
    if (s.every === 'ONCE') return `${t('editor.every.ONCE')} · ${s.dueOn}`;
    if (s.every === 'YEAR') return `${t('editor.every.YEAR')} · ${s.dueMonthDay}`;
    return `${t('editor.every.QUARTER')} · +${s.daysAfterQuarterEnd}d`;
  };
  return (
    <Table<Phase>
      rowKey="kind"
      size="small"
      pagination={false}
      dataSource={campaign.phases}
      caption={<h2 className="card-heading table-caption">{t('detail.tab.plan')}</h2>}
      columns={[
        {
          title: t('editor.phaseName'),
          key: 'name',
          render: (_, phase) => (locale === 'zh' ? phase.name : phase.nameEn),
        },
        {
          title: t('list.period'),
          key: 'period',
          render: (_, phase) => `${phase.startsOn} — ${phase.endsOn}`,
        },
        {
          title: t('list.status'),
          key: 'status',
          render: (_, phase) => (
            <Tag color={phase.status === 'CURRENT' ? TAG.green : TAG.grey}>
              {code('phaseStatus', phase.status)}
            </Tag>
          ),
        },
        {
          title: t('detail.tab.duties'),
          key: 'duties',
          render: (_, phase) =>
            phase.duties.length === 0 ? (
              '—'
            ) : (
              <ul className="plain-list">
                {phase.duties.map((duty, i) => (
                  <li key={i}>
                    {code('report', duty.kind)}（{schedule(duty)}）
                  </li>
                ))}
              </ul>
            ),
        },
      ]}
    />
  );
}

export default function CampaignDetail() {
  const t = useText();
  const code = useCodeText();
  const { id = '' } = useParams();
  const session = useSession();
  const query = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => body<Campaign>(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
  });
  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  const campaign = query.data;
  if (!campaign) return <Spin />;
  const inspector = session?.user.role === 'INSPECTOR';
  const open = campaign.status === 'PLANNED' || campaign.status === 'ACTIVE';

  const tabs = [
    ...(inspector
      ? []
      : [
          {
            key: 'progress',
            label: t('detail.tab.progress'),
            children: <ProgressPanel campaignId={campaign.id} />,
          },
        ]),
    { key: 'plan', label: t('detail.tab.plan'), children: <PlanPanel campaign={campaign} /> },
    {
      key: 'duties',
      label: t('detail.tab.duties'),
      children: <DutiesPanel campaignId={campaign.id} />,
    },
    {
      key: 'reports',
      label: t('detail.tab.reports'),
      children: <ReportsPanel campaignId={campaign.id} />,
    },
    {
      key: 'pairings',
      label: t('detail.tab.pairings'),
      children: <PairingsPanel campaignId={campaign.id} open={open} />,
    },
  ];

  return (
    <section aria-labelledby="campaign-title" className="detail-page">
      <div className="page-toolbar">
        <h1 id="campaign-title">{campaign.name}</h1>
        <ControlBar campaign={campaign} />
      </div>
      <Card>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('list.status')}>
            <Tag color={CAMPAIGN_STATUS_COLORS[campaign.status]}>
              {code('status', campaign.status)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('list.period')}>
            {campaign.startsOn && campaign.endsOn
              ? `${campaign.startsOn} — ${campaign.endsOn}`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('list.phase')}>
            {campaign.current ? code('stage', campaign.current.stage) : '—'}
            {campaign.current?.phase ? ` · ${campaign.current.phase}` : ''}
          </Descriptions.Item>
        </Descriptions>
        {campaign.stopped && (
          <Alert
            type="warning"
            showIcon
            title={t('detail.stopped', {
              by: campaign.stopped.by ?? '—',
              at: dayjs(campaign.stopped.at).format('YYYY-MM-DD HH:mm'),
              reason: campaign.stopped.reason ?? '—',
            })}
          />
        )}
      </Card>
      <Tabs items={tabs} destroyOnHidden />
    </section>
  );
}
