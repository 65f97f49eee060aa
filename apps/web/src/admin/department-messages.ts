/**
 * The committee departments' labels (园区工作人员 and their 部门), in Simplified Chinese (the default) and English;
 * messages.ts spreads both into its dictionaries. Pure module (no DOM).
 */
export const DEPARTMENT_MESSAGES_ZH = {
  'role.staff': '园区工作人员',
  'department.economy': '经发局',
  'department.investment': '招商局',
  'department.planning': '规划建设局',
  'department.safety': '安监局',
  'department.environment': '环保局',
  'department.tax': '税务联络',
  'users.form.department': '所属部门',
  'users.form.departmentChoose': '请选择部门',
  'users.form.error.department': '园区工作人员须选择所属部门',
  'users.col.department': '部门',
} as const;

export const DEPARTMENT_MESSAGES_EN: Record<keyof typeof DEPARTMENT_MESSAGES_ZH, string> = {
  'role.staff': 'Committee staff',
  'department.economy': 'Economic Development',
  'department.investment': 'Investment Promotion',
  'department.planning': 'Planning & Construction',
  'department.safety': 'Work Safety',
  'department.environment': 'Environmental Protection',
  'department.tax': 'Tax liaison',
  'users.form.department': 'Department',
  'users.form.departmentChoose': 'Choose a department',
  'users.form.error.department': 'Committee staff must belong to a department',
  'users.col.department': 'Department',
};
