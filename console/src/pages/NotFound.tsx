// An address the console does not know.
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <main>
      <Result
        status="404"
        title={<h1 className="card-heading">{t('notFound.title')}</h1>}
        extra={
          <Link to="/">
            <Button type="primary">{t('notFound.back')}</Button>
          </Link>
        }
      />
    </main>
  );
}
