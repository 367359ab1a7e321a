// One action's form. Sends the body to the action's route; on success the page shows the
// updated certification; a 400 puts each `errors[]` message next to its field; a 409 (the
// workflow refused: wrong state, a missing prerequisite) or 403 shows the reason above the form.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select, Switch } from 'antd';
import { useState } from 'react';
import { ApiError, api, certificationBody } from '../api/client';
import { showProblem } from '../api/problems';
import type { paths } from '../api/schema';
import { useI18n } from '../i18n/I18nProvider';
import type { ActionField, ActionPath, ActionSpec } from './actions';
import { requestBody } from './actions';

type ActionRoute = `/api/v1/certifications/{id}/${ActionPath}`;
// Every action path the console offers must be a route of the API's document: a route renamed
// or removed on the server fails this line at build time.
const routesExist: ActionRoute extends keyof paths ? true : never = true;
void routesExist;

function send(id: string, path: ActionPath, payload: object) {
  const route = `/api/v1/certifications/{id}/${path}` as const satisfies ActionRoute;
  // Each route has its own body type; requestBody built this one from the spec's fields.
  return certificationBody(
    api.POST(route as '/api/v1/certifications/{id}/evidence', {
      params: { path: { id } },
      body: payload as never,
    }),
  );
}

/** What Form.Item hands its control: its id (for the label), value and change handler. */
type ControlProps = Record<string, unknown>;

function FieldInput({ field, ...control }: { field: ActionField } & ControlProps) {
  const { locale } = useI18n();
  switch (field.kind) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} {...control} />;
    case 'select':
      return (
        <Select
          options={(field.options ?? []).map((option) => ({
            value: option.value,
            label: option.label[locale],
          }))}
          {...control}
        />
      );
    case 'boolean':
      return <Switch {...control} />;
    case 'url':
      return <Input type="url" {...control} />;
    case 'text':
      return <Input {...control} />;
  }
}

export function ActionForm({
  certificationId,
  spec,
}: {
  certificationId: string;
  spec: ActionSpec;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const fieldNames = spec.fields.map((field) => field.name);

  const mutation = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      send(certificationId, spec.path, requestBody(spec, values)),
    onSuccess: (updated) => {
      setRefusal(null);
      form.resetFields();
      queryClient.setQueryData(['certification', certificationId], updated);
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['certifications'] });
      void message.success(t('action.done'));
    },
    onError: (error) => {
      const rest = showProblem(form, error, fieldNames);
      if (error instanceof ApiError && error.status === 400 && rest === null) {
        setRefusal(null);
      } else {
        setRefusal(rest);
      }
    },
  });

  return (
    <Form
      form={form}
      layout="vertical"
      aria-label={spec.label[locale]}
      onFinish={(values) => mutation.mutate(values)}
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
      {spec.fields.map((field) => {
        const item = (
          <Form.Item
            key={field.name.join('.')}
            name={field.name}
            label={field.label[locale]}
            valuePropName={field.kind === 'boolean' ? 'checked' : 'value'}
            rules={field.required ? [{ required: true, whitespace: true }] : []}
          >
            <FieldInput field={field} />
          </Form.Item>
        );
        if (!field.when) return item;
        const when = field.when;
        return (
          <Form.Item
            key={field.name.join('.')}
            noStyle
            shouldUpdate={(before, after) =>
              (before as Record<string, unknown>)[when[0] as string] !==
              (after as Record<string, unknown>)[when[0] as string]
            }
          >
            {({ getFieldValue }) => (getFieldValue(when) === true ? item : null)}
          </Form.Item>
        );
      })}
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        {t('action.submit')}
      </Button>
    </Form>
  );
}
