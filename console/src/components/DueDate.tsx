// A due date as people think of it: "2 days left" or "overdue by 3 hours", with the exact date
// and time beside it (China time, where every user of the system works).
import { Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export function countdown(
  dueAt: number,
  now: number,
): { overdue: boolean; days: number; hours: number; minutes: number } {
  const ms = Math.abs(dueAt - now);
  const minutes = Math.floor(ms / 60_000);
  return {
    overdue: dueAt < now,
    days: Math.floor(minutes / 1440),
    hours: Math.floor((minutes % 1440) / 60),
    minutes: minutes % 60,
  };
}

/** The current time, moving on every half minute so that countdowns stay true. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function DueDate({ at }: { at: string | number }) {
  const { t } = useI18n();
  const now = useNow();
  const due = typeof at === 'number' ? at : Date.parse(at);
  const left = countdown(due, now);
  const span =
    left.days > 0
      ? t('due.days', { n: left.days })
      : left.hours > 0
        ? t('due.hours', { n: left.hours })
        : t('due.minutes', { n: left.minutes });
  const exact = dayjs(due).format('YYYY-MM-DD HH:mm');
  return (
    <Tooltip title={exact}>
      <Typography.Text className={left.overdue ? 'overdue' : undefined}>
        {left.overdue ? t('due.ago', { t: span }) : t('due.in', { t: span })}
      </Typography.Text>{' '}
      <Typography.Text type="secondary">{exact}</Typography.Text>
    </Tooltip>
  );
}
