// No test ever reaches a real host: nock refuses every connection but loopback (the test Redis,
// local servers and the sandbox).
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
