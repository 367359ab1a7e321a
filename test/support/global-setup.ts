// Bundles the workflow code once for the whole test run (each Worker.create would otherwise
// spend seconds bundling it again) and checks that the Temporal tools are in place.
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { tools } from './tools';

export default async function globalSetup(): Promise<void> {
  tools();
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fq-workflows-'));
  const file = path.join(dir, 'workflow-bundle.js');
  writeFileSync(file, code);
  process.env.FQ_WORKFLOW_BUNDLE = file;
}
