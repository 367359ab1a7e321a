// The home dashboard (首页) for the city's roles, and for a county operator their county's
// (GET /api/v1/dashboard, counted by the database): certifications by status, overdue steps
// and campaign reports by county, biennial rechecks coming due by month, declarations and
// namings month by month. Each figure is a bar (relative to the largest of its table) inside
// an accessible table, so a screen reader reads the same numbers the eye sees.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Progress, Row, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { api, body } from '../api/client';
import { Chart } from '../components/Chart';
import { useSession } from '../auth/useSession';
import { TAG, useText } from '../campaigns/texts';
import type { Dashboard as Figures } from '../campaigns/types';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';
import type { Status } from '../i18n/labels';
import { STATUSES, STATUS_COLORS, STATUS_LABELS, labelOf } from '../i18n/labels';

const MONTHS = 12;

/**
 * A count drawn as a bar against the largest count of its table; overdue work in red. Its
 * status stays `normal`: antd would colour a full bar green, as if it were done.
 */
function Bar({
  value,
  max,
  label,
  alarm = false,
}: {
  value: number;
  max: number;
  label: string;
  alarm?: boolean;
}) {
  return (
    <Progress
      percent={max === 0 ? 0 : Math.round((value / max) * 100)}
      status="normal"
      strokeColor={alarm ? TAG.red : undefined}
      format={() => value}
      size="small"
      aria-label={`${label} ${value}`}
      className="figure-bar"
    />
  );
}

/** Declarations and namings month by month. */
function TrendChart({ trend }: { trend: Figures['trend'] }) {
  const t = useText();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('dashboard.declared'), t('dashboard.named')] },
      grid: { left: 32, right: 16, top: 40, bottom: 32, containLabel: true },
      xAxis: {
        type: 'category',
        data: trend.map((row) => row.month),
        axisLabel: { interval: 0, rotate: 45 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dashboard.declared'), type: 'line', data: trend.map((row) => row.declared) },
        { name: t('dashboard.named'), type: 'line', data: trend.map((row) => row.named) },
      ],
    }),
    [trend, t],
  );
  return <Chart option={option} label={t('dashboard.trend', { n: MONTHS })} testId="chart-trend" />;
}

export default function Dashboard() {
  const t = useText();
  const { locale } = useI18n();
  const session = useSession();
  const query = useQuery({
    queryKey: ['dashboard', MONTHS],
    queryFn: () =>
      body<Figures>(api.GET('/api/v1/dashboard', { params: { query: { months: MONTHS } } })),
  });
  const county = session?.user.role === 'COUNTY_OPERATOR';
  const figures = query.data;
  const statusRows = figures
    ? STATUSES.map((status) => ({ status, count: figures.byStatus[status] ?? 0 }))
    : [];
  const maxStatus = Math.max(0, ...statusRows.map((r) => r.count));
  const maxOverdue = Math.max(
    0,
    ...(figures?.counties ?? []).map((c) => c.overdue + c.dutiesOverdue),
  );
  const maxDue = Math.max(0, ...(figures?.rechecks.comingDue ?? []).map((m) => m.count));
  const maxTrend = Math.max(0, ...(figures?.trend ?? []).flatMap((m) => [m.declared, m.named]));

  return (
    <section aria-labelledby="dashboard-title">
      <div className="page-toolbar">
        <h1 id="dashboard-title">
          {t('dashboard.title')} · {county ? t('dashboard.scopeCounty') : t('dashboard.scopeCity')}
        </h1>
      </div>
      {query.error && <LoadError error={query.error} retry={() => void query.refetch()} />}
      {!query.error && (
        <>
          <Row gutter={[16, 16]} className="dashboard-figures">
            {(
              [
                ['dashboard.total', figures?.total],
                [
                  'dashboard.holding',
                  figures
                    ? figures.counties.reduce((sum, c) => sum + c.holdingTitle, 0)
                    : undefined,
                ],
                ['dashboard.overdue', figures?.overdue.certifications],
                ['dashboard.dutiesOverdue', figures?.overdue.duties],
                ['dashboard.rechecksOpen', figures?.rechecks.open],
              ] as const
            ).map(([key, value]) => (
              <Col key={key} xs={12} md={8} lg={4}>
                <Card loading={query.isPending}>
                  <Statistic title={t(key)} value={value ?? 0} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card>
                <Table<{ status: Status; count: number }>
                  rowKey="status"
                  size="small"
                  pagination={false}
                  loading={query.isPending}
                  dataSource={statusRows}
                  caption={
                    <h2 className="card-heading table-caption">{t('dashboard.byStatus')}</h2>
                  }
                  columns={[
                    {
                      title: t('dashboard.status'),
                      key: 'status',
                      render: (_, row) => (
                        <Tag color={STATUS_COLORS[row.status]}>
                          {labelOf(STATUS_LABELS, locale, row.status)}
                        </Tag>
                      ),
                    },
                    {
                      title: t('dashboard.count'),
                      key: 'count',
                      render: (_, row) => (
                        <Bar
                          value={row.count}
                          max={maxStatus}
                          label={labelOf(STATUS_LABELS, locale, row.status)}
                        />
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card>
                <Table<Figures['counties'][number]>
                  rowKey="countyId"
                  size="small"
                  pagination={false}
                  loading={query.isPending}
                  dataSource={figures?.counties ?? []}
                  caption={
                    <h2 className="card-heading table-caption">{t('dashboard.byCounty')}</h2>
                  }
                  rowClassName={(row) => (row.overdue + row.dutiesOverdue > 0 ? 'row-lagging' : '')}
                  columns={[
                    { title: t('dashboard.county'), dataIndex: 'countyName' },
                    { title: t('dashboard.certifications'), dataIndex: 'certifications' },
                    { title: t('dashboard.holding'), dataIndex: 'holdingTitle' },
                    {
                      title: t('dashboard.overdue'),
                      key: 'overdue',
                      render: (_, row) => (
                        <Bar value={row.overdue} max={maxOverdue} label={row.countyName} alarm />
                      ),
                    },
                    {
                      title: t('dashboard.dutiesOverdue'),
                      key: 'duties',
                      render: (_, row) => (
                        <Bar
                          value={row.dutiesOverdue}
                          max={maxOverdue}
                          label={row.countyName}
                          alarm
                        />
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card>
                <Table<Figures['rechecks']['comingDue'][number]>
                  rowKey="month"
                  size="small"
                  pagination={false}
                  loading={query.isPending}
                  dataSource={figures?.rechecks.comingDue ?? []}
                  caption={
                    <h2 className="card-heading table-caption">{t('dashboard.rechecks')}</h2>
                  }
                  columns={[
                    { title: t('dashboard.month'), dataIndex: 'month' },
                    {
                      title: t('dashboard.rechecksDue'),
                      key: 'count',
                      render: (_, row) => <Bar value={row.count} max={maxDue} label={row.month} />,
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card>
                {figures && <TrendChart trend={figures.trend} />}
                <Table<Figures['trend'][number]>
                  rowKey="month"
                  size="small"
                  pagination={false}
                  loading={query.isPending}
                  dataSource={figures?.trend ?? []}
                  caption={
                    <h2 className="card-heading table-caption">
                      {t('dashboard.trend', { n: MONTHS })}
                    </h2>
                  }
                  columns={[
                    { title: t('dashboard.month'), dataIndex: 'month' },
                    {
                      title: t('dashboard.declared'),
                      key: 'declared',
                      render: (_, row) => (
                        <Bar
                          value={row.declared}
                          max={maxTrend}
                          label={`${row.month} ${t('dashboard.declared')}`}
                        />
                      ),
                    },
                    {
                      title: t('dashboard.named'),
                      key: 'named',
                      render: (_, row) => (
                        <Bar
                          value={row.named}
                          max={maxTrend}
                          label={`${row.month} ${t('dashboard.named')}`}
                        />
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </section>
  );
}
