// The city admin imports offices from a CSV file (POST /api/v1/offices/import, text/csv). The
// import is all or nothing: when any row is wrong nothing is written and the answer names each
// bad row and column, shown here as a table the clerk can work through in the spreadsheet;
// when every row is right the page says how many offices arrived, per county.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UploadFile } from 'antd';
import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../api/client';
import type { ImportRowReport, Schema } from '../admin/api';
import { importRows, read } from '../admin/api';
import { useText } from '../admin/text';

interface ReportLine {
  key: string;
  row: number | null;
  code: string | null;
  column: string;
  message: string;
}

/** One line per reason: row, code, the column at fault ('—' for the row as a whole). */
function reportLines(rows: ImportRowReport[]): ReportLine[] {
  return rows.flatMap((row) =>
    row.reasons.map((reason, index) => ({
      key: `${row.row}-${index}`,
      row: row.row,
      code: row.code,
      column: reason.field === 'row' ? '—' : reason.field,
      message: reason.message,
    })),
  );
}

/** A file refused as a whole (400: a missing column, no rows, not UTF-8…): its errors as lines. */
function fileLines(error: ApiError): ReportLine[] {
  return (error.problem.errors ?? []).map((item, index) => ({
    key: `file-${index}`,
    row: null,
    code: null,
    column: item.field,
    message: item.message,
  }));
}

export default function OfficeImport() {
  const text = useText();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);

  const upload = useMutation({
    mutationFn: async (chosen: File) =>
      read(
        api.POST('/api/v1/offices/import', {
          body: await chosen.text(),
          // The route takes the file as it is: text/csv, not a JSON string of it.
          bodySerializer: (csv) => csv as string,
          headers: { 'Content-Type': 'text/csv' },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['offices'] });
      void queryClient.invalidateQueries({ queryKey: ['counties'] });
      void queryClient.invalidateQueries({ queryKey: ['city'] });
    },
  });

  const error = upload.error;
  const rows = importRows(error);
  const lines = rows ? reportLines(rows) : error instanceof ApiError ? fileLines(error) : [];
  const result: Schema<'OfficeImportResult'> | undefined = upload.data;
  const fileList: UploadFile[] = file
    ? [{ uid: 'chosen', name: file.name, status: 'done', size: file.size }]
    : [];

  return (
    <Card title={<h1 className="card-heading">{text('import.title')}</h1>}>
      <Space orientation="vertical" size="middle" className="page-stack">
        <Typography.Paragraph>{text('import.intro')}</Typography.Paragraph>
        <Space wrap align="start">
          <Upload
            accept=".csv,text/csv"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(chosen) => {
              setFile(chosen);
              upload.reset();
              // Kept in the page, sent by the import button (antd would otherwise post it).
              return false;
            }}
            onRemove={() => {
              setFile(null);
              upload.reset();
            }}
          >
            <Button>{text('import.choose')}</Button>
          </Upload>
          <Button
            type="primary"
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate(file)}
          >
            {text('import.submit')}
          </Button>
        </Space>

        {result && (
          <>
            <Alert
              type="success"
              showIcon
              role="status"
              title={text('import.done', { offices: result.offices, profiles: result.profiles })}
              action={<Link to="/offices">{text('import.viewOffices')}</Link>}
            />
            <Table<Schema<'OfficeImportResult'>['byCounty'][number]>
              rowKey="countyCode"
              size="small"
              pagination={false}
              title={() => text('import.byCounty')}
              dataSource={result.byCounty}
              columns={[
                { title: text('import.countyCode'), dataIndex: 'countyCode' },
                { title: text('import.count'), dataIndex: 'offices' },
              ]}
            />
          </>
        )}

        {error && (
          <>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={text('import.refused')}
              description={error instanceof Error ? error.message : String(error)}
            />
            {lines.length > 0 && (
              <Table<ReportLine>
                rowKey="key"
                size="small"
                pagination={lines.length > 50 ? { pageSize: 50 } : false}
                title={() => <h2 className="table-heading">{text('import.report')}</h2>}
                dataSource={lines}
                columns={[
                  {
                    title: text('import.row'),
                    dataIndex: 'row',
                    render: (value: number | null) => value ?? '—',
                  },
                  {
                    title: text('offices.code'),
                    dataIndex: 'code',
                    render: (value: string | null) => value ?? '—',
                  },
                  { title: text('import.column'), dataIndex: 'column' },
                  { title: text('import.message'), dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
