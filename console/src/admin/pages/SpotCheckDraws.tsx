// 随机抽查: the city's spot-check draws (GET /api/v1/spot-check-draws, city reviewers and
// admins), scheduled or manual, with their seed and outcome counts. A draw opens with the
// offices chosen and each one's outcome; "reproduce" re-runs the draw from its recorded seed
// (POST …/reproduction) and says whether it chose the same offices — the proof that a draw was
// not picked by hand. The city admin draws now (after confirming), besides the schedule.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, InputNumber, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../auth/useSession';
import { LoadError } from '../../components/LoadError';
import type { Schema } from '../api';
import { read } from '../api';
import { FormModal } from '../FormModal';
import { OutcomeSummary, OutcomeTable } from '../Outcomes';
import { useCodeText, useText } from '../text';
import { dateTime, useConfirm } from '../ui';

function Reproduce({ id }: { id: string }) {
  const text = useText();
  const reproduce = useMutation({
    mutationFn: () =>
      read(api.POST('/api/v1/spot-check-draws/{id}/reproduction', { params: { path: { id } } })),
  });
  return (
    <Space orientation="vertical" className="page-stack">
      <Button loading={reproduce.isPending} onClick={() => reproduce.mutate()}>
        {text('draws.reproduce')}
      </Button>
      {reproduce.error && (
        <Alert type="error" showIcon role="alert" title={reproduce.error.message} />
      )}
      {reproduce.data && (
        <Alert
          type={reproduce.data.matches ? 'success' : 'error'}
          showIcon
          role="status"
          title={text(reproduce.data.matches ? 'draws.matches' : 'draws.differs')}
          description={`${text('draws.recorded')}: ${reproduce.data.recorded.length} · ${text('draws.reproduced')}: ${reproduce.data.reproduced.length}`}
        />
      )}
    </Space>
  );
}

function DrawDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const text = useText();
  const codeText = useCodeText();
  const draw = useQuery({
    queryKey: ['admin', 'draw', id],
    queryFn: () => read(api.GET('/api/v1/spot-check-draws/{id}', { params: { path: { id } } })),
  });
  const data = draw.data;
  return (
    <Drawer open size="large" title={text('draws.detail')} onClose={onClose}>
      {draw.error && <LoadError error={draw.error} retry={() => void draw.refetch()} />}
      {data && (
        <Space orientation="vertical" size="middle" className="page-stack">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={text('draws.drawnAt')}>
              {dateTime(data.drawnAt)}
            </Descriptions.Item>
            <Descriptions.Item label={text('draws.trigger')}>
              {codeText('draws.trigger', data.trigger)}
            </Descriptions.Item>
            <Descriptions.Item label={text('draws.seed')}>
              <code>{data.seed}</code> ({data.algorithm})
            </Descriptions.Item>
            <Descriptions.Item label={text('draws.share')}>{data.share}</Descriptions.Item>
            <Descriptions.Item label={text('draws.candidates')}>
              {data.candidates.length}
            </Descriptions.Item>
            <Descriptions.Item label={text('draws.sample')}>{data.sampleSize}</Descriptions.Item>
            <Descriptions.Item label={text('bulk.outcomes')}>
              <OutcomeSummary counts={data.outcomes} />
            </Descriptions.Item>
          </Descriptions>
          <Reproduce id={id} />
          <OutcomeTable rows={data.items} />
        </Space>
      )}
    </Drawer>
  );
}

export default function SpotCheckDraws() {
  const text = useText();
  const codeText = useCodeText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const session = useSession();
  const queryClient = useQueryClient();
  const [drawing, setDrawing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const isAdmin = session?.user.role === 'CITY_ADMIN';

  const draws = useQuery({
    queryKey: ['admin', 'draws'],
    queryFn: () =>
      read(api.GET('/api/v1/spot-check-draws', { params: { query: { limit: 100 } } })).then(
        (r) => r.items,
      ),
  });

  return (
    <section aria-labelledby="draws-title">
      <div className="page-toolbar">
        <h1 id="draws-title">{text('admin.draws')}</h1>
        {isAdmin && (
          <Button type="primary" danger onClick={() => setDrawing(true)}>
            {text('draws.drawNow')}
          </Button>
        )}
      </div>
      {draws.error ? (
        <LoadError error={draws.error} retry={() => void draws.refetch()} />
      ) : (
        <Table<Schema<'SpotCheckDrawSummary'>>
          rowKey="id"
          loading={draws.isPending}
          dataSource={draws.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            {
              title: text('draws.drawnAt'),
              dataIndex: 'drawnAt',
              render: (value: string) => dateTime(value),
            },
            {
              title: text('draws.trigger'),
              key: 'trigger',
              render: (_, row) => codeText('draws.trigger', row.trigger),
            },
            { title: text('draws.share'), dataIndex: 'share' },
            { title: text('draws.candidates'), dataIndex: 'candidates' },
            { title: text('draws.sample'), dataIndex: 'sampleSize' },
            {
              title: text('bulk.outcomes'),
              key: 'outcomes',
              render: (_, row) => <OutcomeSummary counts={row.outcomes} />,
            },
            {
              title: text('draws.seed'),
              dataIndex: 'seed',
              render: (value: string) => <code>{value}</code>,
            },
            {
              title: text('common.actions'),
              key: 'open',
              render: (_, row) => (
                <Button size="small" onClick={() => setOpen(row.id)}>
                  {text('common.details')}
                </Button>
              ),
            },
          ]}
        />
      )}

      {isAdmin && (
        <FormModal<{ share: number }>
          title={text('draws.drawNow')}
          open={drawing}
          onClose={() => setDrawing(false)}
          fields={[['share']]}
          okText={text('draws.drawNow')}
          initialValues={{ share: 0.1 }}
          submit={async (values) => {
            const ok = await confirm({
              title: text('draws.confirm', { share: values.share }),
              content: text('draws.confirmText'),
              okText: text('draws.drawNow'),
            });
            if (!ok) return false;
            const answer = await read(api.POST('/api/v1/spot-check-draws', { body: values }));
            if ('drawId' in answer) void message.info(text('draws.running'));
            else setOpen(answer.id);
            return true;
          }}
          onDone={() => void queryClient.invalidateQueries({ queryKey: ['admin', 'draws'] })}
        >
          <Form.Item name="share" label={text('draws.share')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1} step={0.01} className="page-stack" />
          </Form.Item>
        </FormModal>
      )}

      {open && <DrawDetail id={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
