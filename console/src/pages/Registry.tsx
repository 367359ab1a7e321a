// The public registry (公示), open to anyone without login: offices named “Fengqiao-style” with
// their certificate numbers and dates, the exemplary ones marked, and the revocations. Search
// filters as one types; printing gives the plain tables (styles.css @media print).
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, body } from '../api/client';
import type { Registry as RegistryData, RegistryEntry } from '../api/types';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';
import { TAG_COLORS } from '../i18n/labels';
import { LanguageSwitch } from '../layout/LanguageSwitch';

const day = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD') : '—');

function matches(entry: RegistryEntry, needle: string): boolean {
  if (!needle) return true;
  const text = `${entry.office} ${entry.officeCode} ${entry.county} ${entry.city} ${entry.certificateNumber ?? ''}`;
  return text.toLowerCase().includes(needle.toLowerCase());
}

export default function Registry() {
  const { t } = useI18n();
  const [needle, setNeedle] = useState('');
  const registry = useQuery({
    queryKey: ['registry'],
    queryFn: () => body(api.GET('/api/v1/registry', { params: { query: {} } })),
  });
  const named = useMemo(
    () => (registry.data?.named ?? []).filter((entry) => matches(entry, needle.trim())),
    [registry.data, needle],
  );
  const revoked = useMemo(
    () => (registry.data?.revoked ?? []).filter((entry) => matches(entry, needle.trim())),
    [registry.data, needle],
  );

  const place = [
    { title: t('registry.office'), dataIndex: 'office', key: 'office' },
    { title: t('registry.county'), dataIndex: 'county', key: 'county' },
    { title: t('registry.city'), dataIndex: 'city', key: 'city' },
    { title: t('registry.certificate'), dataIndex: 'certificateNumber', key: 'certificate' },
  ];

  return (
    <main className="registry-page">
      <div className="page-toolbar">
        <h1>{t('registry.title')}</h1>
        <Space className="no-print">
          <Button onClick={() => window.print()}>{t('registry.print')}</Button>
          <LanguageSwitch />
          <Link to="/login">{t('registry.login')}</Link>
        </Space>
      </div>
      <Input.Search
        className="no-print"
        aria-label={t('registry.search')}
        placeholder={t('registry.search')}
        allowClear
        value={needle}
        onChange={(event) => setNeedle(event.target.value)}
      />
      {registry.error ? (
        <LoadError error={registry.error} retry={() => void registry.refetch()} />
      ) : (
        <>
          <section aria-labelledby="registry-named">
            <h2 id="registry-named">
              {t('registry.named')}{' '}
              <Typography.Text type="secondary">
                {t('registry.count', { n: named.length })}
              </Typography.Text>
            </h2>
            <Table<RegistryData['named'][number]>
              rowKey={(row) => row.certificateNumber ?? row.officeCode}
              loading={registry.isPending}
              dataSource={named}
              pagination={false}
              columns={[
                ...place,
                {
                  title: t('registry.certifiedAt'),
                  key: 'certifiedAt',
                  render: (_, row) => day(row.certifiedAt),
                },
                {
                  title: t('registry.exemplary'),
                  key: 'exemplary',
                  render: (_, row) =>
                    row.exemplary ? (
                      <Tag color={TAG_COLORS.gold}>{t('registry.exemplary')}</Tag>
                    ) : null,
                },
              ]}
            />
          </section>
          <section aria-labelledby="registry-revoked">
            <h2 id="registry-revoked">
              {t('registry.revoked')}{' '}
              <Typography.Text type="secondary">
                {t('registry.count', { n: revoked.length })}
              </Typography.Text>
            </h2>
            <Table<RegistryData['revoked'][number]>
              rowKey={(row) => row.certificateNumber ?? row.officeCode}
              loading={registry.isPending}
              dataSource={revoked}
              pagination={false}
              columns={[
                ...place,
                {
                  title: t('registry.certifiedAt'),
                  key: 'certifiedAt',
                  render: (_, row) => day(row.certifiedAt),
                },
                {
                  title: t('registry.revokedAt'),
                  key: 'revokedAt',
                  render: (_, row) => day(row.revokedAt),
                },
              ]}
            />
          </section>
        </>
      )}
    </main>
  );
}
