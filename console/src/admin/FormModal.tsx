// A form in a dialog, as every create/edit of the administration pages uses it: submits
// through `submit`, puts a 400's `errors[]` on the fields they name (showProblem) and anything
// else — a 409 (username taken), a 422 naming no field of the form — in an alert above it; the
// dialog stays open with what was typed until the server accepts.
import type { FormInstance } from 'antd';
import { Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { showProblem } from '../api/problems';
import { useText } from './text';
import { Refusal } from './ui';

type FieldPath = (string | number)[];

export function FormModal<T extends object>(props: {
  title: string;
  open: boolean;
  onClose: () => void;
  /** The form's fields by path, for placing the server's errors. */
  fields: readonly FieldPath[];
  /** Resolves false to keep the dialog open as it is (the user cancelled a confirmation). */
  submit: (values: T) => Promise<unknown>;
  /** Called after the server accepted, before the dialog closes. */
  onDone?: () => void;
  okText?: string;
  initialValues?: Partial<T>;
  children: ReactNode | ((form: FormInstance<T>) => ReactNode);
}) {
  const text = useText();
  const [form] = Form.useForm<T>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setRefusal(null);
    form.resetFields();
    props.onClose();
  };

  const finish = async (values: T) => {
    setBusy(true);
    setRefusal(null);
    try {
      if ((await props.submit(values)) === false) return;
      props.onDone?.();
      close();
    } catch (error) {
      setRefusal(showProblem(form, error, props.fields));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={close}
      okText={props.okText ?? text('common.save')}
      cancelText={text('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: busy }}
      destroyOnHidden
      modalRender={(dialog) => (
        <Form<T>
          form={form}
          layout="vertical"
          initialValues={props.initialValues}
          onFinish={(values) => void finish(values)}
        >
          {dialog}
        </Form>
      )}
    >
      <Refusal message={refusal} />
      {typeof props.children === 'function' ? props.children(form) : props.children}
    </Modal>
  );
}
