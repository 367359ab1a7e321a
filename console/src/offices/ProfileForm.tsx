// Records an office's measured facts from a date (POST /api/v1/offices/:id/profiles): county
// operators, city reviewers and admins. Append-only: a correction is a new record with a note,
// so the form starts from the profile in effect and the history keeps the old one. The server
// checks the figures against each other (auxiliary staff within the total, a Party branch
// needs three members…) and its messages land on the fields they name.
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { App, DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { api } from '../api/client';
import type { Schema } from '../admin/api';
import { read } from '../admin/api';
import { FormModal } from '../admin/FormModal';
import type { TextKey } from '../admin/text';
import { useCodeText, useText } from '../admin/text';

type Values = Schema<'OfficeProfile'>['values'];
interface ProfileInput {
  effectiveFrom: Dayjs;
  values: Values;
  note?: string;
}

/** The numeric fields by path, with their labels. */
const NUMBERS: [string[], TextKey][] = [
  [['values', 'population'], 'profile.population'],
  [['values', 'premisesAreaM2'], 'profile.premises'],
  [['values', 'exclusivePremisesAreaM2'], 'profile.exclusivePremises'],
  [['values', 'staff', 'total'], 'profileForm.staffTotal'],
  [['values', 'staff', 'fullTimeAuxiliary'], 'profileForm.staffAuxiliary'],
  [['values', 'staff', 'legalQualified'], 'profileForm.staffLegal'],
  [['values', 'party', 'members'], 'profileForm.partyMembers'],
  [['values', 'training', 'days'], 'profileForm.trainingDays'],
  [['values', 'training', 'hours'], 'profileForm.trainingHours'],
  [['values', 'mediation', 'cases'], 'profileForm.mediationCases'],
  [['values', 'mediation', 'successful'], 'profileForm.mediationSuccessful'],
  [['values', 'communityCorrection', 'supervised'], 'profileForm.correctionSupervised'],
  [['values', 'communityCorrection', 'lostSupervision'], 'profileForm.correctionLost'],
];
const FIELDS = [
  ['effectiveFrom'],
  ['note'],
  ['values', 'officeType'],
  ['values', 'party', 'hasBranch'],
  ...NUMBERS.map(([path]) => path),
];

export function ProfileForm(props: {
  office: Schema<'Office'>;
  open: boolean;
  onClose: () => void;
}) {
  const text = useText();
  const codeText = useCodeText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { office } = props;
  const current = office.profile?.values;

  return (
    <FormModal<ProfileInput>
      title={text('profileForm.title', { name: office.name })}
      open={props.open}
      onClose={props.onClose}
      fields={FIELDS}
      initialValues={{
        effectiveFrom: dayjs(),
        values: current ?? ({ officeType: office.type, party: { hasBranch: false } } as Values),
      }}
      submit={async ({ effectiveFrom, values, note }) => {
        await read(
          api.POST('/api/v1/offices/{officeId}/profiles', {
            params: { path: { officeId: office.id } },
            body: {
              effectiveFrom: effectiveFrom.format('YYYY-MM-DD'),
              values,
              note: note?.trim() || undefined,
            },
          }),
        );
        void message.success(text('common.saved'));
      }}
      onDone={() => void queryClient.invalidateQueries({ queryKey: ['office', office.id] })}
    >
      <Form.Item
        name="effectiveFrom"
        label={text('profile.effectiveFrom')}
        rules={[{ required: true }]}
      >
        <DatePicker />
      </Form.Item>
      <Form.Item
        name={['values', 'officeType']}
        label={text('offices.type')}
        rules={[{ required: true }]}
      >
        <Select
          options={(['STREET', 'TOWNSHIP'] as const).map((code) => ({
            value: code,
            label: codeText('type', code),
          }))}
        />
      </Form.Item>
      {NUMBERS.map(([path, label]) => (
        <Form.Item
          key={path.join('.')}
          name={path}
          label={text(label)}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} className="page-stack" />
        </Form.Item>
      ))}
      <Form.Item
        name={['values', 'party', 'hasBranch']}
        label={text('profileForm.hasBranch')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item name="note" label={text('profile.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}
