// The language the console speaks: Chinese by default, English on request (kept in
// localStorage). Drives antd's ConfigProvider locale and dayjs's, so dates, pagers and pickers
// follow the choice too.
import type { ThemeConfig } from 'antd';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Locale, MessageKey } from './messages';
import { MESSAGES, format } from './messages';

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
}

/**
 * The bureau's red, and text and link colours dark enough for WCAG AA contrast (4.5:1) on
 * white: antd's defaults for links (#1677ff), secondary text (45% black), placeholders (25%
 * black, the filters' only visible label) and danger buttons and errors (#ff4d4f) fall short.
 */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#b71c1c',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 4,
  },
  components: { Descriptions: { labelColor: 'rgba(0, 0, 0, 0.65)' } },
};

/**
 * Whether the user asked their system for less motion (WCAG 2.3.3): then antd's zooms, fades
 * and slides are off, and dialogs and messages appear at once. The browser tests ask for it
 * too, so that a click never lands on a dialog still zooming in.
 */
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(REDUCED_MOTION);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
  );
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'fengqiao.locale';

function initialLocale(): Locale {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    dayjs.locale(locale === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, values) => format(MESSAGES[locale][key], values),
    }),
    [locale, setLocale],
  );
  const reducedMotion = useReducedMotion();
  const theme = useMemo<ThemeConfig>(
    () => (reducedMotion ? { ...THEME, token: { ...THEME.token, motion: false } } : THEME),
    [reducedMotion],
  );
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider
        locale={locale === 'zh' ? zhCN : enUS}
        theme={theme}
        // “登录”, not “登 录”: the button's text (and accessible name) as written.
        button={{ autoInsertSpace: false }}
      >
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
