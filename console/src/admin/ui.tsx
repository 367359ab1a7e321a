// Small pieces the offices and administration pages share: the pager of a cursor-paged list,
// the alert above a form that shows what the server refused, a confirmation before anything
// that cannot be undone, and dates in the bureau's format.
import { Alert, App, Button, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useText } from './text';

export const dateTime = (value: string | null | undefined): string =>
  value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';

export function CursorPager(props: {
  page: number;
  nextCursor: string | null | undefined;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}) {
  const text = useText();
  const { nextCursor } = props;
  return (
    <Space className="cursor-pager">
      <Button disabled={props.page <= 1} onClick={props.onPrevious}>
        {text('common.previous')}
      </Button>
      <Typography.Text>{text('common.page', { n: props.page })}</Typography.Text>
      <Button disabled={!nextCursor} onClick={() => nextCursor && props.onNext(nextCursor)}>
        {text('common.next')}
      </Button>
    </Space>
  );
}

/** What the server said no to, above the form (null: nothing to show). */
export function Refusal({ message }: { message: string | null }) {
  const text = useText();
  if (!message) return null;
  return (
    <Alert
      className="form-refusal"
      type="error"
      showIcon
      role="alert"
      title={text('common.refused')}
      description={message}
    />
  );
}

/**
 * Asks before an action that cannot be undone (disable, revoke, start checks); resolves true
 * when the user confirms. The confirm button is red and says what it does.
 */
export function useConfirm(): (options: {
  title: string;
  content: ReactNode;
  okText: string;
}) => Promise<boolean> {
  const { modal } = App.useApp();
  const text = useText();
  return ({ title, content, okText }) =>
    new Promise((resolve) => {
      modal.confirm({
        title,
        content,
        okText,
        cancelText: text('common.cancel'),
        okButtonProps: { danger: true },
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
}
