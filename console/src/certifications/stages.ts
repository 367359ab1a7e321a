// Which of seed 003's five stages (申报 → 创建 → 验收 → 命名授牌 → 动态管理) a certification is
// in, for the detail page's steps; a rejected, withdrawn or revoked one stops, marked failed, at
// the stage it had reached.
import type { Certification } from '../api/types';
import type { Status } from '../i18n/labels';

const STAGE_OF: Partial<Record<Status, number>> = {
  DECLARED: 0,
  BUILDING: 1,
  VERIFYING: 2,
  CERTIFIED: 3,
  RECTIFYING: 4,
};

export function stageOf(certification: Pick<Certification, 'status' | 'state' | 'timeline'>): {
  current: number;
  failed: boolean;
} {
  const { status, state } = certification;
  if (status === 'CERTIFIED') {
    const managed = state.rechecksOpened > 0 || state.openCheck !== null;
    return { current: managed ? 4 : 3, failed: false };
  }
  const live = STAGE_OF[status];
  if (live !== undefined) return { current: live, failed: false };
  if (status === 'REVOKED') return { current: 4, failed: true };
  // Rejected or withdrawn: the stage of the status it left.
  const last = certification.timeline[certification.timeline.length - 1];
  // (The timeline's statuses are plain strings in the contract; an unknown one has no stage.)
  const from = last?.fromStatus ? (STAGE_OF as Record<string, number>)[last.fromStatus] : undefined;
  return { current: from ?? 0, failed: true };
}
