import { describe, expect, it } from 'vitest';
import { checkNumbers, figuresIn } from '@core/modules/assistant/numbers.js';

describe('the numbers check', () => {
  it('reads figures the French and English way, and skips list markers', () => {
    expect(figuresIn('1. Papier : 1 250 rouleaux, 12,5 €\n2) 3.75 kg').map((f) => f.raw)).toEqual(['1 250', '12,5', '3.75']);
    expect(figuresIn('1,500')[0]!.values).toEqual([1.5, 1500]);
  });

  it('finds figures in tool results (numbers, numbers in text, rounded, dates, percentages)', () => {
    const sources = [[{ onHand: 1250, cost: 12.4567, level: 0.95, orderBy: Date.UTC(2026, 11, 14), note: 'lot de 24' }]];
    const answer = 'Il reste 1 250 rouleaux à 12,46 € (95 %), lot de 24, à commander avant le 14/12/2026.';
    expect(checkNumbers(answer, sources).filter((c) => !c.found)).toEqual([]);
  });

  it('flags an invented figure, once', () => {
    const checks = checkNumbers('Stock : 40. Il en faudra 437, oui 437.', [[{ onHand: 40 }]]);
    expect(checks).toEqual([
      { figure: '40', found: true },
      { figure: '437', found: false },
    ]);
  });
});
