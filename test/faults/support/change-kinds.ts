// The edits a fault scenario makes in the sandbox, as a user would in HubSpot's UI: each fires the
// webhook events HubSpot would send and names the companies whose figures it moves.
import type { SandboxStore } from '../../../src/sandbox/index.ts';

export type Random = () => number;

/** One edit: applies itself and returns the companies it affects. */
export type Change = (store: SandboxStore) => string[];

const pick = <T>(random: Random, items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** A date well past the model's lostAfterMonths (18), so a company whose deals all closed then is lost. */
export const longAgo = (now: number): string => isoDay(now - 3 * 365 * 86_400_000);

export function changeAmount(random: Random, companyId: string): Change {
  return (store) => {
    const dealId = pick(random, store.dealIdsOf(companyId));
    if (!dealId) return changeRevenue(random, companyId)(store);
    store.updateDeal(dealId, { amount: String(1000 + Math.floor(random() * 400_000)) });
    return store.companyIdsOf(dealId);
  };
}

export function changeRevenue(random: Random, companyId: string): Change {
  return (store) => {
    store.updateCompany(companyId, { annualrevenue: String(1_000_000 + Math.floor(random() * 500_000_000)) });
    return [companyId];
  };
}

/** Wins one of the company's open deals today (or adds a won deal when none is open). */
export function winDeal(random: Random, companyId: string, now: number): Change {
  return (store) => {
    const open = store.dealIdsOf(companyId).filter((id) => store.getDeal(id)?.properties.hs_is_closed !== 'true');
    const dealId = pick(random, open);
    if (!dealId) return newDeal(random, companyId, now)(store);
    store.updateDeal(dealId, { dealstage: 'closedwon', closedate: isoDay(now) });
    return store.companyIdsOf(dealId);
  };
}

export function newDeal(random: Random, companyId: string, now: number): Change {
  return (store) => {
    const amount = String(5000 + Math.floor(random() * 250_000));
    store.createDeal({ dealname: 'Fault suite order', amount, closedate: isoDay(now), dealstage: 'closedwon', pipeline: 'default' }, { companyIds: [companyId] });
    return [companyId];
  };
}

/** One step of making a customer lost: one of its deals moves its close date three years back. */
export function ageDeal(dealId: string, now: number): Change {
  return (store) => {
    if (!store.getDeal(dealId)) return [];
    store.updateDeal(dealId, { closedate: longAgo(now) });
    return store.companyIdsOf(dealId);
  };
}

export function deleteCompany(companyId: string): Change {
  return (store) => (store.deleteCompany(companyId) ? [companyId] : []);
}

export function restoreCompany(companyId: string): Change {
  return (store) => {
    store.restoreCompany(companyId);
    return [companyId];
  };
}

export function deleteDeal(dealId: string): Change {
  return (store) => {
    const companies = store.companyIdsOf(dealId);
    return store.deleteDeal(dealId) ? companies : [];
  };
}

export function restoreDeal(dealId: string): Change {
  return (store) => {
    store.restoreDeal(dealId);
    return store.companyIdsOf(dealId);
  };
}

/** A random everyday edit of one company: amounts, revenue, a won deal, a new deal. */
export function randomChange(random: Random, companyId: string, now: number): Change {
  const r = random();
  if (r < 0.55) return changeAmount(random, companyId);
  if (r < 0.75) return changeRevenue(random, companyId);
  if (r < 0.9) return winDeal(random, companyId, now);
  return newDeal(random, companyId, now);
}
