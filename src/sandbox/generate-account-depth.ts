// The account-depth part of a generated portfolio (scoring-model.md §8–§10): which company is whose
// parent, the contacts of each company with their buying roles, and the line items of won deals
// with the products they name. It draws from its own seeded stream, so turning it on adds to the
// companies and deals the generator yields without changing any of them.
import type { CompanyInput, LineItemInput, RecordInput } from '../model/types.ts';
import { chance, mulberry32, pick } from './seeded-random.ts';

/** HubSpot's buying roles (the contact property `hs_buying_role`, a multiple checkbox). */
const ROLES = ['DECISION_MAKER', 'CHAMPION', 'EXECUTIVE_SPONSOR', 'BUDGET_HOLDER', 'INFLUENCER', 'END_USER', 'BLOCKER', 'LEGAL_AND_COMPLIANCE', 'OTHER'];
const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Eva', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Lars'];
const LAST = ['Berger', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ivanova', 'Jensen', 'Keller', 'Lindqvist', 'Moreau'];

/** The product catalogue: a line each (`kam_product_line`), but one product that names none (its line is its name). */
const CATALOGUE: Array<[name: string, line: string | null, price: number]> = [
  ['Platform Core', 'Platform', 24_000],
  ['Platform Analytics', 'Platform', 12_000],
  ['Implementation', 'Services', 8_000],
  ['Training', 'Services', 2_500],
  ['Premium Support', 'Support', 6_000],
  ['Standard Support', 'Support', 3_000],
  ['Edge Gateway', 'Hardware', 4_500],
  ['Sensor Kit', 'Hardware', 900],
  ['Consulting Day', null, 1_500],
];

/** The portal's products, with ids derived from the first company id (the same on every run). */
export function generateProducts(firstId = 1001): RecordInput[] {
  return CATALOGUE.map(([name, line, price], i) => ({
    id: String(firstId * 10_000 + i),
    properties: { hs_object_id: String(firstId * 10_000 + i), name, price: String(price), kam_product_line: line },
  }));
}

const GROUP_START = 0.12;
const MAX_LEVEL = 2;
const NO_CONTACTS = 0.25;
const LINE_ITEMS_ON_WON = 0.7;

interface Member {
  id: string;
  level: number;
}

/**
 * A function that adds parentId, contacts and line items to each company in turn (companies must
 * come in the generator's order). Groups are runs of 2–6 consecutive companies: the first is the top,
 * each later one the child of an earlier member at most two levels down, so a group is 2 or 3 deep.
 */
export function accountDepth(seed: number, firstId: number): (company: CompanyInput) => void {
  const rnd = mulberry32(Math.imul(seed, 7919) + 104_729);
  const products = generateProducts(firstId);
  let nextContactId = firstId * 100;
  let nextLineItemId = firstId * 1000;
  let group: Member[] = [];
  let groupLeft = 0;

  const parentOf = (id: string): string | null => {
    if (groupLeft === 0 && chance(rnd, GROUP_START)) {
      group = [{ id, level: 0 }];
      groupLeft = 1 + Math.floor(rnd() * 5);
      return null;
    }
    if (groupLeft === 0) return null;
    groupLeft -= 1;
    const candidates = group.filter((m) => m.level < MAX_LEVEL);
    const parent = pick(rnd, candidates);
    group.push({ id, level: parent.level + 1 });
    return parent.id;
  };

  const contact = (): RecordInput => {
    const id = String(nextContactId++);
    const first = pick(rnd, FIRST);
    const last = pick(rnd, LAST);
    const r = rnd();
    const roles = r < 0.4 ? [] : r < 0.85 ? [pick(rnd, ROLES)] : [...new Set([pick(rnd, ROLES), pick(rnd, ROLES)])];
    return {
      id,
      properties: {
        hs_object_id: id, firstname: first, lastname: last, email: `${first}.${last}.${id}@example.com`.toLowerCase(),
        hs_buying_role: roles.length ? roles.join(';') : null,
      },
    };
  };

  const lineItems = (amount: number, favourite: number): LineItemInput[] => {
    const n = 1 + Math.floor(rnd() * 3);
    const items: LineItemInput[] = [];
    for (let k = 0; k < n; k++) {
      const product = (k === 0 ? products[favourite] : pick(rnd, products)) as RecordInput;
      const quantity = 1 + Math.floor(rnd() * 4);
      const price = Math.max(1, Math.round(amount / n / quantity));
      const id = String(nextLineItemId++);
      items.push({
        id,
        properties: { hs_object_id: id, name: product.properties.name ?? null, hs_product_id: product.id, quantity: String(quantity), price: String(price), amount: String(price * quantity) },
        product,
      });
    }
    return items;
  };

  return (company) => {
    company.parentId = parentOf(company.id);
    const contacts: RecordInput[] = [];
    if (!chance(rnd, NO_CONTACTS)) for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) contacts.push(contact());
    company.contacts = contacts;
    // Each company leans to one product; its won deals mostly carry it.
    const favourite = Math.floor(rnd() * products.length);
    for (const deal of company.deals ?? []) {
      if (deal.properties.hs_is_closed_won !== 'true' || !chance(rnd, LINE_ITEMS_ON_WON)) continue;
      const amount = Number(deal.properties.amount);
      if (Number.isFinite(amount) && amount > 0) deal.lineItems = lineItems(amount, favourite);
    }
  };
}
