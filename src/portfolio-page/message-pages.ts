// The pages shown instead of the portfolio: which portal (when several have installed the app),
// an unknown portal, or a portal whose companies have not been read yet.
import { escapeHtml } from './html-escape.ts';
import { pageDocument } from './render-portfolio-page.ts';

function messagePage(title: string, inner: string): string {
  return pageDocument(title, `<header class="top"><div><h1>Key-account portfolio</h1></div></header><main><section class="panel empty">${inner}</section></main>`);
}

export function portalPickerPage(portals: readonly string[], basePath: string): string {
  const items = portals.map((p) => `<li><a href="${escapeHtml(`${basePath}?portal=${encodeURIComponent(p)}`)}">Portal ${escapeHtml(p)}</a></li>`).join('');
  return messagePage('Choose a portal', `<h2>Which portal?</h2><p>${portals.length} HubSpot portals have installed the app. Choose one:</p><ul class="portals" style="display:inline-block;text-align:left">${items}</ul>`);
}

export function noPortalPage(): string {
  return messagePage('No portal yet', '<h2>No portal has installed the app yet</h2><p>Install it from <a href="/oauth/install">/oauth/install</a>; the first full pass then fills this page.</p>');
}

export function unknownPortalPage(portalId: string, portals: readonly string[], basePath: string): string {
  const links = portals.map((p) => `<a href="${escapeHtml(`${basePath}?portal=${encodeURIComponent(p)}`)}">${escapeHtml(p)}</a>`).join(', ');
  return messagePage('Unknown portal', `<h2>Portal ${escapeHtml(portalId)} has not installed the app</h2><p>${portals.length ? `Installed: ${links}.` : 'No portal has installed it yet.'}</p>`);
}

export function notReadYetPage(portalId: string): string {
  return messagePage('Not scored yet', `<h2>No company of portal ${escapeHtml(portalId)} has been read yet</h2><p>A full portfolio pass reads them (it runs on install, daily, and on <code>kam backfill --portal ${escapeHtml(portalId)}</code>). Reload this page once it has run.</p>`);
}

export function badGroupPage(portalId: string, basePath: string): string {
  const back = `${basePath}?portal=${encodeURIComponent(portalId)}`;
  return messagePage('Unknown group', `<h2>A group is named by its top company's id</h2><p>The id is the company's HubSpot record id: 1 to 20 digits. <a href="${escapeHtml(back)}">Show the whole portfolio</a>.</p>`);
}

export function errorPage(): string {
  return messagePage('Error', '<h2>The portfolio could not be shown</h2><p>Something went wrong on the server; the log says what. Try again in a moment.</p>');
}
