/** The energy area's two screens as tabs: 能源管理 (/energy) and 电量核对 (/energy/reconciliation). */
import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';

const TABS: readonly { id: 'energy' | 'energy-reconciliation'; path: string; label: MessageKey }[] = [
  { id: 'energy', path: '/energy', label: 'nav.energy' },
  { id: 'energy-reconciliation', path: '/energy/reconciliation', label: 'nav.energyReconciliation' },
];

export function EnergyTabs(props: {
  current: (typeof TABS)[number]['id'];
  onNavigate: (path: string) => void;
}) {
  const { t } = useI18n();
  const open = (event: MouseEvent<HTMLAnchorElement>, path: string) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    props.onNavigate(path);
  };
  return (
    <nav className="tabs energy-tabs" aria-label={t('nav.energy')}>
      {TABS.map((tab) => (
        <a
          key={tab.id}
          className="tab"
          href={tab.path}
          aria-current={tab.id === props.current ? 'page' : undefined}
          onClick={(e) => open(e, tab.path)}
        >
          {t(tab.label)}
        </a>
      ))}
    </nav>
  );
}
