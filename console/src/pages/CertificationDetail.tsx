// One certification: where it stands in the five stages (declare → build → verify → named →
// rechecks), its due dates, the open check's parts, the timeline of transitions and
// notifications (reminders, escalations), a form for each action the user's role may take
// in its current state, and (city reviewers and admins) its inspectors and their assignment.
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Space, Steps, Tabs, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { api, certificationBody } from '../api/client';
import { useCountyName } from '../api/queries';
import type { Certification } from '../api/types';
import { useSession } from '../auth/useSession';
import { ActionForm } from '../certifications/ActionForm';
import { InspectorsCard } from '../certifications/InspectorsCard';
import { offeredActions } from '../certifications/actions';
import { commandRefusal } from '../domain';
import { stageOf } from '../certifications/stages';
import { DueDate } from '../components/DueDate';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';
import { DUE_LABELS, STATUS_COLORS, STATUS_LABELS, labelOf, TAG_COLORS } from '../i18n/labels';

const when = (at: string | number) => dayjs(at).format('YYYY-MM-DD HH:mm');

interface TimelineRow {
  at: number;
  key: string;
  color: string;
  text: string;
  detail: string | null;
}

function timelineRows(
  certification: Certification,
  t: ReturnType<typeof useI18n>['t'],
  status: (code: string | null) => string,
): TimelineRow[] {
  const transitions = certification.timeline.map((entry) => ({
    at: Date.parse(entry.occurredAt),
    key: `t${entry.revision ?? entry.occurredAt}`,
    color: 'blue',
    text:
      entry.fromStatus && entry.toStatus && entry.fromStatus !== entry.toStatus
        ? `${entry.action} · ${status(entry.fromStatus)} → ${status(entry.toStatus)}`
        : entry.action,
    detail: [entry.actor.role, entry.reason].filter(Boolean).join(' · ') || null,
  }));
  const notices = certification.notifications
    .filter((n) => n.sentAt !== null)
    .map((n, i) => ({
      at: Date.parse(n.sentAt as string),
      key: `n${i}`,
      color: /ESCALAT/i.test(n.kind) ? 'red' : 'gray',
      text: `${/ESCALAT/i.test(n.kind) ? t('timeline.escalation') : /REMIND/i.test(n.kind) ? t('timeline.reminder') : t('timeline.notification')} · ${n.subject}`,
      detail: n.recipientId,
    }));
  return [...transitions, ...notices].sort((a, b) => a.at - b.at);
}

export default function CertificationDetail() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const session = useSession();
  const countyName = useCountyName();
  const query = useQuery({
    queryKey: ['certification', id],
    queryFn: () =>
      certificationBody(api.GET('/api/v1/certifications/{id}', { params: { path: { id } } })),
  });

  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  if (!query.data || !session) return <Card loading />;
  const certification = query.data;
  const { state } = certification;
  const status = (code: string | null) => labelOf(STATUS_LABELS, locale, code);
  const stage = stageOf(certification);
  const { user } = session;
  const actor = { id: user.id, role: user.role, cityId: user.cityId, countyId: user.countyId };
  // Judged as of when the state was read (the lifecycle's deadlines compare with a time).
  const readAt = query.dataUpdatedAt;
  const actions = offeredActions(state, actor, readAt);
  // The inspection has its own page: a form generated from the pinned criteria.
  const mayInspect = commandRefusal(state, 'RECORD_INSPECTION', actor, readAt) === null;
  const check = state.openCheck;
  // The city's reviewers and admins assign who inspects (the route admits exactly them).
  const assignsInspectors = user.role === 'CITY_REVIEWER' || user.role === 'CITY_ADMIN';

  return (
    <Space direction="vertical" size="large" className="detail-page">
      <div className="page-toolbar">
        <h1>{certification.office.name}</h1>
        <Tag color={STATUS_COLORS[certification.status]}>{status(certification.status)}</Tag>
        {state.exemplary && <Tag color={TAG_COLORS.gold}>{t('detail.exemplary')}</Tag>}
      </div>

      <Card title={t('detail.stage')}>
        <Steps
          current={stage.current}
          status={stage.failed ? 'error' : stage.current === 4 ? 'process' : 'process'}
          items={[
            { title: t('detail.stage.declare') },
            { title: t('detail.stage.build') },
            { title: t('detail.stage.verify') },
            { title: t('detail.stage.named') },
            { title: t('detail.stage.rechecks') },
          ]}
        />
      </Card>

      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('detail.office')}>
            {certification.office.name}（{certification.office.code}）
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.county')}>
            {countyName(certification.countyId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.certificate')}>
            {certification.certificateNumber ?? t('detail.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.declaredAt')}>
            {when(certification.declaredAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.plan')} span={2}>
            {state.declaration.plan.summary}（{state.declaration.plan.feature}）
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.contact')}>
            {state.declaration.contact.name} {state.declaration.contact.phone}
          </Descriptions.Item>
          <Descriptions.Item label={`${t('detail.progress')} / ${t('detail.evidence')}`}>
            {state.progressReportCount} / {state.evidenceCount}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('detail.due')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('detail.nextDue')}>
            {certification.nextDue ? (
              <>
                {labelOf(DUE_LABELS, locale, certification.nextDue.kind)}{' '}
                <DueDate at={certification.nextDue.at} />
              </>
            ) : (
              t('detail.none')
            )}
          </Descriptions.Item>
          {check && (
            <Descriptions.Item label={t('detail.checkDue')}>
              <DueDate at={check.dueAt} />
            </Descriptions.Item>
          )}
          {state.rectification && !state.rectification.submittedAt && (
            <Descriptions.Item label={t('detail.rectificationDue')}>
              <DueDate at={state.rectification.dueAt} />
            </Descriptions.Item>
          )}
          {state.nextRecheckAt && (
            <Descriptions.Item label={t('detail.nextRecheck')}>
              {when(state.nextRecheckAt)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {check && (
        <Card title={t('detail.check')}>
          <Descriptions column={1} size="small">
            {(
              [
                ['detail.check.inspection', check.inspection],
                ['detail.check.documentReview', check.documentReview],
                ['detail.check.localOpinion', check.localOpinion],
              ] as const
            ).map(([label, part]) => (
              <Descriptions.Item key={label} label={t(label)}>
                <Tag color={part ? TAG_COLORS.done : undefined}>
                  {part ? t('detail.check.done') : t('detail.check.missing')}
                </Tag>
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}

      {assignsInspectors && <InspectorsCard certification={certification} />}

      <Card title={<h2 className="card-heading">{t('detail.actions')}</h2>}>
        {mayInspect && (
          <p>
            <Link to={`/certifications/${certification.id}/inspection`}>{t('detail.inspect')}</Link>
          </p>
        )}
        {actions.length === 0 && !mayInspect ? (
          <Empty description={t('detail.noActions')} />
        ) : actions.length === 0 ? null : (
          <Tabs
            items={actions.map((spec) => ({
              key: spec.path,
              label: spec.label[locale],
              children: <ActionForm certificationId={certification.id} spec={spec} />,
            }))}
          />
        )}
      </Card>

      <Card title={<h2 className="card-heading">{t('detail.timeline')}</h2>}>
        <Timeline
          items={timelineRows(certification, t, status).map((row) => ({
            key: row.key,
            color: row.color,
            children: (
              <>
                <Typography.Text>{row.text}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {when(row.at)}
                  {row.detail ? ` · ${row.detail}` : ''}
                </Typography.Text>
              </>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
