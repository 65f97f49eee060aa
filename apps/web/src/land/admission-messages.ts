/**
 * The 产业载体准入清单 screen's labels, in Simplified Chinese (the default) and English; messages.ts spreads both
 * into its dictionaries, so they are typed and checked with every other label. Pure module (no DOM).
 */
export const ADMISSION_MESSAGES_ZH = {
  'carriers.tab.list': '载体列表',
  'carriers.tab.admission': '准入清单',

  'admission.heading': '产业载体准入清单',
  'admission.intro':
    '按国民经济行业分类（GB/T 4754-2017）代码前缀划分鼓励类、限制类、禁止类：较长的代码优先（如 2614 覆盖 26 大类的规定）。禁止类企业不得入驻载体，限制类入驻须填写准入说明。',
  'admission.loading': '正在加载准入清单…',
  'admission.loadError': '无法加载准入清单：{message}',
  'admission.empty': '准入清单为空：所有行业均视为未列入',
  'admission.col.code': '行业代码',
  'admission.col.industry': '行业名称',
  'admission.col.level': '类别',
  'admission.col.reason': '依据与说明',
  'admission.col.updated': '更新时间',
  'admission.col.actions': '操作',
  'admission.level.encouraged': '鼓励类',
  'admission.level.restricted': '限制类',
  'admission.level.prohibited': '禁止类',
  'admission.level.choose': '请选择类别',
  'admission.add': '新增条目',
  'admission.edit': '修改',
  'admission.remove': '删除',
  'admission.removeConfirm':
    '确定删除 {code}（{industry}）的准入规定？删除后该行业按上级代码或“未列入”处理。',
  'admission.formHeading.add': '新增准入条目',
  'admission.formHeading.edit': '修改准入条目 {code}',
  'admission.codeLabel': '行业代码（2–4 位）',
  'admission.codeHint': '该代码对应：{industry}',
  'admission.governedBy': '目前按 {code}（{level}）管理：{reason}',
  'admission.governedByNone': '目前未列入清单',
  'admission.reasonLabel': '依据与说明（向被提醒或被拒绝的企业显示）',
  'admission.saved': '准入条目已保存',
  'admission.removed': '准入条目已删除',
  'admission.error.reasonLength': '不超过 {max} 字',
  'admission.error.exists': '该代码已在清单中，请修改原条目',
  'admission.count': '共 {total} 条：禁止类 {prohibited}，限制类 {restricted}，鼓励类 {encouraged}',
} as const;

export type AdmissionMessageKey = keyof typeof ADMISSION_MESSAGES_ZH;

export const ADMISSION_MESSAGES_EN: Readonly<Record<AdmissionMessageKey, string>> = {
  'carriers.tab.list': 'Carriers',
  'carriers.tab.admission': 'Admission list',

  'admission.heading': 'Carrier admission list',
  'admission.intro':
    'Industries by GB/T 4754-2017 code prefix as encouraged, restricted or prohibited; the longest code wins (2614 overrides what division 26 says). A prohibited industry may not become a tenant; a restricted one needs an admission note.',
  'admission.loading': 'Loading the admission list…',
  'admission.loadError': 'Could not load the admission list: {message}',
  'admission.empty': 'The admission list is empty: every industry counts as unlisted',
  'admission.col.code': 'Industry code',
  'admission.col.industry': 'Industry',
  'admission.col.level': 'Level',
  'admission.col.reason': 'Basis and note',
  'admission.col.updated': 'Updated',
  'admission.col.actions': 'Actions',
  'admission.level.encouraged': 'Encouraged',
  'admission.level.restricted': 'Restricted',
  'admission.level.prohibited': 'Prohibited',
  'admission.level.choose': 'Choose a level',
  'admission.add': 'Add an entry',
  'admission.edit': 'Edit',
  'admission.remove': 'Delete',
  'admission.removeConfirm':
    'Delete the rule for {code} ({industry})? The industry then falls under a shorter code or counts as unlisted.',
  'admission.formHeading.add': 'New admission entry',
  'admission.formHeading.edit': 'Edit admission entry {code}',
  'admission.codeLabel': 'Industry code (2–4 digits)',
  'admission.codeHint': 'This code is: {industry}',
  'admission.governedBy': 'Now governed by {code} ({level}): {reason}',
  'admission.governedByNone': 'Not on the list now',
  'admission.reasonLabel': 'Basis and note (shown to the enterprise warned or refused)',
  'admission.saved': 'Admission entry saved',
  'admission.removed': 'Admission entry deleted',
  'admission.error.reasonLength': 'At most {max} characters',
  'admission.error.exists': 'This code is already listed: edit its entry',
  'admission.count':
    '{total} entries: {prohibited} prohibited, {restricted} restricted, {encouraged} encouraged',
};
