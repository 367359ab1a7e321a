// The administration area: a side menu of the sections the user's role may open, and the
// open section beside it. `/admin` alone opens the first of them; a section the role may not
// open (typed into the address bar) says so instead of showing the API's 403s.
import { Empty, Layout, Menu } from 'antd';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/useSession';
import { sectionsFor } from './sections';
import { useText } from './text';

export default function AdminLayout() {
  const text = useText();
  const session = useSession();
  const location = useLocation();
  const sections = sectionsFor(session?.user.role);
  const current = location.pathname.split('/')[2];
  const first = sections[0];
  if (!current && first) return <Navigate to={`/admin/${first.path}`} replace />;
  const allowed = sections.some((section) => section.path === current);

  return (
    <Layout className="admin-layout">
      <Layout.Sider theme="light" width={180} breakpoint="md" collapsedWidth={0}>
        <nav aria-label={text('admin.sections')}>
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={sections.map((section) => ({
              key: section.path,
              label: <Link to={`/admin/${section.path}`}>{text(section.label)}</Link>,
            }))}
          />
        </nav>
      </Layout.Sider>
      <Layout.Content className="admin-content">
        {allowed ? <Outlet /> : <Empty description={text('common.refused')} />}
      </Layout.Content>
    </Layout>
  );
}
