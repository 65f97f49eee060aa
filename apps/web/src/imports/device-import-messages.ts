/**
 * The device import's labels on the imports page (the kind, its reasons, the credentials issued once), in
 * Simplified Chinese (the default) and English; messages.ts spreads both into its dictionaries. Pure module.
 */
export const DEVICE_IMPORT_MESSAGES_ZH = {
  'imports.kind.devices': '监测设备',
  'imports.devicesHint':
    '设备按设备编号新增或更新；新设备由系统生成 MQTT 密码，已有设备保留原密码。设备类型填中文名称（如“电能表”），电表用途填“生产”“治污”或“综合”。',
  'imports.credentials.heading': '新设备的 MQTT 凭据',
  'imports.credentials.warning':
    '本次导入新建了 {count} 台设备。密码只显示这一次，平台只保存其摘要，之后无法再次查看；请立即下载并妥善保管。遗失后只能在设备管理中重新生成密码。',
  'imports.credentials.download': '下载设备凭据（设备凭据.csv）',
  'imports.reason.deviceKind': '“{value}”不是设备类型',
  'imports.reason.meterRole': '“{value}”不是电表用途（生产、治污、综合）',
  'imports.reason.deviceMoved': '设备 {id} 属于另一家企业，设备不能转到其他企业',
  'imports.reason.deviceKindChanged': '设备 {id} 已登记为其他类型，类型不能更改',
} as const;

export const DEVICE_IMPORT_MESSAGES_EN: Readonly<Record<keyof typeof DEVICE_IMPORT_MESSAGES_ZH, string>> = {
  'imports.kind.devices': 'Monitoring devices',
  'imports.devicesHint':
    'Devices are added or updated by device ID; a new device gets an MQTT password from the platform, an existing one keeps its own. Write the device kind and a meter role by their names as the template shows them, or their codes (power-meter; production, pollution-control, general).',
  'imports.credentials.heading': 'MQTT credentials of the new devices',
  'imports.credentials.warning':
    'This import created {count} devices. Their passwords are shown this once only: the platform keeps only their hashes. Download them now and keep them safe; a lost password can only be replaced (device admin, new credential).',
  'imports.credentials.download': 'Download the credentials (CSV)',
  'imports.reason.deviceKind': '“{value}” is not a device kind',
  'imports.reason.meterRole': '“{value}” is not a meter role (production, pollution control, general)',
  'imports.reason.deviceMoved':
    'device {id} belongs to another enterprise; a device cannot move between enterprises',
  'imports.reason.deviceKindChanged': 'device {id} is registered as another kind; its kind cannot change',
};
