/**
 * The committee's departments (园区管委会各部门) and what each may edit (docs/security-auth.md "Departments").
 * A `staff` user belongs to exactly one department; a record write route names its area (@Edits in the API) and
 * admits admin always, and staff whose department lists that area. Pure module: the web imports it too, so the
 * UI shows the same edit buttons the API would accept.
 */

/** 经发 · 招商 · 规划建设 · 安监 · 环保 · 税务联络. */
export const DEPARTMENTS = ['economy', 'investment', 'planning', 'safety', 'environment', 'tax'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** What a record write route changes. */
export const EDIT_AREAS = [
  /** 企业档案：基本信息、联系人、标记、删除/恢复 */
  'enterprises',
  /** 年度指标（亩均数据） */
  'indicators',
  /** 企业/地块事件：股权变更、用地变更、房屋出租、产业协议 */
  'events',
  /** 地块 */
  'parcels',
  /** 载体（楼宇、厂房）及租赁 */
  'carriers',
  /** 产业准入清单 */
  'admission',
  /** 企业资质 */
  'qualifications',
  /** 重点项目 */
  'projects',
  /** 规划目标与评价方案 */
  'targets',
  /** 告警规则 */
  'rules',
  /** 设备（含排污许可限值所在的设备工艺限值） */
  'devices',
  /** 检修窗口 */
  'maintenance',
  /** 企业排污许可（许可证号、许可排放量） */
  'permits',
  /** 数据交换：来源系统、接入密钥、取数优先级 */
  'exchange',
  /** 惠企政策库及政策推送 */
  'policies',
] as const;
export type EditArea = (typeof EDIT_AREAS)[number];

/** The one permission table: which areas each department may edit. admin edits every area. */
export const DEPARTMENT_EDITS: Readonly<Record<Department, readonly EditArea[]>> = {
  economy: [
    'enterprises',
    'indicators',
    'events',
    'qualifications',
    'projects',
    'targets',
    'exchange',
    'policies',
  ],
  investment: ['enterprises', 'events', 'carriers', 'admission', 'projects', 'policies'],
  planning: ['parcels', 'carriers', 'events', 'projects'],
  safety: ['rules', 'devices', 'maintenance'],
  environment: ['rules', 'devices', 'maintenance', 'permits'],
  tax: ['indicators', 'exchange'],
};

export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && (DEPARTMENTS as readonly string[]).includes(value);
}

export function isEditArea(value: unknown): value is EditArea {
  return typeof value === 'string' && (EDIT_AREAS as readonly string[]).includes(value);
}

/** Who is asking, as far as editing goes: a principal or the web's session user. */
export interface Editor {
  readonly role: string;
  readonly department?: string | null;
}

/**
 * May this editor change records of this area? admin always; staff when their department lists the area;
 * `alsoRoles` are other roles the route admits for the area (e.g. officers on projects and maintenance).
 */
export function canEdit(editor: Editor, area: EditArea, alsoRoles: readonly string[] = []): boolean {
  if (editor.role === 'admin' || alsoRoles.includes(editor.role)) return true;
  if (editor.role !== 'staff' || !isDepartment(editor.department)) return false;
  return DEPARTMENT_EDITS[editor.department].includes(area);
}
