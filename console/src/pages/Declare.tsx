// A county operator declares one of their offices for certification (POST
// /api/v1/certifications): the office, the campaign, the creation plan and a contact. Offices
// that already have a live certification are not offered; the server refuses them anyway (409).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, body, certificationBody } from '../api/client';
import { showProblem } from '../api/problems';
import { useI18n } from '../i18n/I18nProvider';

interface Declaration {
  officeId: string;
  campaignId: string;
  plan: { summary: string; feature: string };
  contact: { name: string; phone: string };
}

const FIELDS = [
  ['officeId'],
  ['campaignId'],
  ['plan', 'summary'],
  ['plan', 'feature'],
  ['contact', 'name'],
  ['contact', 'phone'],
];

/** Statuses from which an office may be declared again (no live certification). */
const DECLARABLE = new Set(['NONE', 'REVOKED', 'REJECTED', 'WITHDRAWN']);

export default function Declare() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Declaration>();
  const [refusal, setRefusal] = useState<string | null>(null);

  const offices = useQuery({
    queryKey: ['offices', 'declarable'],
    queryFn: () =>
      body(api.GET('/api/v1/offices', { params: { query: { limit: 200 } } })).then((r) =>
        r.items.filter((office) => DECLARABLE.has(office.status ?? '')),
      ),
  });
  const campaigns = useQuery({
    queryKey: ['campaigns'],
    queryFn: () => body(api.GET('/api/v1/campaigns', {})).then((r) => r.items),
  });

  const declare = useMutation({
    mutationFn: (values: Declaration) =>
      certificationBody(api.POST('/api/v1/certifications', { body: values })),
    onSuccess: (certification) => {
      void queryClient.invalidateQueries({ queryKey: ['certifications'] });
      void queryClient.invalidateQueries({ queryKey: ['offices'] });
      queryClient.setQueryData(['certification', certification.id], certification);
      void navigate(`/certifications/${certification.id}`);
    },
    onError: (error) => setRefusal(showProblem(form, error, FIELDS)),
  });

  const required = [{ required: true, whitespace: true }];
  return (
    <Card title={<h1 className="card-heading">{t('declare.title')}</h1>}>
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('action.refused')}
          description={refusal}
        />
      )}
      <Form<Declaration>
        form={form}
        layout="vertical"
        onFinish={(values) => declare.mutate(values)}
        initialValues={{ campaignId: campaigns.data?.[0]?.id }}
      >
        <Form.Item name="officeId" label={t('declare.office')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={offices.isPending}
            options={(offices.data ?? []).map((office) => ({
              value: office.id,
              label: `${office.name}（${office.code}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="campaignId" label={t('declare.campaign')} rules={required}>
          <Select
            loading={campaigns.isPending}
            options={(campaigns.data ?? []).map((campaign) => ({
              value: campaign.id,
              label: campaign.name,
            }))}
          />
        </Form.Item>
        <Form.Item name={['plan', 'summary']} label={t('declare.planSummary')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item name={['plan', 'feature']} label={t('declare.feature')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name={['contact', 'name']} label={t('declare.contactName')} rules={required}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name={['contact', 'phone']} label={t('declare.contactPhone')} rules={required}>
          <Input autoComplete="tel" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={declare.isPending}>
          {t('declare.submit')}
        </Button>
      </Form>
    </Card>
  );
}
