// 现场检查评分: the inspector's scoring form, generated from the criteria version the
// certification pinned when it was declared — each dimension with its items, the points each
// scored item is worth, mandatory items (judged here, or checked from the office's data) and
// veto items (一票否决). Beside it, a live total and pass/fail preview computed by the server's
// own evaluator on the office profile in effect on the inspection day. Sent to the inspection
// route; a field the API rejects shows its message on that item, a refusal its reason.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api, body, certificationBody } from '../api/client';
import { showProblem } from '../api/problems';
import { useSession } from '../auth/useSession';
import type { CriteriaItem } from '../domain';
import { allItems, chinaDate, commandRefusal } from '../domain';
import { useI18n } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/messages';
import { TAG_COLORS } from '../i18n/labels';
import type { ScoringValues } from '../inspection/scoring';
import { criteriaOf, inspectionRequest, judgedByInspector, preview } from '../inspection/scoring';
import { LoadError } from '../components/LoadError';

const TEXT = {
  zh: {
    title: '现场检查评分',
    criteria: '评分标准',
    version: '第 {v} 版',
    totalPoints: '满分',
    threshold: '合格线',
    inspectedOn: '检查日期',
    profile: '司法所基本情况',
    profileFrom: '{d} 起适用',
    noProfile: '该日期无司法所基本情况数据',
    max: '满分 {n} 分',
    mandatory: '必备条件',
    met: '已达到',
    veto: '一票否决',
    triggered: '发生',
    auto: '按基本情况自动核验',
    findings: '检查意见',
    preview: '评分预览',
    total: '总分',
    pass: '预计通过',
    fail: '预计不通过',
    previewNote: '与系统认定时使用同一评分规则计算；最终结果在作出认定决定时确定。',
    submit: '提交评分',
    back: '返回认定详情',
    refused: '未能提交',
    done: '评分已提交',
    notOffered: '当前无需或无权录入本认定的现场检查评分。',
    AUTO_MET: '达到',
    AUTO_NOT_MET: '未达到',
    AUTO_NOT_APPLICABLE: '不适用',
    AUTO_NO_DATA: '无数据',
  },
  en: {
    title: 'Inspection scores',
    criteria: 'Criteria',
    version: 'version {v}',
    totalPoints: 'Total points',
    threshold: 'Pass line',
    inspectedOn: 'Inspection date',
    profile: 'Office profile',
    profileFrom: 'in effect from {d}',
    noProfile: 'No office profile is recorded for this date',
    max: 'up to {n} points',
    mandatory: 'Mandatory',
    met: 'Met',
    veto: 'Veto',
    triggered: 'Occurred',
    auto: 'Checked from the office profile',
    findings: 'Findings',
    preview: 'Preview',
    total: 'Total',
    pass: 'Would pass',
    fail: 'Would not pass',
    previewNote:
      'Computed by the same rules the system decides with; the result is set when the check is decided.',
    submit: 'Submit the scores',
    back: 'Back to the certification',
    refused: 'Not submitted',
    done: 'Scores recorded',
    notOffered: 'There is no inspection for you to record on this certification now.',
    AUTO_MET: 'Met',
    AUTO_NOT_MET: 'Not met',
    AUTO_NOT_APPLICABLE: 'Not applicable',
    AUTO_NO_DATA: 'No data',
  },
} satisfies Record<Locale, Record<string, string>>;

type TextKey = keyof (typeof TEXT)['zh'];

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

const title = (item: { titleZh: string; titleEn: string }, locale: Locale) =>
  locale === 'zh' ? item.titleZh : item.titleEn;

export default function Inspection() {
  const { id = '' } = useParams();
  const { locale } = useI18n();
  const text = (key: TextKey, values: Record<string, string | number> = {}) =>
    fill(TEXT[locale][key], values);
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScoringValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [today] = useState(() => chinaDate(Date.now()));
  const values = Form.useWatch([], form) as ScoringValues | undefined;
  const inspectedOn = values?.inspectedOn || today;

  const certification = useQuery({
    queryKey: ['certification', id],
    queryFn: () =>
      certificationBody(api.GET('/api/v1/certifications/{id}', { params: { path: { id } } })),
  });
  const officeId = certification.data?.office.id ?? '';
  // The profile the server will attach for this day; none (404) leaves auto-checks without data.
  const profile = useQuery({
    queryKey: ['office-profile', officeId, inspectedOn],
    enabled: officeId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(inspectedOn),
    queryFn: () =>
      body(
        api.GET('/api/v1/offices/{officeId}/profile', {
          params: { path: { officeId }, query: { asOf: inspectedOn } },
        }),
      ).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
  });

  const criteria = useMemo(
    () => (certification.data ? criteriaOf(certification.data.state.criteria) : null),
    [certification.data],
  );
  const fieldNames = useMemo(
    () => [
      ...(criteria
        ? allItems(criteria).map((item) => [
            item.kind === 'SCORED' ? 'scores' : item.kind === 'MANDATORY' ? 'mandatory' : 'vetoes',
            item.code,
          ])
        : []),
      ['inspectedOn'],
      ['findings'],
    ],
    [criteria],
  );

  const submit = useMutation({
    mutationFn: (submitted: ScoringValues) => {
      if (!criteria) throw new Error('the criteria are not loaded');
      return certificationBody(
        api.POST('/api/v1/certifications/{id}/inspection', {
          params: { path: { id } },
          body: inspectionRequest(criteria, submitted),
        }),
      );
    },
    onSuccess: (updated) => {
      setRefusal(null);
      queryClient.setQueryData(['certification', id], updated);
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['certifications'] });
      void message.success(text('done'));
      void navigate(`/certifications/${id}`);
    },
    onError: (error) => {
      const rest = showProblem(form, error, fieldNames);
      setRefusal(error instanceof ApiError && error.status === 400 && rest === null ? null : rest);
    },
  });

  if (certification.error) {
    return <LoadError error={certification.error} retry={() => void certification.refetch()} />;
  }
  if (!certification.data || !criteria || !session) return <Card loading />;
  const { user } = session;
  const actor = { id: user.id, role: user.role, cityId: user.cityId, countyId: user.countyId };
  const state = certification.data.state;
  const offered =
    commandRefusal(state, 'RECORD_INSPECTION', actor, certification.dataUpdatedAt) === null;
  const decision = preview(criteria, profile.data?.values ?? null, values ?? {});
  const autoCheck = new Map(decision.autoChecks.map((check) => [check.item, check]));
  const dimensionScore = new Map(decision.perDimension.map((d) => [d.code, d]));
  const backLink = <Link to={`/certifications/${id}`}>{text('back')}</Link>;

  const itemField = (item: CriteriaItem) => {
    const label = title(item, locale);
    if (item.kind === 'SCORED') {
      return (
        <Form.Item
          key={item.code}
          name={['scores', item.code]}
          label={`${label}（${text('max', { n: item.maxPoints })}）`}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={item.maxPoints} step={0.5} />
        </Form.Item>
      );
    }
    if (!judgedByInspector(item)) {
      const check = autoCheck.get(item.code);
      return (
        <div key={item.code} className="inspection-auto">
          <Typography.Text strong>{label}</Typography.Text> <Tag>{text('mandatory')}</Tag>
          <Tag color={check?.met ? TAG_COLORS.done : TAG_COLORS.alarm}>
            {check ? text(`AUTO_${check.status}`) : text('AUTO_NO_DATA')}
          </Tag>
          <br />
          <Typography.Text type="secondary">
            {text('auto')}
            {check ? `：${locale === 'zh' ? check.reason.zh : check.reason.en}` : ''}
          </Typography.Text>
        </div>
      );
    }
    const mandatory = item.kind === 'MANDATORY';
    return (
      <Form.Item
        key={item.code}
        name={[mandatory ? 'mandatory' : 'vetoes', item.code]}
        label={`${label}（${text(mandatory ? 'mandatory' : 'veto')}）`}
        valuePropName="checked"
      >
        <Switch checkedChildren={text(mandatory ? 'met' : 'triggered')} unCheckedChildren="—" />
      </Form.Item>
    );
  };

  return (
    <section aria-labelledby="inspection-title" className="inspection-page">
      <div className="page-toolbar">
        <h1 id="inspection-title">
          {text('title')} · {certification.data.office.name}
        </h1>
        {backLink}
      </div>
      {!offered ? (
        <Alert type="info" showIcon title={text('notOffered')} />
      ) : (
        <Form<ScoringValues>
          form={form}
          layout="vertical"
          aria-labelledby="inspection-title"
          initialValues={{ inspectedOn: today }}
          onFinish={(submitted) => submit.mutate(submitted)}
        >
          <div className="inspection-layout">
            <Space direction="vertical" size="middle" className="inspection-items">
              {refusal && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title={text('refused')}
                  description={refusal}
                />
              )}
              <Card title={<h2 className="card-heading">{text('criteria')}</h2>}>
                <Descriptions column={{ xs: 1, md: 3 }} size="small">
                  <Descriptions.Item label={text('criteria')} span={3}>
                    {title(criteria, locale)}（{text('version', { v: criteria.version })}）
                  </Descriptions.Item>
                  <Descriptions.Item label={text('totalPoints')}>
                    {criteria.totalPoints}
                  </Descriptions.Item>
                  <Descriptions.Item label={text('threshold')}>
                    {criteria.passThreshold}
                  </Descriptions.Item>
                  <Descriptions.Item label={text('profile')}>
                    {profile.data
                      ? text('profileFrom', { d: profile.data.effectiveFrom })
                      : profile.isPending
                        ? '…'
                        : text('noProfile')}
                  </Descriptions.Item>
                </Descriptions>
                <Form.Item
                  name="inspectedOn"
                  label={text('inspectedOn')}
                  rules={[{ required: true }]}
                >
                  <Input type="date" max={today} className="inspection-date" />
                </Form.Item>
              </Card>
              {criteria.dimensions.map((dimension) => {
                const score = dimensionScore.get(dimension.code);
                return (
                  <Card
                    key={dimension.code}
                    title={
                      <h2 className="card-heading">
                        {title(dimension, locale)}
                        {score && score.maxPoints > 0 && (
                          <Typography.Text type="secondary">
                            {' '}
                            {score.score} / {score.maxPoints}
                          </Typography.Text>
                        )}
                      </h2>
                    }
                  >
                    {dimension.items.map(itemField)}
                  </Card>
                );
              })}
              <Card>
                <Form.Item name="findings" label={text('findings')}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={submit.isPending}>
                  {text('submit')}
                </Button>
              </Card>
            </Space>
            <aside aria-labelledby="inspection-preview" className="inspection-preview">
              <Card
                title={
                  <h2 id="inspection-preview" className="card-heading">
                    {text('preview')}
                  </h2>
                }
              >
                <div role="status" aria-live="polite">
                  <p className="inspection-total">
                    {text('total')} <strong>{decision.total}</strong> / {decision.totalPoints}
                    <Typography.Text type="secondary">
                      {' '}
                      （{text('threshold')} {decision.passThreshold}）
                    </Typography.Text>
                  </p>
                  <Tag color={decision.passed ? TAG_COLORS.done : TAG_COLORS.alarm}>
                    {decision.passed ? text('pass') : text('fail')}
                  </Tag>
                  {decision.reasons.length > 0 && (
                    <ul className="inspection-reasons">
                      {decision.reasons.map((reason) => (
                        <li key={reason.en}>{locale === 'zh' ? reason.zh : reason.en}</li>
                      ))}
                    </ul>
                  )}
                </div>
                <Typography.Paragraph type="secondary">{text('previewNote')}</Typography.Paragraph>
              </Card>
            </aside>
          </div>
        </Form>
      )}
    </section>
  );
}
