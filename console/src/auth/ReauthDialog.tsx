// The password dialog of ReauthPrompt, in its own chunk: Modal and Form are loaded when a token
// first expires, not with every page. Sends the password for the session's user and says
// whether a new token is in place.
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { getSession, setSession } from './session';

export default function ReauthDialog({ onDone }: { onDone: (renewed: boolean) => void }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();

  const submit = async ({ password }: { password: string }) => {
    const username = getSession()?.user.username;
    if (!username) return onDone(false);
    setBusy(true);
    const { data, response } = await api.POST('/api/v1/auth/login', {
      body: { username, password },
    });
    setBusy(false);
    if (!response.ok || !data) {
      setFailed(true);
      return;
    }
    setSession({ token: data.accessToken, expiresAt: data.expiresAt, user: data.user });
    onDone(true);
  };

  return (
    <Modal
      open
      title={t('reauth.title')}
      okText={t('reauth.submit')}
      cancelText={t('reauth.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onDone(false)}
      destroyOnHidden
      maskClosable={false}
    >
      <p>{t('reauth.text')}</p>
      {failed && <Alert type="error" showIcon title={t('login.failed')} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.required') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
