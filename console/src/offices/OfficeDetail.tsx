// One office (GET /api/v1/offices/:id): its county and type, its current certification (with a
// link to it), the profile in effect today, every recorded profile (GET …/profiles, newest
// effective date first: a correction is a new record, so the history is the record) and the
// bureau departments paired with it in campaigns.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api/client';
import { useSession } from '../auth/useSession';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';
import { DUE_LABELS, labelOf } from '../i18n/labels';
import type { Schema } from '../admin/api';
import { read } from '../admin/api';
import type { Text, TextKey } from '../admin/text';
import { useCodeText, useText } from '../admin/text';
import { dateTime } from '../admin/ui';
import { OfficeStatus } from './Offices';
import { ProfileForm } from './ProfileForm';

type ProfileValues = Schema<'OfficeProfile'>['values'];

/** The profile's measured facts, each with its label; shared by the card and the history. */
const FACTS: [TextKey, (values: ProfileValues, text: Text) => string][] = [
  ['profile.population', (v) => String(v.population)],
  ['profile.premises', (v) => String(v.premisesAreaM2)],
  ['profile.exclusivePremises', (v) => String(v.exclusivePremisesAreaM2)],
  [
    'profile.staff',
    (v) => `${v.staff.total} / ${v.staff.fullTimeAuxiliary} / ${v.staff.legalQualified}`,
  ],
  [
    'profile.party',
    (v, text) => `${v.party.members} / ${text(v.party.hasBranch ? 'common.yes' : 'common.no')}`,
  ],
  ['profile.training', (v) => `${v.training.days} / ${v.training.hours}`],
  ['profile.mediation', (v) => `${v.mediation.successful} / ${v.mediation.cases}`],
  [
    'profile.correction',
    (v) => `${v.communityCorrection.supervised} / ${v.communityCorrection.lostSupervision}`,
  ],
];

export default function OfficeDetail() {
  const { id = '' } = useParams();
  const { locale } = useI18n();
  const text = useText();
  const codeText = useCodeText();
  const session = useSession();
  const [recording, setRecording] = useState(false);
  const office = useQuery({
    queryKey: ['office', id],
    queryFn: () => read(api.GET('/api/v1/offices/{id}', { params: { path: { id } } })),
  });
  const history = useQuery({
    queryKey: ['office', id, 'profiles'],
    queryFn: () =>
      read(
        api.GET('/api/v1/offices/{officeId}/profiles', { params: { path: { officeId: id } } }),
      ).then((r) => r.items),
  });

  const canRecord = session?.user.role !== undefined && session.user.role !== 'INSPECTOR';
  if (office.error) {
    if (office.error instanceof ApiError && office.error.status === 404) {
      return <Empty description={text('office.notFound')} />;
    }
    return <LoadError error={office.error} retry={() => void office.refetch()} />;
  }
  if (!office.data) return <Card loading />;
  const data = office.data;
  const certification = data.certification;

  return (
    <Space orientation="vertical" size="large" className="page-stack">
      <Card title={<h1 className="card-heading">{data.name}</h1>}>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={text('offices.code')}>{data.code}</Descriptions.Item>
          <Descriptions.Item label={text('common.county')}>{data.county.name}</Descriptions.Item>
          <Descriptions.Item label={text('offices.type')}>
            {codeText('type', data.type)}
          </Descriptions.Item>
          <Descriptions.Item label={text('offices.status')}>
            <OfficeStatus status={data.status} />
          </Descriptions.Item>
          <Descriptions.Item label={text('office.createdAt')}>
            {dateTime(data.createdAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={<h2 className="card-heading">{text('office.certification')}</h2>}>
        {certification ? (
          <Descriptions column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={text('common.status')}>
              <OfficeStatus status={certification.status} />
            </Descriptions.Item>
            <Descriptions.Item label={text('offices.certificate')}>
              {certification.certificateNumber ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={text('office.declaredAt')}>
              {dateTime(certification.declaredAt)}
            </Descriptions.Item>
            <Descriptions.Item label={text('office.nextDue')}>
              {certification.nextDue
                ? `${labelOf(DUE_LABELS, locale, certification.nextDue.kind)} ${dateTime(certification.nextDue.at)}`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={text('offices.check')}>
              {certification.openCheck
                ? `${codeText('check', certification.openCheck.kind)} ${dateTime(certification.openCheck.dueAt)}`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={text('common.details')}>
              <Link to={`/certifications/${certification.id}`}>
                {text('office.openCertification')}
              </Link>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          text('office.noCertification')
        )}
      </Card>

      <Card
        title={<h2 className="card-heading">{text('office.profile')}</h2>}
        extra={
          canRecord && (
            <Button onClick={() => setRecording(true)}>{text('profileForm.open')}</Button>
          )
        }
      >
        {data.profile ? (
          <Descriptions column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={text('profile.effectiveFrom')}>
              {data.profile.effectiveFrom}
            </Descriptions.Item>
            {FACTS.map(([label, value]) => (
              <Descriptions.Item key={label} label={text(label)}>
                {data.profile && value(data.profile.values, text)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : (
          text('office.noProfile')
        )}
      </Card>

      <Card
        role="region"
        aria-labelledby="office-history"
        title={
          <h2 id="office-history" className="card-heading">
            {text('office.history')}
          </h2>
        }
      >
        {history.error ? (
          <LoadError error={history.error} retry={() => void history.refetch()} />
        ) : (
          <Table<Schema<'OfficeProfile'>>
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            loading={history.isPending}
            dataSource={history.data ?? []}
            pagination={false}
            columns={[
              { title: text('profile.effectiveFrom'), dataIndex: 'effectiveFrom' },
              ...FACTS.map(([label, value]) => ({
                title: text(label),
                key: label,
                render: (_: unknown, row: Schema<'OfficeProfile'>) => value(row.values, text),
              })),
              {
                title: text('profile.note'),
                dataIndex: 'note',
                render: (value: string | null) => value ?? '—',
              },
              {
                title: text('profile.recordedAt'),
                dataIndex: 'recordedAt',
                render: (value: string) => dateTime(value),
              },
            ]}
          />
        )}
      </Card>

      <Card title={<h2 className="card-heading">{text('office.pairings')}</h2>}>
        <Table<Schema<'Office'>['pairings'][number]>
          rowKey="id"
          size="small"
          dataSource={data.pairings}
          pagination={false}
          locale={{ emptyText: text('office.noPairings') }}
          columns={[
            { title: text('pairing.campaign'), dataIndex: 'campaignName' },
            { title: text('pairing.department'), dataIndex: 'department' },
            {
              title: text('pairing.responsibilities'),
              dataIndex: 'responsibilities',
              render: (value: string | null) => value ?? '—',
            },
            {
              title: text('pairing.letter'),
              key: 'letter',
              render: (_, row) =>
                row.letter
                  ? text('pairing.signedOn', { date: row.letter.signedOn })
                  : text('pairing.unsigned'),
            },
          ]}
        />
      </Card>
      {canRecord && (
        <ProfileForm office={data} open={recording} onClose={() => setRecording(false)} />
      )}
    </Space>
  );
}
