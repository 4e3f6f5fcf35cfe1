import { createCore } from '../electron/core/entry.ts';
const core = createCore({ dbPath: '/tmp/smoke.db', shell: 'headless' });
console.log(await core.router.request({ channel: 'system.info', input: {} }));
console.log(await core.router.request({ channel: 'settings.set', input: { language: 'en', extra: 1 } }));
console.log(await core.router.request({ channel: 'settings.set', input: { language: 'en' } }));
console.log(JSON.stringify(await core.router.request({ channel: 'audit.list', input: {} })));
console.log(await core.router.request({ channel: 'system.health', input: {} }));
core.close();
