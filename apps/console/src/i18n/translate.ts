import { MESSAGES_EN, type MessageKey } from './messages-en';
import { MESSAGES_ZH } from './messages-zh';

/** Languages of the console. */
export type Language = 'en' | 'zh-CN';
export const LANGUAGES: ReadonlyArray<{ code: Language; label: string }> = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
];

/** Values put into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

const catalogs: Record<Language, Partial<Record<MessageKey, string>>> = {
  en: MESSAGES_EN,
  'zh-CN': MESSAGES_ZH,
};

/**
 * The string of `key` in `language`, falling back to English when the language lacks it (and to
 * the key itself should English lack it too), with `{name}` placeholders filled from `params`.
 */
export function translate(
  language: Language,
  key: MessageKey,
  params?: MessageParams,
  catalog = catalogs,
): string {
  const text = catalog[language]?.[key] ?? catalog.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The language to start with: the stored choice, else the browser's, else English. */
export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return browser.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}
