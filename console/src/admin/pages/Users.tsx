// 用户: the city's users (GET /api/v1/users). The city admin creates one (role, and the county
// for a county operator, fixed from then on: the API changes neither), edits name, email, mail
// language and the notices they receive, sets a new password, and disables one after a
// confirmation (POST …/deactivation: their login stops working at once).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCounties, useCountyName } from '../../api/queries';
import type { Role } from '../../api/types';
import { useSession } from '../../auth/useSession';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n/I18nProvider';
import type { Schema } from '../api';
import { read } from '../api';
import type { Language, NotificationFunction } from '../codes';
import { COUNTY_FUNCTIONS, FUNCTIONS, LANGUAGES, ROLES } from '../codes';
import { FormModal } from '../FormModal';
import { useCodeText, useText } from '../text';
import { dateTime, useConfirm } from '../ui';

type User = Schema<'User'>;
interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  countyId?: string;
  email?: string;
  language: Language;
  password: string;
}
const NEW_FIELDS = [
  ['username'],
  ['displayName'],
  ['role'],
  ['countyId'],
  ['email'],
  ['language'],
  ['password'],
];

interface UserChange {
  displayName: string;
  email?: string;
  language: Language;
  notificationFunctions: NotificationFunction[];
}
const CHANGE_FIELDS = [['displayName'], ['email'], ['language'], ['notificationFunctions']];

/** What an admin may not leave out; the server's own rules (length, format) come back on the field. */
const required = [{ required: true, whitespace: true }];

export default function Users() {
  const { t } = useI18n();
  const text = useText();
  const codeText = useCodeText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const session = useSession();
  const counties = useCounties();
  const countyName = useCountyName();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const users = useQuery({
    queryKey: ['admin', 'users'],
    queryFn: () => read(api.GET('/api/v1/users')).then((r) => r.items),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });

  const disable = async (user: User) => {
    const ok = await confirm({
      title: text('users.disableConfirm', { name: user.displayName }),
      content: text('users.disableText'),
      okText: text('users.disable'),
    });
    if (!ok) return;
    try {
      await read(
        api.POST('/api/v1/users/{id}/deactivation', { params: { path: { id: user.id } } }),
      );
      void message.success(text('users.disabledDone', { name: user.displayName }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
    refresh();
  };

  const countyOptions = (counties.data ?? []).map((county) => ({
    value: county.id,
    label: county.name,
  }));
  const languageOptions = LANGUAGES.map((code) => ({ value: code, label: codeText('lang', code) }));

  return (
    <section aria-labelledby="users-title">
      <div className="page-toolbar">
        <h1 id="users-title">{text('admin.users')}</h1>
        <Button type="primary" onClick={() => setCreating(true)}>
          {text('users.create')}
        </Button>
      </div>
      {users.error ? (
        <LoadError error={users.error} retry={() => void users.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          loading={users.isPending}
          dataSource={users.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: text('users.username'), dataIndex: 'username' },
            { title: text('users.displayName'), dataIndex: 'displayName' },
            { title: text('common.role'), key: 'role', render: (_, row) => t(`role.${row.role}`) },
            {
              title: text('common.county'),
              key: 'county',
              render: (_, row) => (row.countyId ? countyName(row.countyId) : '—'),
            },
            {
              title: text('common.email'),
              dataIndex: 'email',
              render: (value: string | null) => value ?? '—',
            },
            {
              title: text('users.lastLogin'),
              dataIndex: 'lastLoginAt',
              render: (value: string | null) => dateTime(value),
            },
            {
              title: text('common.status'),
              key: 'status',
              render: (_, row) =>
                row.disabledAt ? (
                  <Tag color="#595959">{text('users.disabled')}</Tag>
                ) : (
                  <Tag color="#237804">{text('users.active')}</Tag>
                ),
            },
            {
              title: text('common.actions'),
              key: 'actions',
              render: (_, row) =>
                row.disabledAt ? null : (
                  <Space size="small" wrap>
                    <Button size="small" onClick={() => setEditing(row)}>
                      {text('common.edit')}
                    </Button>
                    <Button size="small" onClick={() => setResetting(row)}>
                      {text('users.resetPassword')}
                    </Button>
                    {/* Not oneself: an admin who disabled their own login would be locked out. */}
                    {row.id !== session?.user.id && (
                      <Button size="small" danger onClick={() => void disable(row)}>
                        {text('users.disable')}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      )}

      <FormModal<NewUser>
        title={text('users.create')}
        open={creating}
        onClose={() => setCreating(false)}
        fields={NEW_FIELDS}
        okText={text('common.create')}
        initialValues={{ language: 'zh-CN' }}
        submit={async (values) => {
          const created = await read(
            api.POST('/api/v1/users', {
              body: { ...values, email: values.email?.trim() || undefined },
            }),
          );
          void message.success(text('users.created', { name: created.displayName }));
        }}
        onDone={refresh}
      >
        <Form.Item name="username" label={text('users.username')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={text('users.displayName')} rules={required}>
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
                  options={countyOptions}
                />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="email" label={text('common.email')}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="language" label={text('common.language')}>
          <Select options={languageOptions} />
        </Form.Item>
        <Form.Item name="password" label={text('users.password')} rules={required}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <p className="form-hint">{text('users.roleFixed')}</p>
      </FormModal>

      <FormModal<UserChange>
        key={editing?.id ?? 'none'}
        title={text('users.edit', { name: editing?.displayName ?? '' })}
        open={editing !== null}
        onClose={() => setEditing(null)}
        fields={CHANGE_FIELDS}
        initialValues={{
          displayName: editing?.displayName,
          email: editing?.email ?? '',
          language: (editing?.language as Language | undefined) ?? 'zh-CN',
          notificationFunctions: (editing?.notificationFunctions ?? []) as NotificationFunction[],
        }}
        submit={async (values) => {
          if (!editing) return;
          await read(
            api.PATCH('/api/v1/users/{id}', {
              params: { path: { id: editing.id } },
              // An emptied email field removes the address (null), as the API has it.
              body: { ...values, email: values.email?.trim() || null },
            }),
          );
          void message.success(text('common.saved'));
        }}
        onDone={refresh}
      >
        <Form.Item name="displayName" label={text('users.displayName')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={text('common.email')}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="language" label={text('common.language')}>
          <Select options={languageOptions} />
        </Form.Item>
        <Form.Item name="notificationFunctions" label={text('users.functions')}>
          <Select
            mode="multiple"
            options={FUNCTIONS.filter(
              // County functions for a county's users, city functions for the city bureau's.
              (code) => COUNTY_FUNCTIONS.has(code) === Boolean(editing?.countyId),
            ).map((code) => ({ value: code, label: codeText('function', code) }))}
          />
        </Form.Item>
      </FormModal>

      <FormModal<{ password: string }>
        key={`password-${resetting?.id ?? 'none'}`}
        title={`${text('users.resetPassword')} · ${resetting?.displayName ?? ''}`}
        open={resetting !== null}
        onClose={() => setResetting(null)}
        fields={[['password']]}
        submit={async (values) => {
          if (!resetting) return;
          await read(
            api.POST('/api/v1/users/{id}/password', {
              params: { path: { id: resetting.id } },
              body: values,
            }),
          );
          void message.success(text('common.saved'));
        }}
      >
        <Form.Item name="password" label={text('users.newPassword')} rules={required}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormModal>
    </section>
  );
}
