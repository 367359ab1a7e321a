// Pairings (挂钩结对) of a campaign: which bureau department is paired with which offices, and
// whether its responsibility letter (责任状) is signed (GET /campaigns/:id/pairings; county
// operators see their county's). The city pairs a department with offices (POST …/pairings)
// and records a signed letter once (POST …/pairings/:pairingId/letter) — the file stays in the
// bureau's system; the browser computes its size and SHA-256 for the record.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, body } from '../api/client';
import { showProblem } from '../api/problems';
import { useCountyName } from '../api/queries';
import type { components } from '../api/schema';
import { useSession } from '../auth/useSession';
import { LoadError } from '../components/LoadError';
import { TAG, useText } from './texts';
import type { CampaignPairing, CreatePairingsBody, LetterBody } from './types';

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function NewPairing({ campaignId, close }: { campaignId: string; close: () => void }) {
  const t = useText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreatePairingsBody>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const offices = useQuery({
    queryKey: ['offices', 'all'],
    queryFn: () =>
      body<{ items: components['schemas']['OfficeListItem'][] }>(
        api.GET('/api/v1/offices', { params: { query: { limit: 200 } } }),
      ).then((r) => r.items),
  });
  const create = useMutation({
    mutationFn: (values: CreatePairingsBody) =>
      body<{ items: CampaignPairing[] }>(
        api.POST('/api/v1/campaigns/{id}/pairings', {
          params: { path: { id: campaignId } },
          body: values.responsibilities?.trim()
            ? values
            : { department: values.department, officeIds: values.officeIds },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['campaign-pairings', campaignId] });
      void queryClient.invalidateQueries({ queryKey: ['campaign-progress', campaignId] });
      void message.success(t('reports.done'));
      close();
    },
    onError: (error) =>
      setRefusal(showProblem(form, error, [['department'], ['officeIds'], ['responsibilities']])),
  });
  return (
    <Modal
      open
      title={t('pairings.new')}
      okText={t('pairings.new')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<CreatePairingsBody>
        form={form}
        layout="vertical"
        aria-label={t('pairings.new')}
        onFinish={(values) => create.mutate(values)}
      >
        {refusal && <Alert type="error" showIcon role="alert" description={refusal} />}
        <Form.Item
          name="department"
          label={t('pairings.department')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input placeholder="基层科" />
        </Form.Item>
        <Form.Item name="officeIds" label={t('pairings.offices')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={offices.isPending}
            options={(offices.data ?? []).map((office) => ({
              value: office.id,
              label: `${office.name}（${office.county.name}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="responsibilities" label={t('pairings.responsibilities')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface LetterValues {
  signedOn: string;
  department?: string;
  office?: string;
}

function RecordLetter({
  campaignId,
  pairing,
  close,
}: {
  campaignId: string;
  pairing: CampaignPairing;
  close: () => void;
}) {
  const t = useText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LetterValues>();
  const [file, setFile] = useState<File | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: async (values: LetterValues) => {
      if (!file) throw new Error(t('pairings.file'));
      const payload: LetterBody = {
        signedOn: values.signedOn,
        ...(values.department?.trim() && values.office?.trim()
          ? { signatories: { department: values.department, office: values.office } }
          : {}),
        attachment: {
          name: file.name,
          size: file.size,
          sha256: await sha256Hex(file),
          mediaType: file.type || 'application/octet-stream',
        },
      };
      return body<CampaignPairing>(
        api.POST('/api/v1/campaigns/{id}/pairings/{pairingId}/letter', {
          params: { path: { id: campaignId, pairingId: pairing.id } },
          body: payload,
        }),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['campaign-pairings', campaignId] });
      void queryClient.invalidateQueries({ queryKey: ['campaign-progress', campaignId] });
      void message.success(t('reports.done'));
      close();
    },
    onError: (error) =>
      setRefusal(
        showProblem(form, error, [
          ['signedOn'],
          ['signatories', 'department'],
          ['signatories', 'office'],
        ]),
      ),
  });
  const title = `${t('pairings.record')} · ${pairing.department} — ${pairing.officeName}`;
  return (
    <Modal
      open
      title={title}
      okText={t('pairings.record')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <Form<LetterValues>
        form={form}
        layout="vertical"
        aria-label={title}
        onFinish={(values) => record.mutate(values)}
      >
        {refusal && <Alert type="error" showIcon role="alert" description={refusal} />}
        <Form.Item name="signedOn" label={t('pairings.signedOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="department" label={t('pairings.signatoryDepartment')}>
            <Input />
          </Form.Item>
          <Form.Item name="office" label={t('pairings.signatoryOffice')}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item label={t('pairings.file')} required htmlFor="letter-file">
          <input
            id="letter-file"
            type="file"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PairingsPanel({ campaignId, open }: { campaignId: string; open: boolean }) {
  const t = useText();
  const session = useSession();
  const countyName = useCountyName();
  const [creating, setCreating] = useState(false);
  const [recording, setRecording] = useState<CampaignPairing | null>(null);
  const city = session?.user.role === 'CITY_REVIEWER' || session?.user.role === 'CITY_ADMIN';
  const query = useQuery({
    queryKey: ['campaign-pairings', campaignId],
    queryFn: () =>
      body<{ items: CampaignPairing[] }>(
        api.GET('/api/v1/campaigns/{id}/pairings', { params: { path: { id: campaignId } } }),
      ).then((r) => r.items),
  });
  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  return (
    <>
      {city && open && (
        <div className="page-toolbar">
          <Button onClick={() => setCreating(true)}>{t('pairings.new')}</Button>
        </div>
      )}
      <Table<CampaignPairing>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={query.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        caption={<h2 className="card-heading table-caption">{t('pairings.caption')}</h2>}
        columns={[
          { title: t('pairings.department'), dataIndex: 'department' },
          { title: t('pairings.office'), dataIndex: 'officeName' },
          {
            title: t('progress.county'),
            key: 'county',
            render: (_, row) => countyName(row.countyId),
          },
          {
            title: t('pairings.responsibilities'),
            key: 'responsibilities',
            render: (_, row) => row.responsibilities ?? '—',
          },
          {
            title: t('pairings.letter'),
            key: 'letter',
            render: (_, row) =>
              row.letter ? (
                <Tag color={TAG.green}>{row.letter.signedOn}</Tag>
              ) : (
                <Space>
                  <Tag>{t('pairings.unsigned')}</Tag>
                  {city && open && (
                    <Button size="small" onClick={() => setRecording(row)}>
                      {t('pairings.record')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {creating && <NewPairing campaignId={campaignId} close={() => setCreating(false)} />}
      {recording && (
        <RecordLetter
          campaignId={campaignId}
          pairing={recording}
          close={() => setRecording(null)}
        />
      )}
    </>
  );
}
