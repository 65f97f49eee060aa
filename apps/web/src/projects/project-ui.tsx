/** Shared by the 重点项目 screens and the enterprise and parcel profiles: a project's stage badge and its path. */
import type { ProjectStage } from '@park/contracts';
import { useI18n } from '../i18n/i18n-context';
import { STAGE_LABELS } from './project-form';

export const projectPath = (id: string) => `/projects/${encodeURIComponent(id)}`;

export function StageBadge({ stage }: { stage: ProjectStage }) {
  const { t } = useI18n();
  return (
    <span className={`project-stage project-stage--${stage}`} data-stage={stage}>
      {t(STAGE_LABELS[stage])}
    </span>
  );
}
