// The county report duties of a campaign (GET /campaigns/:id/duties), soonest due first, with
// overdue ones marked and their escalations counted. A county operator sees their county's
// and submits a report for an open one (POST /campaigns/:id/reports): the content, and the
// figures a statistical report must carry.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, body } from '../api/client';
import { showProblem } from '../api/problems';
import { useCountyName } from '../api/queries';
import { useSession } from '../auth/useSession';
import { DueDate } from '../components/DueDate';
import { LoadError } from '../components/LoadError';
import { TAG, DUTY_STATUS_COLORS, useCodeText, useText } from './texts';
import type { CampaignDuty, CampaignReport, SubmitReportBody } from './types';

/** Statuses in which a county still owes (or may resubmit) the report. */
const OPEN = new Set(['PENDING', 'OVERDUE', 'RETURNED']);

interface ReportValues {
  content: { summary: string };
  figures?: { name: string; value: number }[];
}

function SubmitReport({
  campaignId,
  duty,
  close,
}: {
  campaignId: string;
  duty: CampaignDuty;
  close: () => void;
}) {
  const t = useText();
  const code = useCodeText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReportValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const statistical = duty.kind === 'STATISTICAL_REPORT';
  const submit = useMutation({
    mutationFn: (values: ReportValues) => {
      const payload: SubmitReportBody = {
        dutyId: duty.id,
        content: {
          summary: values.content.summary,
          ...(values.figures?.length
            ? { figures: Object.fromEntries(values.figures.map((f) => [f.name, f.value])) }
            : {}),
        },
      };
      return body<CampaignReport>(
        api.POST('/api/v1/campaigns/{id}/reports', {
          params: { path: { id: campaignId } },
          body: payload,
        }),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['campaign-duties', campaignId] });
      void queryClient.invalidateQueries({ queryKey: ['campaign-reports', campaignId] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void message.success(t('reports.done'));
      close();
    },
    onError: (error) =>
      setRefusal(
        showProblem(form, error, [
          ['content', 'summary'],
          ['content', 'figures'],
        ]),
      ),
  });
  const title = `${t('duties.submit')} · ${code('report', duty.kind)} ${duty.period}`;
  return (
    <Modal
      open
      title={title}
      okText={t('duties.submit')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={submit.isPending}
      destroyOnHidden
    >
      <Form<ReportValues>
        form={form}
        layout="vertical"
        aria-label={title}
        initialValues={{ figures: statistical ? [{ name: '', value: 0 }] : [] }}
        onFinish={(values) => submit.mutate(values)}
      >
        {refusal && <Alert type="error" showIcon role="alert" description={refusal} />}
        <Form.Item
          name={['content', 'summary']}
          label={t('reports.summary')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        {statistical && (
          <Form.List name="figures">
            {(fields, { add, remove }) => (
              <fieldset className="editor-duty" aria-label={t('reports.figures')}>
                <legend className="editor-legend">{t('reports.figures')}</legend>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('reports.figureName')}
                      rules={[{ required: true, whitespace: true }]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'value']}
                      label={t('reports.figureValue')}
                      rules={[{ required: true }]}
                    >
                      <InputNumber />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>{t('editor.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ name: '', value: 0 })}>
                  {t('reports.addFigure')}
                </Button>
              </fieldset>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}

export function DutiesPanel({ campaignId }: { campaignId: string }) {
  const t = useText();
  const code = useCodeText();
  const session = useSession();
  const countyName = useCountyName();
  const [submitting, setSubmitting] = useState<CampaignDuty | null>(null);
  const isCounty = session?.user.role === 'COUNTY_OPERATOR';
  const query = useQuery({
    queryKey: ['campaign-duties', campaignId],
    queryFn: () =>
      body<{ items: CampaignDuty[] }>(
        api.GET('/api/v1/campaigns/{id}/duties', { params: { path: { id: campaignId } } }),
      ).then((r) => r.items),
  });
  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  return (
    <>
      <Table<CampaignDuty>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={query.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        caption={<h2 className="card-heading table-caption">{t('duties.caption')}</h2>}
        rowClassName={(row) => (row.overdue ? 'row-lagging' : '')}
        columns={[
          ...(isCounty
            ? []
            : [
                {
                  title: t('progress.county'),
                  key: 'county',
                  render: (_: unknown, row: CampaignDuty) =>
                    row.countyName || countyName(row.countyId),
                },
              ]),
          { title: t('duties.kind'), key: 'kind', render: (_, row) => code('report', row.kind) },
          { title: t('duties.period'), dataIndex: 'period' },
          {
            title: t('duties.due'),
            key: 'due',
            render: (_, row) =>
              OPEN.has(row.status) ? <DueDate at={row.dueAt} /> : row.dueAt.slice(0, 10),
          },
          {
            title: t('duties.status'),
            key: 'status',
            render: (_, row) => (
              <>
                <Tag color={DUTY_STATUS_COLORS[row.status]}>{code('dutyStatus', row.status)}</Tag>
                {row.overdue && row.status !== 'OVERDUE' && (
                  <Tag color={TAG.red}>{t('duties.overdue')}</Tag>
                )}
              </>
            ),
          },
          { title: t('duties.escalations'), dataIndex: 'escalations' },
          ...(isCounty
            ? [
                {
                  title: '',
                  key: 'submit',
                  render: (_: unknown, row: CampaignDuty) =>
                    OPEN.has(row.status) ? (
                      <Button size="small" type="primary" onClick={() => setSubmitting(row)}>
                        {t('duties.submit')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {submitting && (
        <SubmitReport campaignId={campaignId} duty={submitting} close={() => setSubmitting(null)} />
      )}
    </>
  );
}
