// 通知接收人: who receives the city's email (GET /api/v1/notification-recipients): users with
// an address, county heads and extra addresses, each with the functions whose notices it gets
// and its language. The city admin adds an extra address (a bureau's shared mailbox, a head
// without a login) and edits or stops one; users' and heads' addresses are edited where they
// live (Users, Counties).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCounties, useCountyName } from '../../api/queries';
import { LoadError } from '../../components/LoadError';
import type { Schema } from '../api';
import { read } from '../api';
import type { Language, NotificationFunction } from '../codes';
import { COUNTY_FUNCTIONS, FUNCTIONS, LANGUAGES } from '../codes';
import { FormModal } from '../FormModal';
import { useCodeText, useText } from '../text';

type Recipient = Schema<'NotificationRecipient'>;
type Source = 'USER' | 'COUNTY_HEAD' | 'EXTRA';
const SOURCES: readonly Source[] = ['USER', 'COUNTY_HEAD', 'EXTRA'];

interface NewAddress {
  name: string;
  email: string;
  function: NotificationFunction;
  countyId?: string;
  language: Language;
}
const NEW_FIELDS = [['name'], ['email'], ['function'], ['countyId'], ['language']];
interface AddressChange {
  name: string;
  email: string;
  language: Language;
  active: boolean;
}
const CHANGE_FIELDS = [['name'], ['email'], ['language'], ['active']];
const required = [{ required: true, whitespace: true }];

export default function Recipients() {
  const text = useText();
  const codeText = useCodeText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const counties = useCounties();
  const countyName = useCountyName();
  const [source, setSource] = useState<Source | undefined>();
  const [fn, setFn] = useState<NotificationFunction | undefined>();
  const [countyId, setCountyId] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Recipient | null>(null);

  const recipients = useQuery({
    queryKey: ['admin', 'recipients', { source, fn, countyId }],
    queryFn: () =>
      read(
        api.GET('/api/v1/notification-recipients', {
          params: { query: { source, function: fn, countyId } },
        }),
      ).then((r) => r.items),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'recipients'] });
  const countyOptions = (counties.data ?? []).map((county) => ({
    value: county.id,
    label: county.name,
  }));
  const languageOptions = LANGUAGES.map((code) => ({ value: code, label: codeText('lang', code) }));
  const functionOptions = FUNCTIONS.map((code) => ({
    value: code,
    label: codeText('function', code),
  }));

  return (
    <section aria-labelledby="recipients-title">
      <div className="page-toolbar">
        <h1 id="recipients-title">{text('admin.recipients')}</h1>
        <Select<Source>
          aria-label={text('recipients.source')}
          placeholder={text('recipients.source')}
          allowClear
          className="filter-select"
          value={source}
          onChange={setSource}
          options={SOURCES.map((code) => ({
            value: code,
            label: codeText('recipients.source', code),
          }))}
        />
        <Select<NotificationFunction>
          aria-label={text('recipients.function')}
          placeholder={text('recipients.function')}
          allowClear
          className="filter-select"
          value={fn}
          onChange={setFn}
          options={functionOptions}
        />
        <Select<string>
          aria-label={text('common.county')}
          placeholder={text('common.county')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="filter-select"
          value={countyId}
          onChange={setCountyId}
          options={countyOptions}
        />
        <Button type="primary" onClick={() => setAdding(true)}>
          {text('recipients.add')}
        </Button>
      </div>
      <p className="form-hint">{text('recipients.extraOnly')}</p>
      {recipients.error ? (
        <LoadError error={recipients.error} retry={() => void recipients.refetch()} />
      ) : (
        <Table<Recipient>
          rowKey={(row) => `${row.source}-${row.id}`}
          loading={recipients.isPending}
          dataSource={recipients.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            {
              title: text('recipients.source'),
              key: 'source',
              render: (_, row) => codeText('recipients.source', row.source),
            },
            { title: text('common.name'), dataIndex: 'name' },
            { title: text('common.email'), dataIndex: 'email' },
            {
              title: text('recipients.functions'),
              key: 'functions',
              render: (_, row) =>
                row.functions.map((code) => codeText('function', code)).join('、'),
            },
            {
              title: text('common.county'),
              key: 'county',
              render: (_, row) => (row.countyId ? countyName(row.countyId) : '—'),
            },
            {
              title: text('common.language'),
              key: 'language',
              render: (_, row) => codeText('lang', row.language),
            },
            {
              title: text('common.status'),
              key: 'active',
              render: (_, row) =>
                row.active ? (
                  <Tag color="#237804">{text('recipients.active')}</Tag>
                ) : (
                  <Tag color="#595959">{text('recipients.inactive')}</Tag>
                ),
            },
            {
              title: text('common.actions'),
              key: 'actions',
              render: (_, row) =>
                row.source === 'EXTRA' ? (
                  <Button size="small" onClick={() => setEditing(row)}>
                    {text('common.edit')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}

      <FormModal<NewAddress>
        title={text('recipients.add')}
        open={adding}
        onClose={() => setAdding(false)}
        fields={NEW_FIELDS}
        okText={text('common.create')}
        initialValues={{ language: 'zh-CN' }}
        submit={async (values) => {
          await read(api.POST('/api/v1/notification-recipients', { body: values }));
          void message.success(text('common.saved'));
        }}
        onDone={refresh}
      >
        <Form.Item name="name" label={text('common.name')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={text('common.email')} rules={required}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="function" label={text('recipients.function')} rules={required}>
          <Select options={functionOptions} />
        </Form.Item>
        <Form.Item noStyle dependencies={['function']}>
          {({ getFieldValue }) =>
            COUNTY_FUNCTIONS.has(String(getFieldValue('function'))) ? (
              <Form.Item name="countyId" label={text('common.county')} rules={required}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={countyOptions} />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="language" label={text('common.language')}>
          <Select options={languageOptions} />
        </Form.Item>
      </FormModal>

      <FormModal<AddressChange>
        key={editing?.id ?? 'none'}
        title={text('recipients.editExtra')}
        open={editing !== null}
        onClose={() => setEditing(null)}
        fields={CHANGE_FIELDS}
        initialValues={{
          name: editing?.name,
          email: editing?.email,
          language: (editing?.language as Language | undefined) ?? 'zh-CN',
          active: editing?.active ?? true,
        }}
        submit={async (values) => {
          if (!editing) return;
          await read(
            api.PATCH('/api/v1/notification-recipients/{id}', {
              params: { path: { id: editing.id } },
              body: values,
            }),
          );
          void message.success(text('common.saved'));
        }}
        onDone={refresh}
      >
        <Form.Item name="name" label={text('common.name')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={text('common.email')} rules={required}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="language" label={text('common.language')}>
          <Select options={languageOptions} />
        </Form.Item>
        <Form.Item name="active" label={text('recipients.activeLabel')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormModal>
    </section>
  );
}
