// Installs the app into the sandbox portal the way an admin would: open /oauth/install, follow the
// sandbox's consent redirect back to /oauth/callback. The callback stores the tokens and queues
// the first full pass. Without a portal id the admin approves for the sandbox portal; with one, for
// that portal (as an admin of several portals picks one on HubSpot's consent page).
export async function installThroughOAuth(appUrl: string, portalId?: string): Promise<{ status: number; page: string }> {
  const install = await fetch(`${appUrl}/oauth/install`, { redirect: 'manual' });
  const authorize = install.headers.get('location');
  if (install.status !== 302 || !authorize) throw new Error(`/oauth/install answered ${install.status}`);
  const consentUrl = new URL(authorize);
  if (portalId) consentUrl.searchParams.set('portal_id', portalId);
  const consent = await fetch(consentUrl, { redirect: 'manual' });
  const callback = consent.headers.get('location');
  if (consent.status !== 302 || !callback) throw new Error(`the sandbox's authorize page answered ${consent.status}`);
  const done = await fetch(callback, { redirect: 'manual' });
  return { status: done.status, page: await done.text() };
}
