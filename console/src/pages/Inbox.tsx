// 待办: what the user owes next (GET /api/v1/tasks), overdue first, each due date as a
// countdown; a certification task opens that certification, where its form is.
import { useQuery } from '@tanstack/react-query';
import { Badge, Empty, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { tasksQuery } from '../api/queries';
import type { Task } from '../api/types';
import { DueDate } from '../components/DueDate';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';
import { TASK_LABELS, labelOf, TAG_COLORS } from '../i18n/labels';

function taskLink(task: Task): string | null {
  if (task.subject.type !== 'certification') return null;
  // The inspection has its own form; every other task is done on the certification's page.
  const page = `/certifications/${task.subject.id}`;
  return task.kind === 'RECORD_INSPECTION' ? `${page}/inspection` : page;
}

export default function Inbox() {
  const { t, locale } = useI18n();
  const tasks = useQuery({ ...tasksQuery, refetchInterval: 60_000 });

  return (
    <section aria-labelledby="inbox-title">
      <div className="page-toolbar">
        <h1 id="inbox-title">{t('inbox.title')}</h1>
        {tasks.data && (
          <Space>
            <Typography.Text>{t('inbox.total', { n: tasks.data.total })}</Typography.Text>
            {tasks.data.overdue > 0 && (
              <Badge status="error" text={t('inbox.overdueCount', { n: tasks.data.overdue })} />
            )}
          </Space>
        )}
      </div>
      {tasks.error ? (
        <LoadError error={tasks.error} retry={() => void tasks.refetch()} />
      ) : tasks.isPending ? (
        <div className="page-loading">
          <Spin />
        </div>
      ) : tasks.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
      ) : (
        // A plain list: antd's List would bring its pager (and the pager's select) to the
        // first page every user sees, for a list that is never paged.
        <ul className="task-list">
          {tasks.data.items.map((task) => {
            const link = taskLink(task);
            const title =
              task.subject.type === 'certification'
                ? `${labelOf(TASK_LABELS, locale, task.kind)} · ${task.subject.officeName}`
                : labelOf(TASK_LABELS, locale, task.kind);
            return (
              <li key={`${task.kind}:${task.subject.id}`} className="task-item">
                <Space>
                  {task.overdue && <Tag color={TAG_COLORS.alarm}>{t('inbox.overdue')}</Tag>}
                  {link ? <Link to={link}>{title}</Link> : title}
                </Space>
                <Typography.Text type="secondary" className="task-due">
                  {task.dueAt ? <DueDate at={task.dueAt} /> : t('inbox.noDue')}
                </Typography.Text>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
