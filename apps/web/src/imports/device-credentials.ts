/**
 * The credentials a device import issued (ImportReport.credentials), as the CSV file the imports page offers once:
 * 设备凭据.csv, UTF-8 with a BOM (Excel reads it as GBK without one), one device a line. The API returns them in
 * that one answer only and keeps their hashes, so this file is the only copy. Pure module (no DOM).
 */
import type { ImportReport } from './imports-api';

export type IssuedCredentials = NonNullable<ImportReport['credentials']>;

export const CREDENTIALS_FILENAME = '设备凭据.csv';

const HEADER = ['设备编号', 'MQTT用户名', 'MQTT密码', '遥测主题', '状态主题'];

/** RFC 4180 quoting; ids, passwords (base64url) and topics need none, but a field with a comma would. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function credentialsCsv(credentials: IssuedCredentials): string {
  const lines = [
    HEADER,
    ...credentials.map((c) => [c.username, c.username, c.password, c.telemetryTopic, c.statusTopic]),
  ].map((cells) => cells.map(field).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
