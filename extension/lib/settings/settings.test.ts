import { describe, expect, it } from 'vitest';
import { appClipUrl, normaliseAppUrl } from './settings';

describe('web app addresses', () => {
  it('normalises what people type', () => {
    expect(normaliseAppUrl('localhost:8787')).toBe('http://localhost:8787/');
    expect(normaliseAppUrl(' https://knipsel.example.nl/app ')).toBe('https://knipsel.example.nl/app/');
    expect(normaliseAppUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseAppUrl('')).toBeNull();
  });
  it('builds the address of a clip in the app', () => {
    expect(appClipUrl('http://127.0.0.1:8787/', 'd1', 'c2')).toBe('http://127.0.0.1:8787/#/d/d1/clip/c2');
    expect(appClipUrl('http://127.0.0.1:8787', 'd1')).toBe('http://127.0.0.1:8787/#/d/d1');
  });
});
