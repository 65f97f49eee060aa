/**
 * Reads an admin's channel configuration (JSON from the admin page) field by field and words what is wrong in
 * Chinese, so `validate()` and `send()` check a configuration the same way.
 */
export class ConfigReader {
  readonly problems: string[] = [];
  private readonly record: Readonly<Record<string, unknown>>;

  constructor(config: unknown) {
    if (typeof config === 'object' && config !== null && !Array.isArray(config)) {
      this.record = config as Record<string, unknown>;
    } else {
      this.record = {};
      this.problems.push('配置应为一组字段');
    }
  }

  /** A required text field (trimmed); '' with a problem when missing, empty or too long. */
  text(key: string, label: string, options: { max?: number; pattern?: RegExp; hint?: string } = {}): string {
    const value = this.record[key];
    if (typeof value !== 'string' || value.trim() === '') {
      this.problems.push(`请填写${lead(label)}${label}`);
      return '';
    }
    const text = value.trim();
    if (text.length > (options.max ?? 500)) {
      this.problems.push(`${label}${trail(label)}过长（最多 ${options.max ?? 500} 个字符）`);
    } else if (options.pattern && !options.pattern.test(text)) {
      this.problems.push(`${label}${trail(label)}格式不对${options.hint ? `：${options.hint}` : ''}`);
    }
    return text;
  }

  /** An optional text field: null when absent or empty. */
  optionalText(key: string, label: string, options: { max?: number } = {}): string | null {
    const value = this.record[key];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
      return null;
    return this.text(key, label, options);
  }

  /** A whole number in [min, max]; `fallback` when absent. */
  integer(key: string, label: string, min: number, max: number, fallback: number): number {
    const value = this.record[key];
    if (value === undefined || value === null || value === '') return fallback;
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${label}${trail(label)}应为 ${min}–${max} 之间的整数`);
      return fallback;
    }
    return n;
  }

  flag(key: string, label: string, fallback: boolean): boolean {
    const value = this.record[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') {
      this.problems.push(`${label}${trail(label)}应为“是”或“否”`);
      return fallback;
    }
    return value;
  }

  /**
   * A provider's address: https, or plain http to this machine only (a local test server stands in for the
   * provider there). With `query`, the named parameter (the robot's key or token) must be present.
   */
  url(key: string, label: string, options: { query?: string; fallback?: string } = {}): URL | null {
    const raw = this.record[key];
    if ((raw === undefined || raw === null || raw === '') && options.fallback)
      return new URL(options.fallback);
    const text = this.text(key, label, { max: 2_000 });
    if (!text) return null;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      this.problems.push(`${label}${trail(label)}不是有效的网址`);
      return null;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      this.problems.push(`${label}${trail(label)}应以 https:// 开头`);
      return null;
    }
    if (options.query && !url.searchParams.get(options.query)) {
      this.problems.push(`${label}${trail(label)}缺少 ${options.query} 参数，请复制完整的 Webhook 地址`);
      return null;
    }
    return url;
  }
}

/** A space between Chinese and a Latin word, as the interface writes 请填写 Webhook 地址. */
const lead = (label: string) => (/^[A-Za-z0-9]/.test(label) ? ' ' : '');
const trail = (label: string) => (/[A-Za-z0-9]$/.test(label) ? ' ' : '');

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** What a reader found: the configuration, or the problems that keep it from being used. */
export type Checked<C> = { readonly config: C; readonly problems: [] } | { readonly problems: string[] };

export function checked<C>(reader: ConfigReader, config: C): Checked<C> {
  return reader.problems.length === 0 ? { config, problems: [] } : { problems: reader.problems };
}
