// API 密钥: the city's machine credentials (GET /api/v1/api-keys, with their last use, never
// the key). Creating one shows the key once, in a dialog with a copy button and a warning that
// it cannot be shown again: the server keeps only its hash, and the page forgets it on close.
// Revoking asks first (the systems using it lose access at once).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCounties, useCountyName } from '../../api/queries';
import type { Role } from '../../api/types';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import type { Schema } from '../api';
import { read } from '../api';
import { ROLES } from '../codes';
import { FormModal } from '../FormModal';
import { useText } from '../text';
import { dateTime, useConfirm } from '../ui';

type ApiKey = Schema<'ApiKey'>;
interface NewKey {
  name: string;
  role: Role;
  countyId?: string;
}
const FIELDS = [['name'], ['role'], ['countyId']];
const required = [{ required: true, whitespace: true }];

/** The dialog that shows a new key this once. */
function SecretDialog({
  issued,
  onClose,
}: {
  issued: Schema<'IssuedApiKey'>;
  onClose: () => void;
}) {
  const text = useText();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.key);
      void message.success(text('keys.copied'));
    } catch {
      void message.warning(text('keys.copyFailed'));
    }
  };
  return (
    <Modal
      open
      title={text('keys.secretTitle', { name: issued.name })}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {text('keys.closeSecret')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" className="page-stack">
        <Alert
          type="warning"
          showIcon
          title={text('keys.secretWarning')}
          description={text('keys.secretText')}
        />
        <label className="secret-label" htmlFor="issued-key">
          {text('keys.secretLabel')}
        </label>
        <Space.Compact className="page-stack">
          <Input id="issued-key" readOnly value={issued.key} className="secret-value" />
          <Button onClick={() => void copy()}>{text('keys.copy')}</Button>
        </Space.Compact>
      </Space>
    </Modal>
  );
}

export default function ApiKeys() {
  const { t } = useI18n();
  const text = useText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const counties = useCounties();
  const countyName = useCountyName();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<Schema<'IssuedApiKey'> | null>(null);

  const keys = useQuery({
    queryKey: ['admin', 'api-keys'],
    queryFn: () => read(api.GET('/api/v1/api-keys')).then((r) => r.items),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'api-keys'] });

  const revoke = async (key: ApiKey) => {
    const ok = await confirm({
      title: text('keys.revokeConfirm', { name: key.name }),
      content: text('keys.revokeText'),
      okText: text('keys.revoke'),
    });
    if (!ok) return;
    try {
      await read(
        api.POST('/api/v1/api-keys/{id}/revocation', { params: { path: { id: key.id } } }),
      );
      void message.success(text('keys.revokedDone', { name: key.name }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
    refresh();
  };

  return (
    <section aria-labelledby="keys-title">
      <div className="page-toolbar">
        <h1 id="keys-title">{text('admin.apiKeys')}</h1>
        <Button type="primary" onClick={() => setCreating(true)}>
          {text('keys.create')}
        </Button>
      </div>
      {keys.error ? (
        <LoadError error={keys.error} retry={() => void keys.refetch()} />
      ) : (
        <Table<ApiKey>
          rowKey="id"
          loading={keys.isPending}
          dataSource={keys.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: text('common.name'), dataIndex: 'name' },
            { title: text('common.role'), key: 'role', render: (_, row) => t(`role.${row.role}`) },
            {
              title: text('common.county'),
              key: 'county',
              render: (_, row) => (row.countyId ? countyName(row.countyId) : '—'),
            },
            {
              title: text('common.createdAt'),
              dataIndex: 'createdAt',
              render: (value: string) => dateTime(value),
            },
            {
              title: text('keys.lastUsed'),
              dataIndex: 'lastUsedAt',
              render: (value: string | null) => (value ? dateTime(value) : text('keys.never')),
            },
            {
              title: text('common.status'),
              key: 'status',
              render: (_, row) =>
                row.revokedAt ? (
                  <Tag color="#595959">
                    {text('keys.revoked')} {dateTime(row.revokedAt)}
                  </Tag>
                ) : (
                  <Tag color="#237804">{text('keys.active')}</Tag>
                ),
            },
            {
              title: text('common.actions'),
              key: 'actions',
              render: (_, row) =>
                row.revokedAt ? null : (
                  <Button size="small" danger onClick={() => void revoke(row)}>
                    {text('keys.revoke')}
                  </Button>
                ),
            },
          ]}
        />
      )}

      <FormModal<NewKey>
        title={text('keys.create')}
        open={creating}
        onClose={() => setCreating(false)}
        fields={FIELDS}
        okText={text('common.create')}
        submit={async (values) => {
          setIssued(await read(api.POST('/api/v1/api-keys', { body: values })));
        }}
        onDone={refresh}
      >
        <Form.Item name="name" label={text('keys.name')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={text('common.role')} rules={required}>
          <Select options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['role']}>
          {({ getFieldValue }) =>
            getFieldValue('role') === 'COUNTY_OPERATOR' ? (
              <Form.Item name="countyId" label={text('common.county')} rules={required}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={counties.isPending}
                  options={(counties.data ?? []).map((county) => ({
                    value: county.id,
                    label: county.name,
                  }))}
                />
              </Form.Item>
            ) : null
          }
        </Form.Item>
      </FormModal>

      {issued && <SecretDialog issued={issued} onClose={() => setIssued(null)} />}
    </section>
  );
}
