import { translate, type MessageKey, type MessageParams } from '../i18n/messages';
import {
  AUDIT_ENTITY_TYPES,
  auditChangeLines,
  auditRecordName,
  auditRecordPath,
  auditValueText,
  entityTypeLabel,
} from './audit-fields';

const t = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);

describe('audit entries in words', () => {
  it('labels the fields of the enterprise page as before, in the form order, and hides bookkeeping', () => {
    const lines = auditChangeLines({
      id: { from: null, to: 'x' },
      highTech: { from: false, to: true },
      name: { from: 'a', to: 'b' },
      revenue: { from: 1, to: 2 },
      zzz: { from: 1, to: 2 },
    });
    expect(lines.map((l) => l.field)).toEqual([
      'records.col.name',
      'records.flag.highTech',
      'records.indicator.revenue',
      'audit.field.other',
    ]);
  });

  it('labels every record type in Chinese, and a parcel’s fields with their units', () => {
    for (const type of AUDIT_ENTITY_TYPES) expect(t(entityTypeLabel(type))).toMatch(/[\u4e00-\u9fff]/);
    const [area] = auditChangeLines({ areaMu: { from: 12.5, to: 13 } }, 'parcel');
    expect(t(area.field)).toBe('面积');
    expect(auditValueText(area.from, area, t, 'zh-CN')).toBe('12.5 亩');
    const [revenue] = auditChangeLines({ revenue: { from: '1200.50', to: 1300 } }, 'indicator');
    expect(auditValueText(revenue.from, revenue, t, 'zh-CN')).toBe('1,200.5 万元');
  });

  it('writes values in words: empty, yes/no, roles, departments, times without milliseconds', () => {
    const role = { name: 'role', unit: null };
    expect(auditValueText('staff', role, t, 'zh-CN')).toBe('园区工作人员');
    expect(auditValueText('planning', { name: 'department', unit: null }, t, 'zh-CN')).toBe('规划建设局');
    expect(auditValueText(null, role, t, 'zh-CN')).toBe('空');
    expect(auditValueText(true, { name: 'enabled', unit: null }, t, 'zh-CN')).toBe('是');
    expect(auditValueText('2026-12-07T07:31:05.123Z', { name: 'startsAt', unit: null }, t, 'zh-CN')).toBe(
      '2026-12-07 15:31:05',
    );
    expect(auditValueText('(secret changed)', { name: 'passwordHash', unit: null }, t, 'zh-CN')).toBe(
      '（已更改，不显示）',
    );
  });

  it('names the record and links to its page', () => {
    const entry = {
      entityType: 'indicator',
      entityId: '6f1c2d3e-0000-4000-8000-000000000001',
      enterpriseId: '6f1c2d3e-0000-4000-8000-0000000000e1',
      changes: {},
      recordName: '2025',
      enterpriseName: '启东示范化工有限公司',
    };
    expect(auditRecordName(entry, t)).toBe('启东示范化工有限公司 · 2025 年');
    expect(auditRecordPath(entry)).toBe('/enterprises/6f1c2d3e-0000-4000-8000-0000000000e1');
    const parcel = {
      ...entry,
      entityType: 'parcel',
      enterpriseId: null,
      enterpriseName: null,
      recordName: 'QD-01 北区',
    };
    expect(auditRecordName(parcel, t)).toBe('QD-01 北区');
    expect(auditRecordPath(parcel)).toBe(`/parcels/${entry.entityId}`);
    const admission = { ...parcel, entityType: 'admission', entityId: '2614', recordName: null };
    expect(auditRecordName(admission, t)).toBe('2614');
    expect(auditRecordPath(admission)).toBe('/carriers?tab=admission'); // the 准入清单 tab
  });
});
