// What a page shows when its data could not be loaded: the API's reason and a retry.
import { Alert, Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('error.load')}
      description={error instanceof Error ? error.message : String(error)}
      action={<Button onClick={retry}>{t('error.retry')}</Button>}
    />
  );
}
