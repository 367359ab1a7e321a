// 区县: the city's districts and counties (GET /api/v1/counties) with their bureau heads and
// office counts. The city admin creates one before importing its offices and edits it later
// (PATCH replaces the head whole; clearing the head's name removes the head). Counties are
// never deleted: offices, certifications and campaign duties refer to them.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import type { Schema } from '../api';
import { read } from '../api';
import type { Language } from '../codes';
import { LANGUAGES } from '../codes';
import { FormModal } from '../FormModal';
import { useCodeText, useText } from '../text';

type County = Schema<'County'>;
interface CountyForm {
  code: string;
  name: string;
  head: { name?: string; phone?: string; email?: string; language?: Language };
}
const FIELDS = [
  ['code'],
  ['name'],
  ['head', 'name'],
  ['head', 'phone'],
  ['head', 'email'],
  ['head', 'language'],
];
const required = [{ required: true, whitespace: true }];

/** The head as the API takes it: absent fields left out, no name → no head. */
function headOf(form: CountyForm['head']) {
  const name = form.name?.trim();
  if (!name) return null;
  return {
    name,
    phone: form.phone?.trim() || undefined,
    email: form.email?.trim() || undefined,
    language: form.language,
  };
}

export default function Counties() {
  const text = useText();
  const codeText = useCodeText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<County | 'new' | null>(null);

  const counties = useQuery({
    queryKey: ['admin', 'counties'],
    queryFn: () => read(api.GET('/api/v1/counties')).then((r) => r.items),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['admin', 'counties'] });
    // The shared list the filters and names use (api/queries.ts).
    void queryClient.invalidateQueries({ queryKey: ['counties'] });
  };

  const current = editing === 'new' ? null : editing;
  return (
    <section aria-labelledby="counties-title">
      <div className="page-toolbar">
        <h1 id="counties-title">{text('admin.counties')}</h1>
        <Button type="primary" onClick={() => setEditing('new')}>
          {text('counties.create')}
        </Button>
      </div>
      {counties.error ? (
        <LoadError error={counties.error} retry={() => void counties.refetch()} />
      ) : (
        <Table<County>
          rowKey="id"
          loading={counties.isPending}
          dataSource={counties.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: text('common.code'), dataIndex: 'code' },
            { title: text('common.name'), dataIndex: 'name' },
            {
              title: text('counties.head'),
              key: 'head',
              render: (_, row) =>
                row.head
                  ? [row.head.name, row.head.phone, row.head.email].filter(Boolean).join(' · ')
                  : '—',
            },
            { title: text('counties.offices'), dataIndex: 'offices' },
            {
              title: text('common.actions'),
              key: 'actions',
              render: (_, row) => (
                <Button size="small" onClick={() => setEditing(row)}>
                  {text('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      )}

      <FormModal<CountyForm>
        key={current?.id ?? (editing === 'new' ? 'new' : 'closed')}
        title={current ? text('counties.edit', { name: current.name }) : text('counties.create')}
        open={editing !== null}
        onClose={() => setEditing(null)}
        fields={FIELDS}
        okText={current ? text('common.save') : text('common.create')}
        initialValues={{
          code: current?.code,
          name: current?.name,
          head: {
            name: current?.head?.name,
            phone: current?.head?.phone,
            email: current?.head?.email,
            language: current?.head?.language ?? 'zh-CN',
          },
        }}
        submit={async (values) => {
          const head = headOf(values.head);
          if (current) {
            await read(
              api.PATCH('/api/v1/counties/{id}', {
                params: { path: { id: current.id } },
                body: {
                  code: values.code,
                  name: values.name,
                  // Only send the head when it changes, so that saving a name leaves it be.
                  ...(JSON.stringify(head) !== JSON.stringify(headOf(current.head ?? {}))
                    ? { head }
                    : {}),
                },
              }),
            );
          } else {
            await read(
              api.POST('/api/v1/counties', {
                body: { code: values.code, name: values.name, head: head ?? undefined },
              }),
            );
          }
          void message.success(text('common.saved'));
        }}
        onDone={refresh}
      >
        <Form.Item name="code" label={text('common.code')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={text('common.name')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <p className="form-hint">{text('counties.headHint')}</p>
        <Form.Item name={['head', 'name']} label={text('counties.headName')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name={['head', 'phone']} label={text('counties.headPhone')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name={['head', 'email']} label={text('counties.headEmail')}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name={['head', 'language']} label={text('counties.headLanguage')}>
          <Select
            options={LANGUAGES.map((code) => ({ value: code, label: codeText('lang', code) }))}
          />
        </Form.Item>
      </FormModal>
    </section>
  );
}
