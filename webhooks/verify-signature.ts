// The webhook route's signature check lives in src/hubspot/ (the /api/hubspot routes use the same
// verifier); re-exported here so webhooks/ keeps its own import path.
export * from '../src/hubspot/verify-signature.ts';
