import type { MessageKey } from './messages-en';
import { MESSAGES_EN } from './messages-en';
import { MESSAGES_ZH } from './messages-zh';
import { initialLanguage, translate } from './translate';

describe('translate', () => {
  it('answers in the chosen language with placeholders filled', () => {
    expect(translate('zh-CN', 'fleet.count', { shown: 3, total: 10 })).toBe(
      '显示 3 / 共 10 台资产',
    );
    expect(translate('en', 'fleet.count', { shown: 3, total: 10 })).toBe('3 of 10 assets');
  });

  it('falls back to English for a key the language lacks', () => {
    const catalog = { en: MESSAGES_EN, 'zh-CN': { 'nav.fleet': '设备群' } };
    expect(translate('zh-CN', 'nav.orders', undefined, catalog)).toBe('Orders');
    expect(translate('zh-CN', 'nav.fleet', undefined, catalog)).toBe('设备群');
  });

  it('falls back to the key when English lacks it too', () => {
    const catalog = { en: {}, 'zh-CN': {} };
    expect(translate('zh-CN', 'nav.orders', undefined, catalog)).toBe('nav.orders');
  });

  it('leaves a placeholder without a value as it is', () => {
    expect(translate('en', 'fleet.count', { shown: 1 })).toBe('1 of {total} assets');
  });

  it('has a Chinese string for every English key, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES_EN) as MessageKey[]) {
      expect({ key, zh: MESSAGES_ZH[key] !== undefined }).toEqual({ key, zh: true });
      expect({ key, p: placeholders(MESSAGES_ZH[key] ?? '') }).toEqual({
        key,
        p: placeholders(MESSAGES_EN[key]),
      });
    }
  });
});

describe('initialLanguage', () => {
  it('prefers the stored choice, then a Chinese browser, then English', () => {
    expect(initialLanguage('en', ['zh-CN'])).toBe('en');
    expect(initialLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLanguage('klingon', ['de-DE'])).toBe('en');
  });
});
