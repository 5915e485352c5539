// scoring-model.md §11: defaults that fit any portfolio, and words a rep understands.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PIPELINE_STAGES, DEFAULT_SETTINGS, FIRST_SENTENCE_MAX, LargestValues, autoProfitTarget, pipelineStages, scoreCompany, scorePortfolio, stageProbability,
  type CompanyInput, type RecordInput,
} from '../../src/model/index.ts';
import { money } from '../../src/model/format.ts';
import { AS_OF, TARGET_100K, company, wonDeal } from './builders.ts';

const open = (amount: number, props: Record<string, string | null>): RecordInput => ({
  id: `o-${JSON.stringify(props)}`, properties: { amount: String(amount), hs_is_closed: 'false', hs_is_closed_won: 'false', ...props },
});

describe('deal probability from the stage (§11)', () => {
  const STAGES: [id: string, label: string, p: number][] = [
    ['appointmentscheduled', 'Appointment Scheduled', 0.2], ['qualifiedtobuy', 'Qualified To Buy', 0.4], ['presentationscheduled', 'Presentation Scheduled', 0.6],
    ['decisionmakerboughtin', 'Decision Maker Bought-In', 0.8], ['contractsent', 'Contract Sent', 0.9], ['closedwon', 'Closed Won', 1], ['closedlost', 'Closed Lost', 0],
  ];

  for (const [id, label, p] of STAGES) {
    it(`when a deal in ${label} has no probability, then HubSpot's default ${p} weights it, by id or by label`, () => {
      for (const stage of [id, label]) {
        const s = scoreCompany(company('1', {}, [open(100_000, { dealstage: stage, hs_deal_stage_probability: null })]), TARGET_100K, AS_OF);
        expect(s.weightedPipeline).toBeCloseTo(100_000 * p, 6);
        expect(s.notes).toEqual([]);
      }
    });
  }

  it('when the probability is invalid, then the stage is used and the bad value named; with an unknown stage too, the deal leaves the pipeline', () => {
    const s = scoreCompany(company('1', {}, [open(100_000, { dealstage: 'qualifiedtobuy', hs_deal_stage_probability: '1.5' }), open(50_000, { dealstage: 'my-custom-stage' })]), TARGET_100K, AS_OF);
    expect(s.weightedPipeline).toBeCloseTo(40_000, 6);
    expect(s.notes).toEqual([
      "deal o-{\"dealstage\":\"qualifiedtobuy\",\"hs_deal_stage_probability\":\"1.5\"} probability '1.5' is outside 0 to 1; used its stage's 0.4",
      "deal o-{\"dealstage\":\"my-custom-stage\"} left out of the pipeline: probability is missing and stage 'my-custom-stage' is not a known stage",
    ]);
  });

  it("when the portal's own pipelines are given, then their stages are used by id", () => {
    const stages = pipelineStages([{ id: '1234567', label: 'Negotiation', probability: '0.7' }, { id: 'bad', probability: 'high' }], false);
    expect(stageProbability('1234567', stages)).toBe(0.7);
    expect(stageProbability('Negotiation', stages)).toBeUndefined();
    expect(stageProbability('bad', stages)).toBeUndefined();
    const s = scoreCompany(company('1', {}, [open(10_000, { dealstage: '1234567' })]), TARGET_100K, AS_OF, stages);
    expect(s.weightedPipeline).toBeCloseTo(7_000, 6);
    expect(stageProbability('closedwon', DEFAULT_PIPELINE_STAGES)).toBe(1);
  });
});

describe("profit target 'auto' (§11)", () => {
  it('when the capacity is k, then the target is the k-th largest, the smallest when fewer, the largest plus 1 at 0, and never below 1', () => {
    const of = (k: number, values: number[]) => {
      const l = new LargestValues(k);
      for (const v of values) l.add(v);
      return autoProfitTarget(l).value;
    };
    expect(of(2, [50, 400, 300, 100])).toBe(300);
    expect(of(10, [50, 400, 300])).toBe(50);
    expect(of(0, [50, 400])).toBe(401);
    expect(of(2, [-5, -9])).toBe(1);
    expect(of(3, [])).toBe(1);
  });

  /** 30 small customers (won 3,000 to 90,000 a year, no wallet) and 10 prospects with pipeline. */
  function smallDeals(): CompanyInput[] {
    const customers = Array.from({ length: 30 }, (_, i) => company(String(100 + i), {}, [wonDeal(3_000 * (i + 1), '2026-06-01T00:00:00Z')]));
    const prospects = Array.from({ length: 10 }, (_, i) => company(String(200 + i), {}, [open(20_000 * (i + 1), { hs_deal_stage_probability: '0.5' })]));
    return [...customers, ...prospects];
  }

  it('when a small-deal portfolio is scored with 100,000, then every account is deprioritized; with auto, the actions differ and about capacity accounts are large', () => {
    const fixed = scorePortfolio(smallDeals(), TARGET_100K, AS_OF);
    expect(new Set(fixed.accounts.map((a) => a.action))).toEqual(new Set(['deprioritize']));
    const auto = scorePortfolio(smallDeals(), { ...DEFAULT_SETTINGS, keyAccountCapacity: 5 }, AS_OF);
    expect(auto.profitTarget.source).toBe('auto');
    expect(auto.profitTarget.customers).toBe(30);
    expect(new Set(auto.accounts.map((a) => a.action)).size).toBeGreaterThan(1);
    // Every dedicated-team profit is negative here (won × 30 % − 288,000), so the target is 1.
    expect(auto.profitTarget.value).toBe(1);
    expect(auto.accounts.filter((a) => a.action === 'grow').length).toBeGreaterThan(0);
  });

  it('when the portfolio is large enough, then the target is the 25th largest dedicated profit and 25 customers pass the large-account test', () => {
    const big = Array.from({ length: 60 }, (_, i) => company(String(1000 + i), { kam_category_spend: '50000000' }, [wonDeal(1_000_000 + 100_000 * i, '2026-06-01T00:00:00Z')]));
    const r = scorePortfolio(big, DEFAULT_SETTINGS, AS_OF);
    const dedicated = r.accounts.map((a) => a.expectedProfitBy.dedicated).sort((x, y) => y - x);
    expect(r.profitTarget.value).toBe(dedicated[24]);
    expect(r.accounts.filter((a) => a.largeAccount).length).toBe(25);
    expect(r.keyCount).toBe(25);
  });

  it('when the settings name a number, then it is used as it is', () => {
    expect(scorePortfolio(smallDeals(), TARGET_100K, AS_OF).profitTarget).toEqual({ value: 100_000, source: 'set', customers: 0 });
  });
});

describe('words a rep understands (§11)', () => {
  const example = JSON.parse(readFileSync(new URL('../../examples/portfolio.json', import.meta.url), 'utf8')) as { companies: CompanyInput[] };

  it('when the example portfolio is explained, then every first sentence states the decision in at most 160 characters', () => {
    const { accounts } = scorePortfolio(example.companies, { ...DEFAULT_SETTINGS, currency: 'EUR' }, AS_OF);
    for (const a of accounts) {
      const first = a.explanation.slice(0, a.explanation.indexOf('. ') + 1);
      expect(first.length).toBeLessThanOrEqual(FIRST_SENTENCE_MAX);
      expect(first).toMatch(/^(Key account|Normal customer|Target account|Lost customer|Eligible for the key list)/);
      if (a.category !== 'lost') expect(first).toContain(`rank ${a.priorityRank} of ${accounts.length}`);
    }
    const key = accounts.find((a) => a.category === 'key' && !a.strategic)!;
    expect(key.explanation).toMatch(/^Key account: [\d,]+ EUR expected profit a year with a dedicated team; rank \d+ of 300\./);
  });

  it('when a strategic key account is to be deprioritized, then its first sentence says it is kept because it is marked strategic', () => {
    const [a] = scorePortfolio([company('1', { kam_strategic: 'true' }, [wonDeal(1_000, '2026-06-01T00:00:00Z')])], TARGET_100K, AS_OF).accounts;
    expect(a).toMatchObject({ category: 'key', action: 'deprioritize' });
    expect(a!.explanation).toMatch(/^Key account, kept because it is marked strategic: -287,700 expected profit a year with a dedicated team; rank 1 of 1\./);
  });

  it('when a rank comes from pipeline alone, then the first sentence says so', () => {
    const [a] = scorePortfolio([company('1', {}, [open(100_000, { hs_deal_stage_probability: '0.5' })])], TARGET_100K, AS_OF).accounts;
    expect(a!.explanation).toMatch(/^Target account: no deal won yet; rank 1 of 1, from pipeline alone\./);
  });

  it('when the quadrant is key, then it reads "Key (matrix)", apart from the category "Key account"', () => {
    const manual = Object.fromEntries(['growth', 'financial_stability', 'ease_of_access', 'relationship', 'strategic_fit'].map((f) => [`kam_attr_${f}`, '9']));
    const str = Object.fromEntries(['price', 'service', 'responsiveness', 'innovation'].map((f) => [`kam_str_${f}`, '9']));
    const [a] = scorePortfolio([company('1', { ...manual, ...str })], { ...TARGET_100K, thresholds: { attractiveness: 5, strength: 5 } }, AS_OF).accounts;
    expect(a!.quadrant).toBe('key');
    expect(a!.explanation).toContain('Key (matrix) quadrant: attractiveness 9');
  });

  it('when the currency is known, then every amount carries its code; when not, none does', () => {
    expect(money(1_234_567.8, 'EUR')).toBe('1,234,568 EUR');
    expect(money(-2_160, null)).toBe('-2,160');
    const [a] = scorePortfolio([company('1', { kam_category_spend: '2000000' }, [wonDeal(300_000, '2026-03-01T00:00:00Z')])], { ...TARGET_100K, currency: 'CHF' }, AS_OF).accounts;
    const amounts = a!.explanation.match(/-?\d{1,3}(,\d{3})+( [A-Z]{3})?/g) ?? [];
    expect(amounts.length).toBeGreaterThan(3);
    for (const m of amounts) expect(m).toMatch(/ CHF$/);
  });
});
