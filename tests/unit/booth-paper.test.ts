import { describe, expect, it } from 'vitest';
import { afterPrint, copiesLeft, minutesOfPaperLeft, paperFraction, paperLevel, sheetsFor } from '@shared/model/paper.js';

describe('paper arithmetic', () => {
  it('a 6x4 copy uses one sheet, a 2x6 strip half a sheet', () => {
    expect(sheetsFor(3, 1)).toBe(3);
    expect(sheetsFor(3, 0.5)).toBe(1.5);
    expect(afterPrint(700, 2, 1)).toEqual({ remaining: 698, delta: -2, shortfall: 0 });
    expect(afterPrint(700, 3, 0.5)).toEqual({ remaining: 698.5, delta: -1.5, shortfall: 0 });
  });

  it('never goes below zero and reports the copies paper could not cover', () => {
    expect(afterPrint(1, 3, 1)).toEqual({ remaining: 0, delta: -1, shortfall: 2 });
    expect(afterPrint(0.5, 2, 0.5)).toEqual({ remaining: 0, delta: -0.5, shortfall: 0.5 });
  });

  it('copies left counts two strips per sheet', () => {
    expect(copiesLeft(700, 1)).toBe(700);
    expect(copiesLeft(700, 0.5)).toBe(1400);
    expect(copiesLeft(10.5, 0.5)).toBe(21);
    expect(copiesLeft(10.5, 1)).toBe(10);
  });

  it('levels at the default thresholds 350 / 275, boundaries included', () => {
    expect(paperLevel(351, 350, 275)).toBe('ok');
    expect(paperLevel(350, 350, 275)).toBe('warning');
    expect(paperLevel(276, 350, 275)).toBe('warning');
    expect(paperLevel(275, 350, 275)).toBe('critical');
    expect(paperLevel(0.5, 350, 275)).toBe('critical');
    expect(paperLevel(0, 350, 275)).toBe('empty');
  });

  it('gauge fraction and pace', () => {
    expect(paperFraction(350, 700)).toBe(0.5);
    expect(paperFraction(900, 700)).toBe(1);
    expect(minutesOfPaperLeft(100, 30, 15)).toBe(50);
    expect(minutesOfPaperLeft(100, 0, 15)).toBeNull();
  });
});
