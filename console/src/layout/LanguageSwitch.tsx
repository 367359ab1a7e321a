// 中文 / English.
import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <Button
      aria-label={t('languageLabel')}
      lang={locale === 'zh' ? 'en' : 'zh-CN'}
      onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
    >
      {t('language')}
    </Button>
  );
}
