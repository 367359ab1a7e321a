// Login: username and password for a short-lived token (POST /api/v1/auth/login); then back to
// the page the user was sent here from, or the inbox.
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { LoginResponse } from '../api/types';
import { setSession } from '../auth/session';
import { useSession } from '../auth/useSession';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';

interface Credentials {
  username: string;
  password: string;
}

export default function Login() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session) return <Navigate to={from} replace />;

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    const {
      data,
      error: problem,
      response,
    } = await api.POST('/api/v1/auth/login', {
      body: values,
    });
    setBusy(false);
    if (!response.ok) {
      setError(
        response.status === 401 ? t('login.failed') : (problem?.detail ?? response.statusText),
      );
      return;
    }
    const login = data as LoginResponse;
    setSession({ token: login.accessToken, expiresAt: login.expiresAt, user: login.user });
    void navigate(from, { replace: true });
  };

  return (
    <main className="login-page">
      <Card
        className="login-card"
        title={<h1 className="shell-title">{t('appName')}</h1>}
        extra={<LanguageSwitch />}
      >
        {error && <Alert type="error" showIcon title={error} role="alert" />}
        <Form<Credentials>
          layout="vertical"
          onFinish={(values) => void submit(values)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <p>
          <Link to="/registry">{t('login.registry')}</Link>
        </p>
      </Card>
    </main>
  );
}
