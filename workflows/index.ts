// The worker's workflow bundle entry point.
export { certificationWorkflow } from './certification';
export { dailyDigestWorkflow } from './digest';
export { campaignWorkflow } from './campaign';
export {
  citySpotCheckDrawWorkflow,
  spotCheckSamplingWorkflow,
} from '../modules/spot-check/workflow';
