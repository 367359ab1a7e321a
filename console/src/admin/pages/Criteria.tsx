// 评价标准: the criteria versions the city can use (GET /api/v1/criteria-sets: the shared sets
// and its own), and what changed between two versions of one set (GET …/:code/diff): the set's
// own fields, dimensions and items added, removed or changed, each change with its old and new
// value. Read-only: a new version is published through the API (a 40-field rubric).
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Empty, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import type { Schema } from '../api';
import { read } from '../api';
import { useCodeText, useText } from '../text';
import { dateTime } from '../ui';

type Version = Schema<'CriteriaVersionSummary'>;
type Diff = Schema<'CriteriaDiff'>;
interface Change {
  field: string;
  from?: unknown;
  to?: unknown;
}
interface ChangeLine extends Change {
  key: string;
  code: string;
}

const show = (value: unknown): string =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

function ChangeTable({ lines }: { lines: ChangeLine[] }) {
  const text = useText();
  return (
    <Table<ChangeLine>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={lines}
      columns={[
        { title: text('common.code'), dataIndex: 'code' },
        { title: text('criteria.field'), dataIndex: 'field' },
        { title: text('criteria.before'), key: 'from', render: (_, row) => show(row.from) },
        { title: text('criteria.after'), key: 'to', render: (_, row) => show(row.to) },
      ]}
    />
  );
}

function PartChanges({ title, part }: { title: string; part: Diff['dimensions'] | Diff['items'] }) {
  const text = useText();
  const lines = part.changed.flatMap((entry) =>
    entry.changes.map((change, index) => ({
      ...change,
      code: entry.code,
      key: `${entry.code}-${index}`,
    })),
  );
  return (
    <Card size="small" title={<h3 className="card-heading">{title}</h3>}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={text('criteria.added')}>
          {part.added.length > 0 ? part.added.join('、') : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={text('criteria.removed')}>
          {part.removed.length > 0 ? part.removed.join('、') : '—'}
        </Descriptions.Item>
      </Descriptions>
      {lines.length > 0 && <ChangeTable lines={lines} />}
    </Card>
  );
}

function DiffView({ code, versions }: { code: string; versions: number[] }) {
  const text = useText();
  const [from, setFrom] = useState(versions[versions.length - 2]);
  const [to, setTo] = useState(versions[versions.length - 1]);
  const [asked, setAsked] = useState<{ from: number; to: number } | null>(null);
  const diff = useQuery({
    queryKey: ['criteria-diff', code, asked],
    enabled: asked !== null,
    queryFn: () =>
      read(
        api.GET('/api/v1/criteria-sets/{code}/diff', {
          params: { path: { code }, query: { from: asked?.from ?? 0, to: asked?.to ?? 0 } },
        }),
      ),
  });
  if (versions.length < 2) return <Empty description={text('criteria.needTwo')} />;
  const options = versions.map((version) => ({ value: version, label: `v${version}` }));
  return (
    <Space orientation="vertical" size="middle" className="page-stack">
      <Space wrap>
        <Select<number>
          aria-label={text('criteria.from')}
          className="filter-select"
          value={from}
          onChange={setFrom}
          options={options}
        />
        <Select<number>
          aria-label={text('criteria.to')}
          className="filter-select"
          value={to}
          onChange={setTo}
          options={options}
        />
        <Button
          type="primary"
          disabled={from === undefined || to === undefined}
          onClick={() => from !== undefined && to !== undefined && setAsked({ from, to })}
        >
          {text('criteria.compare')}
        </Button>
      </Space>
      {diff.error && <LoadError error={diff.error} retry={() => void diff.refetch()} />}
      {diff.data &&
        (diff.data.identical ? (
          <Empty description={text('criteria.identical')} />
        ) : (
          <>
            {diff.data.set.length > 0 && (
              <Card
                size="small"
                title={<h3 className="card-heading">{text('criteria.setChanges')}</h3>}
              >
                <ChangeTable
                  lines={diff.data.set.map((change, index) => ({
                    ...change,
                    code,
                    key: `set-${index}`,
                  }))}
                />
              </Card>
            )}
            <PartChanges title={text('criteria.dimensionChanges')} part={diff.data.dimensions} />
            <PartChanges title={text('criteria.itemChanges')} part={diff.data.items} />
          </>
        ))}
    </Space>
  );
}

type FullVersion = Schema<'CriteriaVersion'>;
type Item = FullVersion['criteria']['dimensions'][number]['items'][number];

/** One version's dimensions and items: what an inspection is scored against. */
function VersionDetail({
  code,
  version,
  onClose,
}: {
  code: string;
  version: number;
  onClose: () => void;
}) {
  const { locale } = useI18n();
  const text = useText();
  const codeText = useCodeText();
  const detail = useQuery({
    queryKey: ['criteria-version', code, version],
    queryFn: () =>
      read(
        api.GET('/api/v1/criteria-sets/{code}/versions/{version}', {
          params: { path: { code, version } },
        }),
      ),
  });
  const title = (entry: { titleZh: string; titleEn: string }) =>
    locale === 'zh' ? entry.titleZh : entry.titleEn;
  return (
    <Drawer open size="large" title={`${code} v${version}`} onClose={onClose}>
      {detail.error && <LoadError error={detail.error} retry={() => void detail.refetch()} />}
      {detail.data && (
        <Space orientation="vertical" size="middle" className="page-stack">
          <p>
            {title(detail.data)} · {text('criteria.points')} {detail.data.totalPoints} /{' '}
            {detail.data.passThreshold}
          </p>
          {detail.data.criteria.dimensions.map((dimension) => (
            <Table<Item>
              key={dimension.code}
              rowKey="code"
              size="small"
              pagination={false}
              title={() => (
                <h3 className="table-heading">{`${dimension.code} ${title(dimension)}`}</h3>
              )}
              dataSource={dimension.items}
              columns={[
                { title: text('common.code'), dataIndex: 'code' },
                { title: text('criteria.title'), key: 'title', render: (_, item) => title(item) },
                {
                  title: text('criteria.kind'),
                  key: 'kind',
                  render: (_, item) => codeText('criteria.kind', item.kind),
                },
                { title: text('criteria.maxPoints'), dataIndex: 'maxPoints' },
              ]}
            />
          ))}
        </Space>
      )}
    </Drawer>
  );
}

export default function Criteria() {
  const { locale } = useI18n();
  const text = useText();
  const [code, setCode] = useState<string | undefined>();
  const [viewing, setViewing] = useState<Version | null>(null);
  const versions = useQuery({
    queryKey: ['criteria-sets'],
    queryFn: () =>
      read(api.GET('/api/v1/criteria-sets', { params: { query: {} } })).then((r) => r.items),
  });
  const codes = [...new Set((versions.data ?? []).map((version) => version.code))];
  const chosen = code ?? codes[0];

  return (
    <section aria-labelledby="criteria-title">
      <div className="page-toolbar">
        <h1 id="criteria-title">{text('admin.criteria')}</h1>
      </div>
      {versions.error ? (
        <LoadError error={versions.error} retry={() => void versions.refetch()} />
      ) : (
        <Space orientation="vertical" size="large" className="page-stack">
          <Table<Version>
            rowKey="id"
            loading={versions.isPending}
            dataSource={versions.data ?? []}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              { title: text('criteria.code'), dataIndex: 'code' },
              { title: text('criteria.version'), dataIndex: 'version' },
              {
                title: text('criteria.title'),
                key: 'title',
                render: (_, row) => (locale === 'zh' ? row.titleZh : row.titleEn),
              },
              {
                title: '',
                key: 'shared',
                render: (_, row) => (
                  <Tag>{row.shared ? text('criteria.shared') : text('criteria.own')}</Tag>
                ),
              },
              {
                title: text('criteria.points'),
                key: 'points',
                render: (_, row) => `${row.totalPoints} / ${row.passThreshold}`,
              },
              { title: text('criteria.dimensions'), dataIndex: 'dimensions' },
              {
                title: text('criteria.items'),
                key: 'items',
                render: (_, row) =>
                  `${row.items.scored} / ${row.items.mandatory} / ${row.items.veto}`,
              },
              {
                title: text('common.createdAt'),
                dataIndex: 'createdAt',
                render: (value: string) => dateTime(value),
              },
              {
                title: text('common.actions'),
                key: 'open',
                render: (_, row) => (
                  <Button size="small" onClick={() => setViewing(row)}>
                    {text('common.details')}
                  </Button>
                ),
              },
            ]}
          />
          {chosen && (
            <Card
              title={<h2 className="card-heading">{text('criteria.diff')}</h2>}
              extra={
                <Select<string>
                  aria-label={text('criteria.code')}
                  className="filter-select"
                  value={chosen}
                  onChange={setCode}
                  options={codes.map((value) => ({ value, label: value }))}
                />
              }
            >
              <DiffView
                key={chosen}
                code={chosen}
                versions={(versions.data ?? [])
                  .filter((version) => version.code === chosen)
                  .map((version) => version.version)}
              />
            </Card>
          )}
        </Space>
      )}
      {viewing && (
        <VersionDetail
          code={viewing.code}
          version={viewing.version}
          onClose={() => setViewing(null)}
        />
      )}
    </section>
  );
}
