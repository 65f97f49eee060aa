import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, MESSAGES, placeholdersOf, translate, type MessageKey } from './messages';

describe('i18n dictionaries', () => {
  const zhKeys = Object.keys(MESSAGES['zh-CN']).sort();

  it('has every key in every language, and nothing extra', () => {
    for (const language of LANGUAGES) expect(Object.keys(MESSAGES[language]).sort()).toEqual(zhKeys);
  });

  it('has no empty label in any language', () => {
    for (const language of LANGUAGES) {
      const empty = Object.entries(MESSAGES[language]).filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    }
  });

  it('uses the same {placeholders} for a key in both languages', () => {
    const mismatched = zhKeys.filter((key) => {
      const zh = placeholdersOf(MESSAGES['zh-CN'][key as MessageKey]);
      const en = placeholdersOf(MESSAGES.en[key as MessageKey]);
      return JSON.stringify(zh) !== JSON.stringify(en);
    });
    expect(mismatched).toEqual([]);
  });

  it('really is Chinese by default and English in English', () => {
    expect(translate('zh-CN', 'nav.alerts')).toBe('告警中心');
    expect(translate('en', 'nav.alerts')).toBe('Alerts');
    const untranslated = zhKeys.filter(
      (key) =>
        /[\u4e00-\u9fff]/.test(MESSAGES.en[key as MessageKey]) ||
        MESSAGES.en[key as MessageKey] === MESSAGES['zh-CN'][key as MessageKey],
    );
    // Labels that are the same in both languages are only ones made of placeholders.
    expect(
      untranslated.filter((k) => MESSAGES.en[k as MessageKey].replace(/\{\w+\}|[\s·]/g, '') !== ''),
    ).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'alarm.ringing', { count: '2 条' })).toBe('严重告警待确认：2 条');
    expect(translate('en', 'alerts.countOther', { n: 3 })).toBe('3 alerts');
    expect(translate('en', 'conn.stale')).toBe('Data may be stale · last synced {time}');
  });

  it('has no label that no screen uses', () => {
    const sources = listSources(join(__dirname, '..')).map((file) => readFileSync(file, 'utf8'));
    const text = sources.join('\n');
    // Keys built at run time from a prefix and a value from the contracts: `status.${alert.status}` etc.
    const dynamicPrefixes = [...text.matchAll(/t\(`([a-z-]+\.)\$\{/g)].map((m) => m[1]);
    // A key appears quoted in code (`t('a.b')`) or as a JSX attribute (`label="a.b"`).
    const used = (key: string) => text.includes(`'${key}'`) || text.includes(`="${key}"`);
    const unused = zhKeys.filter(
      (key) => !used(key) && !dynamicPrefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });
});

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.tsx?$/.test(name) && !/\.spec\.ts$/.test(name) && name !== 'messages.ts' ? [path] : [];
  });
}
