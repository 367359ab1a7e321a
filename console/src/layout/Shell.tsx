// The frame around every logged-in page: the menu the user's role may use, who is logged in
// and for which county (or the whole city), the language switch and logout.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useCity, useCountyName } from '../api/queries';
import type { Role } from '../api/types';
import { endSession } from '../auth/session';
import { useSession } from '../auth/useSession';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { LanguageSwitch } from './LanguageSwitch';

const ALL: readonly Role[] = ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'INSPECTOR', 'CITY_ADMIN'];
/** Who reads progress and dashboards: everyone but inspectors (they see assigned work only). */
const OVERSIGHT: readonly Role[] = ['COUNTY_OPERATOR', 'CITY_REVIEWER', 'CITY_ADMIN'];

/** The console's sections, each for the roles that have work there. */
const NAV: { path: string; label: MessageKey; roles: readonly Role[] }[] = [
  { path: '/', label: 'nav.inbox', roles: ALL },
  { path: '/dashboard', label: 'nav.dashboard', roles: OVERSIGHT },
  { path: '/certifications', label: 'nav.certifications', roles: ALL },
  { path: '/offices', label: 'nav.offices', roles: ALL },
  { path: '/admin', label: 'nav.admin', roles: ALL },
  { path: '/campaigns', label: 'nav.campaigns', roles: OVERSIGHT },
  { path: '/registry', label: 'nav.registry', roles: ALL },
];

function selectedKey(pathname: string): string {
  const match = NAV.filter((item) => item.path !== '/' && pathname.startsWith(item.path));
  return match[0]?.path ?? '/';
}

export default function Shell() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const city = useCity();
  const countyName = useCountyName();
  if (!session) return null;
  const { user } = session;

  const logout = () => {
    endSession();
    // Nothing of this user's data or messages stays in the page for the next one.
    queryClient.clear();
    message.destroy();
    void navigate('/login', { replace: true });
  };

  return (
    <Layout>
      <Layout.Header className="shell-header">
        <p className="shell-title">{t('appName')}</p>
        <nav aria-label={t('appName')} className="shell-menu">
          <Menu
            mode="horizontal"
            selectedKeys={[selectedKey(location.pathname)]}
            items={NAV.filter((item) => item.roles.includes(user.role)).map((item) => ({
              key: item.path,
              label: <Link to={item.path}>{t(item.label)}</Link>,
            }))}
          />
        </nav>
        <Space size="small" wrap={false}>
          <Typography.Text data-testid="shell-user">
            {user.displayName}
            {' · '}
            {city.data?.name}
            {user.countyId ? ` ${countyName(user.countyId)}` : ` ${t('shell.city')}`}
          </Typography.Text>
          <Tag>{t(`role.${user.role}`)}</Tag>
          <LanguageSwitch />
          <Button onClick={logout}>{t('shell.logout')}</Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="shell-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
