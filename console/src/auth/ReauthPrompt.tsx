// The password prompt that appears when the token expired while the user was working. It sits
// above whatever page is open (which stays mounted, so a half-filled form keeps its values);
// the request that met the 401 waits for it and is sent again with the new token.
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { LoginResponse } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { getSession, registerReauth, setSession } from './session';

export function ReauthPrompt() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const answer = useRef<((renewed: boolean) => void) | null>(null);
  const [form] = Form.useForm<{ password: string }>();

  useEffect(() => {
    registerReauth(
      () =>
        new Promise<boolean>((resolve) => {
          answer.current = resolve;
          setFailed(false);
          setOpen(true);
        }),
    );
    return () => registerReauth(null);
  }, []);

  const finish = (renewed: boolean) => {
    setOpen(false);
    form.resetFields();
    answer.current?.(renewed);
    answer.current = null;
  };

  const submit = async ({ password }: { password: string }) => {
    const username = getSession()?.user.username;
    if (!username) return finish(false);
    setBusy(true);
    const { data, response } = await api.POST('/api/v1/auth/login', {
      body: { username, password },
    });
    setBusy(false);
    if (!response.ok) {
      setFailed(true);
      return;
    }
    const login = data as LoginResponse;
    setSession({ token: login.accessToken, expiresAt: login.expiresAt, user: login.user });
    finish(true);
  };

  return (
    <Modal
      open={open}
      title={t('reauth.title')}
      okText={t('reauth.submit')}
      cancelText={t('reauth.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => finish(false)}
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
