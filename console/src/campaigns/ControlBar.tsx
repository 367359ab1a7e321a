// What may be done to a campaign as a whole, as the API allows: a city admin edits a PLANNED
// one, cancels a PLANNED or ACTIVE one, closes an ACTIVE one early (each with a reason, through
// the campaign workflow, which has the last word); everyone who may read the progress
// downloads the statistical report as XLSX or CSV (the export route, with the login's token).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, asProblem, body } from '../api/client';
import { showProblem } from '../api/problems';
import { useSession } from '../auth/useSession';
import { useText } from './texts';
import type { Campaign } from './types';

type Stop = 'cancellation' | 'early-closure';

function StopCampaign({
  campaign,
  kind,
  close,
}: {
  campaign: Campaign;
  kind: Stop;
  close: () => void;
}) {
  const t = useText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const stop = useMutation({
    mutationFn: (values: { reason: string }) =>
      body<Campaign>(
        kind === 'cancellation'
          ? api.POST('/api/v1/campaigns/{id}/cancellation', {
              params: { path: { id: campaign.id } },
              body: values,
            })
          : api.POST('/api/v1/campaigns/{id}/early-closure', {
              params: { path: { id: campaign.id } },
              body: values,
            }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['campaign', campaign.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      void queryClient.invalidateQueries({ queryKey: ['campaign-duties', campaign.id] });
      void message.success(t('editor.saved'));
      close();
    },
    onError: (error) => setRefusal(showProblem(form, error, [['reason']])),
  });
  const title = kind === 'cancellation' ? t('detail.cancel') : t('detail.close');
  return (
    <Modal
      open
      title={`${title} · ${campaign.name}`}
      okText={t('detail.confirm')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={stop.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" aria-label={title} onFinish={(v) => stop.mutate(v)}>
        {refusal && <Alert type="error" showIcon role="alert" description={refusal} />}
        <Form.Item
          name="reason"
          label={t('detail.reason')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The file's name from Content-Disposition (RFC 5987 `filename*` first), else a fallback. */
function fileName(disposition: string | null, fallback: string): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

async function download(campaign: Campaign, format: 'xlsx' | 'csv'): Promise<void> {
  const { data, error, response } = await api.GET('/api/v1/campaigns/{id}/export', {
    params: { path: { id: campaign.id }, query: { format } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) {
    throw new ApiError(asProblem(error, response));
  }
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName(response.headers.get('Content-Disposition'), `${campaign.id}.${format}`);
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function ControlBar({ campaign }: { campaign: Campaign }) {
  const t = useText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const [stopping, setStopping] = useState<Stop | null>(null);
  const role = session?.user.role;
  const admin = role === 'CITY_ADMIN';
  const reads = role === 'COUNTY_OPERATOR' || role === 'CITY_REVIEWER' || admin;
  const exportAs = (format: 'xlsx' | 'csv') =>
    download(campaign, format).catch((error: unknown) => {
      void message.error(error instanceof Error ? error.message : String(error));
    });
  return (
    <Space wrap>
      {admin && campaign.status === 'PLANNED' && (
        <Button onClick={() => void navigate(`/campaigns/${campaign.id}/edit`)}>
          {t('detail.edit')}
        </Button>
      )}
      {admin && (campaign.status === 'PLANNED' || campaign.status === 'ACTIVE') && (
        <Button danger onClick={() => setStopping('cancellation')}>
          {t('detail.cancel')}
        </Button>
      )}
      {admin && campaign.status === 'ACTIVE' && (
        <Button danger onClick={() => setStopping('early-closure')}>
          {t('detail.close')}
        </Button>
      )}
      {reads && <Button onClick={() => void exportAs('xlsx')}>{t('detail.exportXlsx')}</Button>}
      {reads && <Button onClick={() => void exportAs('csv')}>{t('detail.exportCsv')}</Button>}
      {stopping && (
        <StopCampaign campaign={campaign} kind={stopping} close={() => setStopping(null)} />
      )}
    </Space>
  );
}
