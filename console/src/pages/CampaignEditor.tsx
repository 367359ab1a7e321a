// The guided campaign editor (city admin): name, dates and criteria; the phases as data —
// any number, each named, with its own report duties due once, yearly or quarterly; the
// reminders; the targets and milestones; the deadlines and the escalation chain the API
// accepts. Creates with POST /campaigns or, for a PLANNED campaign, edits with PATCH; a 400's
// errors appear next to the fields they name (phases.1.duties.0.schedule.dueOn included).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Spin,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, body } from '../api/client';
import type { components } from '../api/schema';
import type { EditorValues, Every } from '../campaigns/editor-model';
import {
  DURATION_FIELDS,
  ESCALATION_FUNCTIONS,
  KNOWN_PHASES,
  KNOWN_PHASE_TITLES,
  REPORT_KINDS,
  blankCampaign,
  formPathOf,
  fromCampaign,
  toBody,
} from '../campaigns/editor-model';
import { placeProblem } from '../campaigns/problems';
import { useText } from '../campaigns/texts';
import type { Campaign } from '../campaigns/types';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';

type CriteriaVersion = components['schemas']['CriteriaVersionSummary'];

const required = [{ required: true, whitespace: true }];
const EVERY: Every[] = ['ONCE', 'YEAR', 'QUARTER'];

/** One report duty of a phase: its kind, how often, and the due date fields that go with it. */
function DutyFields({ phase, duty, remove }: { phase: number; duty: number; remove: () => void }) {
  const t = useText();
  const every = Form.useWatch(['phases', phase, 'duties', duty, 'every']) as Every | undefined;
  const label = t('editor.duty', { p: phase + 1, n: duty + 1 });
  return (
    <fieldset className="editor-duty" aria-label={label}>
      <legend className="editor-legend">{label}</legend>
      <Space wrap align="start">
        <Form.Item name={[duty, 'kind']} label={t('editor.dutyKind')} rules={required}>
          <Select
            className="editor-select"
            options={REPORT_KINDS.map((kind) => ({ value: kind, label: t(`report.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item name={[duty, 'every']} label={t('editor.every')} rules={required}>
          <Select
            className="editor-select-small"
            options={EVERY.map((value) => ({ value, label: t(`editor.every.${value}`) }))}
          />
        </Form.Item>
        {every === 'ONCE' && (
          <Form.Item name={[duty, 'dueOn']} label={t('editor.dueOn')} rules={required}>
            <Input type="date" />
          </Form.Item>
        )}
        {every === 'YEAR' && (
          <Form.Item name={[duty, 'dueMonthDay']} label={t('editor.dueMonthDay')} rules={required}>
            <Input placeholder="01-31" />
          </Form.Item>
        )}
        {every === 'QUARTER' && (
          <Form.Item
            name={[duty, 'daysAfterQuarterEnd']}
            label={t('editor.daysAfterQuarterEnd')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={90} />
          </Form.Item>
        )}
        <Form.Item name={[duty, 'note']} label={t('editor.note')}>
          <Input />
        </Form.Item>
        <Button onClick={remove} aria-label={`${t('editor.removeDuty')} ${duty + 1}`}>
          {t('editor.remove')}
        </Button>
      </Space>
    </fieldset>
  );
}

function PhaseCard({ index, remove }: { index: number; remove: () => void }) {
  const t = useText();
  const { locale } = useI18n();
  const label = t('editor.phase', { n: index + 1 });
  // A well-known code has a title of its own: shown as the name's placeholder.
  const kind = Form.useWatch(['phases', index, 'kind']) as string | undefined;
  const known = kind ? KNOWN_PHASE_TITLES[kind.trim()] : undefined;
  return (
    <fieldset className="editor-phase" aria-label={label}>
      <legend className="editor-legend">{label}</legend>
      <Space wrap align="start">
        <Form.Item
          name={[index, 'kind']}
          label={t('editor.phaseKind')}
          tooltip={t('editor.phaseKindHelp')}
          rules={required}
        >
          <AutoComplete
            className="editor-select"
            options={KNOWN_PHASES.map((kind) => ({ value: kind }))}
          />
        </Form.Item>
        <Form.Item name={[index, 'name']} label={t('editor.phaseName')}>
          <Input placeholder={known ? known[locale] : undefined} />
        </Form.Item>
        <Form.Item name={[index, 'startsOn']} label={t('editor.startsOn')} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name={[index, 'endsOn']} label={t('editor.endsOn')} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Button danger onClick={remove}>
          {t('editor.removePhase', { n: index + 1 })}
        </Button>
      </Space>
      <Form.List name={[index, 'duties']}>
        {(duties, { add, remove: removeDuty }) => (
          <>
            {duties.map((duty) => (
              <DutyFields
                key={duty.key}
                phase={index}
                duty={duty.name}
                remove={() => removeDuty(duty.name)}
              />
            ))}
            <Button onClick={() => add({ kind: 'QUARTERLY_PROGRESS', every: 'QUARTER' })}>
              {t('editor.addDuty')}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

function EditorForm({ initial, campaign }: { initial: EditorValues; campaign?: Campaign }) {
  const t = useText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditorValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const cityMode = Form.useWatch(['targets', 'cityMode'], form) ?? initial.targets.cityMode;

  const criteria = useQuery({
    queryKey: ['criteria-sets'],
    queryFn: () =>
      body<{ items: CriteriaVersion[] }>(api.GET('/api/v1/criteria-sets', {})).then((r) => r.items),
  });

  const save = useMutation({
    mutationFn: (values: EditorValues) => {
      const payload = toBody(values, campaign);
      return campaign
        ? body<Campaign>(
            api.PATCH('/api/v1/campaigns/{id}', {
              params: { path: { id: campaign.id } },
              body: payload,
            }),
          )
        : body<Campaign>(api.POST('/api/v1/campaigns', { body: payload }));
    },
    onSuccess: (saved) => {
      setRefusal(null);
      queryClient.setQueryData(['campaign', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      void message.success(t('editor.saved'));
      void navigate(`/campaigns/${saved.id}`);
    },
    onError: (error) => setRefusal(placeProblem(form, error, formPathOf)),
  });

  return (
    <Form<EditorValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(values) => save.mutate(values)}
      aria-label={campaign ? t('editor.editTitle') : t('editor.newTitle')}
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('editor.refused')}
          description={refusal}
        />
      )}
      <Card title={<h2 className="card-heading">{t('editor.basics')}</h2>}>
        <Form.Item name="name" label={t('editor.name')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="criteriaVersionId" label={t('editor.criteria')} rules={required}>
            <Select
              className="editor-select-wide"
              loading={criteria.isPending}
              options={(criteria.data ?? []).map((version) => ({
                value: version.id,
                label: `${version.titleZh}（${version.id}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="startsOn" label={t('editor.startsOn')} rules={required}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endsOn" label={t('editor.endsOn')} rules={required}>
            <Input type="date" />
          </Form.Item>
        </Space>
      </Card>

      <Card title={<h2 className="card-heading">{t('editor.phases')}</h2>}>
        <Form.List name="phases">
          {(phases, { add, remove }) => (
            <>
              {phases.map((phase) => (
                <PhaseCard key={phase.key} index={phase.name} remove={() => remove(phase.name)} />
              ))}
              <div className="editor-add">
                <Button onClick={() => add({ kind: '', duties: [] })}>
                  {t('editor.addPhase')}
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Form.Item
          name="reminderOffsets"
          label={t('editor.reminders')}
          extra={t('editor.remindersHelp')}
        >
          <Select mode="tags" className="editor-select-wide" tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
      </Card>

      <Card title={<h2 className="card-heading">{t('editor.targets')}</h2>}>
        <Space wrap align="start">
          <Form.Item name={['targets', 'cityMode']} label={t('editor.cityMode')}>
            <Radio.Group
              options={[
                { value: 'share', label: t('editor.cityMode.share') },
                { value: 'count', label: t('editor.cityMode.count') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name={['targets', 'cityValue']}
            label={t('editor.cityValue')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={cityMode === 'share' ? 100 : 1_000_000} />
          </Form.Item>
          <Form.Item name={['targets', 'signingRate']} label={t('editor.signingRate')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
        <Form.List name={['targets', 'milestones']}>
          {(milestones, { add, remove }) => (
            <>
              {milestones.map((milestone) => {
                const label = t('editor.milestone', { n: milestone.name + 1 });
                return (
                  <fieldset key={milestone.key} className="editor-duty" aria-label={label}>
                    <legend className="editor-legend">{label}</legend>
                    <Space wrap align="start">
                      <Form.Item
                        name={[milestone.name, 'date']}
                        label={t('editor.milestoneDate')}
                        rules={required}
                      >
                        <Input type="date" />
                      </Form.Item>
                      <Form.Item
                        name={[milestone.name, 'percent']}
                        label={t('editor.milestonePercent')}
                        rules={[{ required: true }]}
                      >
                        <InputNumber min={0} max={100} />
                      </Form.Item>
                      <Form.Item
                        name={[milestone.name, 'label']}
                        label={t('editor.milestoneLabel')}
                      >
                        <Input />
                      </Form.Item>
                      <Button onClick={() => remove(milestone.name)}>{t('editor.remove')}</Button>
                    </Space>
                  </fieldset>
                );
              })}
              <Button onClick={() => add({ percent: 50 })}>{t('editor.addMilestone')}</Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card title={<h2 className="card-heading">{t('editor.durations')}</h2>}>
        <Space wrap align="start">
          {DURATION_FIELDS.map((field) => (
            <Form.Item
              key={field}
              name={['config', field]}
              label={t(`editor.${field}`)}
              tooltip={t('editor.durationHelp')}
              rules={required}
            >
              <Input className="editor-duration" />
            </Form.Item>
          ))}
          <Form.Item
            name={['config', 'maxVerificationAttempts']}
            label={t('editor.maxVerificationAttempts')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={10} />
          </Form.Item>
        </Space>
        <Form.Item
          name={['config', 'escalationChain']}
          label={t('editor.escalationChain')}
          rules={[{ required: true }]}
        >
          <Select
            mode="multiple"
            className="editor-select-wide"
            options={ESCALATION_FUNCTIONS.map((value) => ({
              value,
              label: t(`escalate.${value}`),
            }))}
          />
        </Form.Item>
      </Card>

      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {campaign ? t('editor.save') : t('editor.create')}
      </Button>
    </Form>
  );
}

export default function CampaignEditor() {
  const t = useText();
  const { id } = useParams();
  const today = dayjs().format('YYYY-MM-DD');
  const campaign = useQuery({
    queryKey: ['campaign', id],
    queryFn: () =>
      body<Campaign>(api.GET('/api/v1/campaigns/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });
  const title = id ? t('editor.editTitle') : t('editor.newTitle');
  return (
    <section aria-labelledby="editor-title" className="editor-page">
      <div className="page-toolbar">
        <h1 id="editor-title">
          {title}
          {campaign.data ? ` · ${campaign.data.name}` : ''}
        </h1>
      </div>
      {!id && <EditorForm initial={blankCampaign(today)} />}
      {id && campaign.error && (
        <LoadError error={campaign.error} retry={() => void campaign.refetch()} />
      )}
      {id && campaign.isPending && <Spin />}
      {id && campaign.data && (
        <EditorForm initial={fromCampaign(campaign.data, today)} campaign={campaign.data} />
      )}
    </section>
  );
}
