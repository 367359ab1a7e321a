// An address the console does not know.
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';

export default function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <main>
      <Result
        status="404"
        title={<h1 className="card-heading">{t('notFound.title')}</h1>}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('notFound.back')}
          </Button>
        }
      />
    </main>
  );
}
