import { describe, expect, it } from 'vitest';
import type { AccountFigures } from '../../src/model/types.ts';
import { niceStep, ticks } from '../../src/portfolio-page/svg-axis.ts';
import { whaleCurve } from '../../src/portfolio-page/whale-curve.ts';
import { renderWhaleSvg } from '../../src/portfolio-page/whale-svg.ts';

const accounts = (profits: number[]) => profits.map((expectedProfit) => ({ expectedProfit }) as AccountFigures);

describe('whale curve', () => {
  it('when a portfolio is large, then the curve keeps at most about maxPoints points, the first, the last and the exact peak', () => {
    const profits = Array.from({ length: 10_000 }, (_, i) => 1000 - i * 0.3);
    const curve = whaleCurve(accounts(profits), 200);
    expect(curve.points.length).toBeLessThanOrEqual(203);
    expect(curve.points[0]).toEqual([0, 0]);
    expect(curve.points.at(-1)![0]).toBe(10_000);
    expect(curve.peak.rank).toBe(3334);
    expect(curve.points).toContainEqual([curve.peak.rank, curve.peak.value]);
  });

  it('when the total is positive, then the SVG is in percent of it with the 100 % line and the peak marked', () => {
    const svg = renderWhaleSvg(whaleCurve(accounts([600, 500, -100])));
    expect(svg).toContain('100 % = total 1,000');
    expect(svg).toContain('peak 110 % at rank 2');
    expect(svg).toContain('class="hundred"');
  });

  it('when every account loses money, then the curve is drawn in money without a meaningless 100 % line', () => {
    const curve = whaleCurve(accounts([-100, -200]));
    expect(curve).toMatchObject({ total: -300, min: -300, peak: { rank: 0, value: 0 } });
    const svg = renderWhaleSvg(curve);
    expect(svg).not.toContain('class="hundred"');
    expect(svg).not.toContain('class="peak"');
    expect(svg).toContain('-300');
    expect(svg).not.toContain('NaN');
  });

  it('when an empty portfolio is drawn, then nothing is NaN', () => {
    expect(renderWhaleSvg(whaleCurve([]))).not.toContain('NaN');
  });

  it('when axis ticks are chosen, then the steps are round numbers', () => {
    expect(niceStep(110, 5)).toBe(25);
    expect(niceStep(300, 8)).toBe(50);
    expect(ticks(0, 110, 25)).toEqual([0, 25, 50, 75, 100]);
  });
});
