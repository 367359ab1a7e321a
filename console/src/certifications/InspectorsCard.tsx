// Who inspects this certification, for the city's reviewers and admins: the inspectors assigned
// (the certification's `inspectors`, named from the city's inspector list) and "assign
// inspector", a small form choosing one of the city's active inspectors — people and API keys,
// each with how many open certifications they already carry, so the work can be spread. As with
// the action forms: success refreshes the certification; a refusal shows its reason above the
// form; a bad field (an inspector no longer active) shows the server's message on the field.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Modal, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, api, body } from '../api/client';
import { showProblem } from '../api/problems';
import type { Certification, Inspector } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

const FIELDS = [['inspectorId']];

function useInspectors() {
  return useQuery({
    queryKey: ['inspectors'],
    queryFn: () => body(api.GET('/api/v1/inspectors')),
  });
}

function AssignForm({
  certificationId,
  inspectors,
  onClose,
}: {
  certificationId: string;
  inspectors: readonly Inspector[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ inspectorId: string }>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const mutation = useMutation({
    mutationFn: (inspectorId: string) =>
      body(
        api.POST('/api/v1/certifications/{id}/inspectors', {
          params: { path: { id: certificationId } },
          body: { inspectorId },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['certification', certificationId] });
      void queryClient.invalidateQueries({ queryKey: ['inspectors'] });
      void message.success(t('inspectors.done'));
      onClose();
    },
    onError: (error) => {
      const rest = showProblem(form, error, FIELDS);
      setRefusal(error instanceof ApiError && error.status === 400 && rest === null ? null : rest);
    },
  });

  return (
    <Modal
      open
      title={t('inspectors.assign')}
      onCancel={onClose}
      okText={t('inspectors.submit')}
      cancelText={t('inspectors.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: mutation.isPending }}
      destroyOnHidden
      modalRender={(dialog) => (
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => mutation.mutate(values.inspectorId)}
        >
          {dialog}
        </Form>
      )}
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('action.refused')}
          description={refusal}
        />
      )}
      <Form.Item
        name="inspectorId"
        label={t('inspectors.inspector')}
        rules={[{ required: true, message: t('inspectors.required') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={inspectors.map((inspector) => ({
            value: inspector.id,
            label: `${inspector.name} · ${t(`inspectors.kind.${inspector.kind}`)} · ${t('inspectors.open', { n: inspector.openAssignments })}`,
          }))}
        />
      </Form.Item>
    </Modal>
  );
}

export function InspectorsCard({ certification }: { certification: Certification }) {
  const { t } = useI18n();
  const inspectors = useInspectors();
  const [assigning, setAssigning] = useState(false);
  const byId = new Map(
    (inspectors.data?.items ?? []).map((inspector) => [inspector.id, inspector]),
  );

  return (
    <Card
      title={<h2 className="card-heading">{t('inspectors.title')}</h2>}
      extra={
        <Button onClick={() => setAssigning(true)} disabled={!inspectors.data}>
          {t('inspectors.assign')}
        </Button>
      }
    >
      {certification.inspectors.length === 0 ? (
        <Empty description={t('inspectors.none')} />
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey="inspectorId"
          dataSource={certification.inspectors}
          columns={[
            {
              key: 'name',
              title: t('inspectors.inspector'),
              render: (_, { inspectorId }) => byId.get(inspectorId)?.name ?? inspectorId,
            },
            {
              key: 'kind',
              title: t('inspectors.kind'),
              render: (_, { inspectorId }) => {
                const inspector = byId.get(inspectorId);
                if (inspector) return <Tag>{t(`inspectors.kind.${inspector.kind}`)}</Tag>;
                // Assigned once, since disabled or revoked: no longer in the active list.
                return inspectors.data ? <Tag>{t('inspectors.inactive')}</Tag> : null;
              },
            },
            {
              key: 'assignedAt',
              title: t('inspectors.assignedAt'),
              render: (_, { assignedAt }) => dayjs(assignedAt).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
      )}
      {assigning && inspectors.data && (
        <AssignForm
          certificationId={certification.id}
          inspectors={inspectors.data.items}
          onClose={() => setAssigning(false)}
        />
      )}
    </Card>
  );
}
