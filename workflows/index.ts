// The worker's workflow bundle entry point.
export { certificationWorkflow } from '../modules/certification/workflow';
export { dailyDigestWorkflow } from '../modules/notification/digest-workflow';
export { campaignWorkflow } from '../modules/campaign/workflow';
export {
  citySpotCheckDrawWorkflow,
  spotCheckSamplingWorkflow,
} from '../modules/spot-check/workflow';
