// A campaign's progress dashboard (GET /campaigns/:id/progress): the city against its target
// with the pace forecast, each county's certified offices against its quota as a bar and in
// an accessible table, counties that are behind (off pace, or behind at the last milestone
// passed) highlighted, the milestones with who is behind, and the responsibility letters
// signed. Figures are the API's; nothing is recomputed here.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Progress, Row, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { api, body } from '../api/client';
import { Chart } from '../components/Chart';
import { LoadError } from '../components/LoadError';
import { TAG, useCodeText, useText } from './texts';
import type { CampaignProgress, CountyProgress, Milestone } from './types';

const pct = (fraction: number) => Math.round(fraction * 1000) / 10;

/** Counties off pace for the end date, or behind at the last milestone passed. */
export function laggingCounties(progress: CampaignProgress): Set<string> {
  const behind = new Set(
    (progress.lastPassedMilestone?.countiesBehind ?? []).map((c) => c.countyId),
  );
  for (const county of progress.counties) {
    if (!county.met && !county.forecast.onTrack) behind.add(county.countyId);
  }
  return behind;
}

/** Each county's certified offices against its quota, lagging counties in red. */
function CountyChart({ progress }: { progress: CampaignProgress }) {
  const t = useText();
  const option = useMemo(() => {
    const lagging = laggingCounties(progress);
    const names = progress.counties.map((c) => c.countyName ?? c.countyId);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('progress.achieved'), t('progress.quota')] },
      grid: { left: 40, right: 16, top: 40, bottom: 48, containLabel: true },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { interval: 0, rotate: names.length > 8 ? 40 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('progress.achieved'),
          type: 'bar',
          data: progress.counties.map((c) => ({
            value: c.achieved,
            itemStyle: { color: lagging.has(c.countyId) ? TAG.red : '#1d39c4' },
          })),
        },
        {
          name: t('progress.quota'),
          type: 'bar',
          data: progress.counties.map((c) => c.quota),
          itemStyle: { color: '#bfbfbf' },
        },
      ],
    };
  }, [progress, t]);
  return (
    <Chart
      option={option}
      label={t('progress.caption')}
      testId="chart-county-progress"
      height={300}
    />
  );
}

export function ProgressPanel({ campaignId }: { campaignId: string }) {
  const t = useText();
  const code = useCodeText();
  const query = useQuery({
    queryKey: ['campaign-progress', campaignId],
    queryFn: () =>
      body<CampaignProgress>(
        api.GET('/api/v1/campaigns/{id}/progress', { params: { path: { id: campaignId } } }),
      ),
  });
  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  const progress = query.data;
  if (!progress) return <Card loading />;
  const lagging = laggingCounties(progress);
  const { city } = progress;

  return (
    <div className="campaign-progress">
      {progress.targetsSource === 'DEFAULT' && (
        <Alert type="info" showIcon title={t('progress.defaultTargets')} />
      )}
      <Card title={<h2 className="card-heading">{t('progress.cityHeading')}</h2>}>
        <Row gutter={[24, 16]}>
          <Col xs={24} md={6}>
            <Progress
              type="dashboard"
              percent={Math.min(100, pct(city.completion))}
              aria-label={`${t('progress.city')} ${t('progress.completion')} ${pct(city.completion)}%`}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('progress.achieved')}
              value={city.achieved}
              suffix={`/ ${city.quota}`}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('progress.expected')} value={city.forecast.expectedAtEnd} />
            <p className="figure-note">
              {code('progress.basis', city.forecast.basis)}
              {city.forecast.basis === 'PACE'
                ? ` · ${t('progress.perYear', { n: Math.round(city.forecast.perYear * 10) / 10 })}`
                : ''}
            </p>
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('progress.onTrack')}
              value={city.forecast.onTrack || city.met ? t('progress.yes') : t('progress.no')}
            />
            {progress.signing.city.rate !== null && (
              <p className="figure-note">
                {t('progress.signing')} {pct(progress.signing.city.rate)}%
              </p>
            )}
          </Col>
        </Row>
      </Card>

      <Card>
        <CountyChart progress={progress} />
        <Table<CountyProgress>
          rowKey="countyId"
          size="small"
          pagination={false}
          dataSource={progress.counties}
          caption={<h2 className="card-heading table-caption">{t('progress.caption')}</h2>}
          rowClassName={(row) => (lagging.has(row.countyId) ? 'row-lagging' : '')}
          columns={[
            {
              title: t('progress.county'),
              key: 'county',
              render: (_, row) => (
                <>
                  {row.countyName ?? row.countyId}{' '}
                  {lagging.has(row.countyId) && <Tag color={TAG.red}>{t('progress.lagging')}</Tag>}
                </>
              ),
            },
            { title: t('progress.offices'), dataIndex: 'offices' },
            { title: t('progress.quota'), dataIndex: 'quota' },
            { title: t('progress.achieved'), dataIndex: 'achieved' },
            {
              title: t('progress.completion'),
              key: 'completion',
              render: (_, row) => (
                <Progress
                  percent={Math.min(100, pct(row.completion))}
                  status={lagging.has(row.countyId) ? 'exception' : row.met ? 'success' : 'normal'}
                  format={() => `${pct(row.completion)}%`}
                  aria-label={`${row.countyName ?? row.countyId} ${t('progress.completion')} ${pct(row.completion)}%`}
                  size="small"
                />
              ),
            },
            {
              title: t('progress.expected'),
              key: 'expected',
              render: (_, row) => row.forecast.expectedAtEnd,
            },
            {
              title: t('progress.onTrack'),
              key: 'onTrack',
              render: (_, row) =>
                row.met || row.forecast.onTrack ? t('progress.yes') : t('progress.no'),
            },
          ]}
        />
      </Card>

      <Card>
        <Table<Milestone>
          rowKey="date"
          size="small"
          pagination={false}
          dataSource={progress.milestones}
          caption={<h2 className="card-heading table-caption">{t('progress.milestones')}</h2>}
          columns={[
            { title: t('progress.milestoneDate'), dataIndex: 'date' },
            {
              title: t('progress.milestoneLabel'),
              key: 'label',
              render: (_, m) => (
                <>
                  {m.label ?? '—'}{' '}
                  <Tag color={m.passed ? TAG.grey : TAG.blue}>
                    {m.passed ? t('progress.passed') : t('progress.upcoming')}
                  </Tag>
                </>
              ),
            },
            {
              title: t('progress.milestoneExpected'),
              key: 'expected',
              render: (_, m) => Math.ceil(m.city.expected),
            },
            {
              title: t('progress.milestoneAchieved'),
              key: 'achieved',
              render: (_, m) => (
                <span className={m.city.behind ? 'overdue' : undefined}>{m.city.achieved}</span>
              ),
            },
            {
              title: t('progress.milestoneBehind'),
              key: 'behind',
              render: (_, m) =>
                m.countiesBehind.length === 0
                  ? t('progress.none')
                  : m.countiesBehind.map((c) => c.countyName ?? c.countyId).join('、'),
            },
          ]}
        />
      </Card>
    </div>
  );
}
