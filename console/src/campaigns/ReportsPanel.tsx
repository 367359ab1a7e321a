// The reports counties submitted for a campaign (GET /campaigns/:id/reports), newest first;
// the city reviews a submitted one (POST /campaigns/:id/reports/:reportId/review): accept, or
// return it with comments saying what to change (the county then resubmits).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, body } from '../api/client';
import { showProblem } from '../api/problems';
import { useCountyName } from '../api/queries';
import { useSession } from '../auth/useSession';
import { LoadError } from '../components/LoadError';
import { TAG, DUTY_STATUS_COLORS, useCodeText, useText } from './texts';
import type { CampaignReport, ReviewReportBody } from './types';

function contentSummary(content: unknown): string {
  if (typeof content === 'object' && content !== null && 'summary' in content) {
    return String(content.summary);
  }
  return '';
}

function ReviewReport({
  campaignId,
  report,
  close,
}: {
  campaignId: string;
  report: CampaignReport;
  close: () => void;
}) {
  const t = useText();
  const code = useCodeText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReviewReportBody>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const review = useMutation({
    mutationFn: (values: ReviewReportBody) =>
      body<CampaignReport>(
        api.POST('/api/v1/campaigns/{id}/reports/{reportId}/review', {
          params: { path: { id: campaignId, reportId: report.id } },
          body: values.comments?.trim() ? values : { decision: values.decision },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['campaign-reports', campaignId] });
      void queryClient.invalidateQueries({ queryKey: ['campaign-duties', campaignId] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void message.success(t('reports.done'));
      close();
    },
    onError: (error) => setRefusal(showProblem(form, error, [['decision'], ['comments']])),
  });
  const title = `${t('reports.review')} · ${code('report', report.kind)} ${report.period}`;
  return (
    <Modal
      open
      title={title}
      okText={t('reports.review')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={review.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph className="registry-summary">
        {contentSummary(report.content)}
      </Typography.Paragraph>
      <Form<ReviewReportBody>
        form={form}
        layout="vertical"
        aria-label={title}
        initialValues={{ decision: 'ACCEPT' }}
        onFinish={(values) => review.mutate(values)}
      >
        {refusal && <Alert type="error" showIcon role="alert" description={refusal} />}
        <Form.Item name="decision" label={t('reports.decision')}>
          <Radio.Group
            options={(['ACCEPT', 'RETURN'] as const).map((value) => ({
              value,
              label: t(`reports.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="comments" label={t('reports.comments')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReportsPanel({ campaignId }: { campaignId: string }) {
  const t = useText();
  const code = useCodeText();
  const session = useSession();
  const countyName = useCountyName();
  const [reviewing, setReviewing] = useState<CampaignReport | null>(null);
  const reviewer = session?.user.role === 'CITY_REVIEWER' || session?.user.role === 'CITY_ADMIN';
  const query = useQuery({
    queryKey: ['campaign-reports', campaignId],
    queryFn: () =>
      body<{ items: CampaignReport[] }>(
        api.GET('/api/v1/campaigns/{id}/reports', { params: { path: { id: campaignId } } }),
      ).then((r) => r.items),
  });
  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  return (
    <>
      <Table<CampaignReport>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={query.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        caption={<h2 className="card-heading table-caption">{t('reports.caption')}</h2>}
        expandable={{
          expandedRowRender: (row) => (
            <>
              <p className="registry-summary">{contentSummary(row.content)}</p>
              {row.reviewComments && (
                <p>
                  {t('reports.comment')}：{row.reviewComments}
                </p>
              )}
            </>
          ),
        }}
        columns={[
          {
            title: t('progress.county'),
            key: 'county',
            render: (_, row) => countyName(row.countyId),
          },
          { title: t('duties.kind'), key: 'kind', render: (_, row) => code('report', row.kind) },
          { title: t('duties.period'), dataIndex: 'period' },
          { title: t('reports.version'), dataIndex: 'version' },
          {
            title: t('reports.submittedAt'),
            key: 'submittedAt',
            render: (_, row) => (
              <>
                {dayjs(row.submittedAt).format('YYYY-MM-DD HH:mm')}{' '}
                {row.late && <Tag color={TAG.red}>{t('reports.late')}</Tag>}
              </>
            ),
          },
          {
            title: t('duties.status'),
            key: 'status',
            render: (_, row) => (
              <Tag color={DUTY_STATUS_COLORS[row.status]}>{code('dutyStatus', row.status)}</Tag>
            ),
          },
          ...(reviewer
            ? [
                {
                  title: '',
                  key: 'review',
                  render: (_: unknown, row: CampaignReport) =>
                    row.status === 'SUBMITTED' ? (
                      <Button size="small" type="primary" onClick={() => setReviewing(row)}>
                        {t('reports.review')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {reviewing && (
        <ReviewReport campaignId={campaignId} report={reviewing} close={() => setReviewing(null)} />
      )}
    </>
  );
}
