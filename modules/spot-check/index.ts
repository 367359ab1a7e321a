// The spot-check module's public face: the sampling schedule's workflow type, for the
// operations code that keeps the schedule. Routes, activities and the workflow are wired in
// by the composition root (app/).
export { SPOT_CHECK_SAMPLING_WORKFLOW_TYPE } from './workflow';
