import { describe, expect, it } from 'vitest';
import { accentOnWhite, inkOn } from './contrast.js';

describe('contrast', () => {
  it('puts white on dark brands and dark text on light ones', () => {
    expect(inkOn('#4f46e5')).toBe('#fff');
    expect(inkOn('#000000')).toBe('#fff');
    expect(inkOn('#ffd400')).toBe('#111827');
    expect(inkOn('#ffffff')).toBe('#111827');
  });
  it('keeps the brand as text colour only when it passes AA on white', () => {
    expect(accentOnWhite('#4f46e5')).toBe('#4f46e5');
    expect(accentOnWhite('#ffd400')).toBe('#374151');
    // #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    expect(accentOnWhite('#767676')).toBe('#767676');
    expect(accentOnWhite('#777777')).toBe('#374151');
  });
});
