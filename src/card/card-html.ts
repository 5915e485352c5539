// The company card as a static HTML page, drawn from the same view model as the React card, so a
// screenshot taken in a plain browser shows exactly what a rep sees on the record. No scripts, no
// external assets: every value is escaped and the styles are inline.
import type { CardDepth, CardGroup, CardProductLines, CardRelationship } from './card-depth.ts';
import type { BadgeVariant, CardInput, CardViewModel } from './card-view-model.ts';

export interface CardHtmlOptions {
  /** The card's title as HubSpot shows it on the tab (the manifest's card title). */
  title: string;
}

const TAG_COLOURS: Record<BadgeVariant, { bg: string; border: string }> = {
  default: { bg: '#eaf0f6', border: '#cbd6e2' },
  success: { bg: '#e5f8f6', border: '#00bda5' },
  warning: { bg: '#fef8f0', border: '#f5c26b' },
  error: { bg: '#fdedee', border: '#f2545b' },
  info: { bg: '#e5f5f8', border: '#00a4bd' },
};

const STYLE = `
body{margin:0;padding:24px;background:#f5f8fa;font-family:"Lexend Deca",Helvetica,Arial,sans-serif;color:#33475b;font-size:14px}
.card{max-width:760px;background:#fff;border:1px solid #cbd6e2;border-radius:4px;padding:20px 24px}
h1{font-size:18px;margin:0 0 4px}h2{font-size:14px;margin:16px 0 8px}
.micro{font-size:12px;color:#516f90}.tags{display:flex;flex-wrap:wrap;gap:6px;margin:12px 0}
.tag{border:1px solid;border-radius:3px;padding:2px 8px;font-size:12px}
.bar{height:8px;background:#eaf0f6;border-radius:4px;overflow:hidden;margin:6px 0}.bar span{display:block;height:100%}
.stats{display:flex;gap:32px;margin:12px 0}.stat .n{font-size:22px;font-weight:600}
.tip{background:#e5f5f8;border-left:4px solid #00a4bd;padding:8px 12px;margin:8px 0}
table{border-collapse:collapse;width:100%}td{padding:4px 8px;border-bottom:1px solid #eaf0f6;vertical-align:top}
td.missing{color:#0091ae;font-weight:600}hr{border:0;border-top:1px solid #cbd6e2;margin:16px 0}
table.figures th{text-align:left;font-size:12px;color:#516f90;padding:4px 8px;border-bottom:1px solid #cbd6e2}
table.figures .num{text-align:right}.warn{background:#fef8f0;border-left:4px solid #f5c26b;padding:8px 12px;margin:8px 0}`;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A complete HTML document showing the card for this view model. */
export function cardHtml(model: CardViewModel, options: CardHtmlOptions): string {
  const heading = model.companyName === null ? options.title : `${options.title} · ${model.companyName}`;
  const body = [
    `<h1>${escapeHtml(heading)}</h1>`,
    `<div class="micro" data-testid="status">${escapeHtml(model.status)}</div>`,
    model.scored ? scoreSection(model) : '',
    model.depth === null ? '' : `<hr>\n${depthSection(model.depth)}`,
    '<hr>',
    inputsSection(model),
  ].join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title>`
    + `<style>${STYLE}</style></head>\n<body><div class="card">\n${body}\n</div></body></html>\n`;
}

function scoreSection(model: CardViewModel): string {
  const tags = model.badges.map((b) => tag(`${b.label}: ${b.text}`, b.variant, b.property));
  if (model.isKeyAccount) tags.push(tag('Key account', 'success', 'kam_is_key_account'));
  const sow = model.shareOfWallet;
  const barColour = sow.source === 'entered' ? '#00bda5' : '#f5c26b';
  const stats = model.figures.map((f) =>
    `<div class="stat" data-testid="${f.property}"><div class="micro">${escapeHtml(f.label)}</div><div class="n">${escapeHtml(f.text)}</div></div>`);
  return [
    `<div class="tags" data-testid="badges">${tags.join('')}</div>`,
    `<div data-testid="share_of_wallet"><strong>Share of wallet</strong>`,
    `<div class="bar"><span style="width:${sow.barValue}%;background:${barColour}"></span></div>`,
    `<div class="micro">${escapeHtml(`${sow.text} (${sow.sourceText})`)}</div></div>`,
    `<div class="stats">${stats.join('')}</div>`,
    model.explanation === null ? '' : `<h2>Why</h2><p data-testid="explanation">${escapeHtml(model.explanation)}</p>`,
  ].join('\n');
}

function depthSection(depth: CardDepth): string {
  if (!depth.written) return `<div class="tip" data-testid="depth-note"><strong>Groups, product lines and relationship: not available yet</strong><br>${escapeHtml(depth.note ?? '')}</div>`;
  return [
    depth.group === null ? '' : groupSection(depth.group),
    depth.relationship === null ? '' : relationshipSection(depth.relationship),
    depth.productLines === null ? '' : productLinesSection(depth.productLines),
  ].join('\n');
}

function figuresTable(testId: string, headers: [string, boolean][], rows: string[][]): string {
  const head = headers.map(([t, num]) => `<th${num ? ' class="num"' : ''}>${escapeHtml(t)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${headers[i]?.[1] ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table class="figures" data-testid="${testId}"><tr>${head}</tr>${body}</table>`;
}

function groupSection(g: CardGroup): string {
  const table = g.rows.length === 0 ? '' : figuresTable('group-figures', [['', false], ['This company', true], ['Group', true]], g.rows.map((r) => [r.label, r.own, r.group]));
  return `<h2>Group</h2><p data-testid="group-summary"><strong>${escapeHtml(g.summary)}</strong></p>${table}<p class="micro" data-testid="group-note">${escapeHtml(g.note)}</p>`;
}

function relationshipSection(r: CardRelationship): string {
  const roles = r.play === null
    ? `<p class="micro" data-testid="buying-roles">${escapeHtml(r.rolesText)}</p>`
    : `<div class="warn" data-testid="buying-roles"><strong>Buying committee</strong><br>${escapeHtml(`${r.rolesText} ${r.play}`)}</div>`;
  return `<h2>Relationship</h2><p data-testid="relationship-stage">${escapeHtml(`Stage: ${r.text}`)}</p>${roles}`;
}

function productLinesSection(p: CardProductLines): string {
  return [
    '<h2>Product lines</h2>',
    p.totalText === null ? '' : `<p data-testid="whitespace-total">${escapeHtml(`Whitespace: ${p.totalText} a year`)}</p>`,
    p.lines.length === 0 ? '' : figuresTable('product-lines', [['Product line', false], ['Bought from us', false], ['Whitespace', true]], p.lines.map((l) => [l.line, l.bought ? 'Yes' : 'No', l.whitespaceText])),
    p.note === null ? '' : `<p class="micro" data-testid="product-lines-note">${escapeHtml(p.note)}</p>`,
  ].join('');
}

function inputsSection(model: CardViewModel): string {
  const hint = model.hint === null
    ? '<p data-testid="hint">Every input is filled: the score uses all it can.</p>'
    : `<div class="tip" data-testid="hint"><strong>Sharpen the score</strong><br>${escapeHtml(model.hint)}</div>`;
  const ordered = [...model.missingInputs, ...model.inputs.filter((i) => !model.missingInputs.includes(i))];
  return `<h2>Inputs</h2>\n${hint}\n<table data-testid="inputs">${ordered.map(inputRow).join('')}</table>`;
}

function inputRow(input: CardInput): string {
  const missing = input.sharpens && !input.filled;
  const value = input.display ?? (missing ? 'Add a value' : '—');
  return `<tr data-property="${escapeHtml(input.property)}"><td title="${escapeHtml(input.description)}">${escapeHtml(input.label)}</td>`
    + `<td${missing ? ' class="missing"' : ''}>${escapeHtml(value)}</td></tr>`;
}

function tag(text: string, variant: BadgeVariant, property: string): string {
  const c = TAG_COLOURS[variant];
  return `<span class="tag" data-testid="${property}" style="background:${c.bg};border-color:${c.border}">${escapeHtml(text)}</span>`;
}
