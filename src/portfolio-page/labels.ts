// The words the page uses for the model's enumerations and for a company, and the category colours of the matrix.
import type { AccountFigures, Category, Quadrant } from '../model/types.ts';

/** A company's name as every view shows it, also when HubSpot has none. */
export const nameOf = (a: Pick<AccountFigures, 'companyId' | 'name'>): string => a.name ?? `(no name, id ${a.companyId})`;

// "Key (matrix)" and "Key account": the quadrant is not the category (scoring-model.md §11).
export const QUADRANT_LABELS: Record<Quadrant, string> = {
  key: 'Key (matrix)',
  key_development: 'Key development',
  maintenance: 'Maintenance',
  opportunistic: 'Opportunistic',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  target: 'Target',
  normal: 'Normal',
  key: 'Key account',
  lost: 'Lost',
};

/** Distinguishable for the common colour-vision deficiencies (Okabe–Ito), lost in a neutral grey. */
export const CATEGORY_COLOURS: Record<Category, string> = {
  target: '#009e73',
  normal: '#0072b2',
  key: '#e69f00',
  lost: '#8c8c8c',
};
