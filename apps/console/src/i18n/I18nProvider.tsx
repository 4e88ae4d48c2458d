import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { MessageKey } from './messages-en';
import { initialLanguage, translate, type Language, type MessageParams } from './translate';

const STORAGE_KEY = 'hourglass.language';

/** What `useI18n` gives: translate and format in the chosen language. */
export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: MessageParams): string;
  /** Formats numbers and dates for the language. */
  formatNumber(value: number, digits?: number): string;
  formatDate(iso: string | number | null): string;
}

const I18nContext = createContext<I18n | null>(null);

/** Holds the chosen language (kept in localStorage) and gives screens `t` and formatters. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    initialLanguage(localStorage.getItem(STORAGE_KEY), navigator.languages ?? []),
  );
  const setLanguage = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLanguageState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = translate(language, 'app.title');
  }, [language]);
  const value = useMemo<I18n>(() => {
    const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      formatNumber: (v, digits = 2) =>
        v.toLocaleString(language, { maximumFractionDigits: digits, minimumFractionDigits: 0 }),
      formatDate: (iso) => (iso === null ? '—' : dates.format(new Date(iso))),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The i18n of the nearest {@link I18nProvider}. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
