import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { hardenWebContents, installSecurity, ALLOWED_PERMISSIONS } = await import('../../electron/main/security.js');
const { allowedExternalUrl, openExternalSafe } = await import('../../electron/main/links.js');
const { APP_ORIGIN, devServerOrigin } = await import('../../electron/main/origins.js');
type WebContents = import('electron').WebContents;

const TRUSTED = [APP_ORIGIN];
let wc: InstanceType<typeof double.FakeWebContents>;

beforeEach(() => {
  double.resetElectronDouble();
  wc = new double.FakeWebContents();
  hardenWebContents(wc as unknown as WebContents, TRUSTED);
});

const flush = () => new Promise((r) => setTimeout(r, 0));

/** ARCHITECTURE.md security items 4 (navigation, window.open, openExternal) and 5 (webview, permissions). */
describe('navigation', () => {
  it('stays inside the app', () => {
    expect(wc.fire('will-navigate', 'app://ops/index.html#/catalog').defaultPrevented).toBe(false);
    expect(wc.fireEvent('will-frame-navigate', new double.FakeEvent({ url: 'app://ops/other.html' })).defaultPrevented).toBe(false);
  });

  it.each([
    'https://evil.example/phish',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'not a url',
  ])('prevents will-navigate, will-frame-navigate and will-redirect to %s', (url) => {
    expect(wc.fire('will-navigate', url).defaultPrevented).toBe(true);
    expect(wc.fireEvent('will-frame-navigate', new double.FakeEvent({ url })).defaultPrevented).toBe(true);
    expect(wc.fire('will-redirect', url).defaultPrevented).toBe(true);
  });

  it('reads the target from event.url (current API) as well as the deprecated positional url', () => {
    expect(wc.fireEvent('will-navigate', new double.FakeEvent({ url: 'https://evil.example/' }), '').defaultPrevented).toBe(true);
    expect(wc.fireEvent('will-redirect', new double.FakeEvent({ url: 'https://evil.example/' }), '').defaultPrevented).toBe(true);
    expect(wc.fireEvent('will-navigate', new double.FakeEvent({ url: 'app://ops/index.html' }), '').defaultPrevented).toBe(false);
  });

  it('a link to an allowed https site goes to the system browser instead of replacing the app', async () => {
    expect(wc.fire('will-navigate', 'https://www.notion.so/page').defaultPrevented).toBe(true);
    await flush();
    expect(double.shell.opened).toEqual(['https://www.notion.so/page']);
  });

  it('window.open is always denied; only an allowed https URL is opened externally', async () => {
    expect(wc.windowOpenHandler!({ url: 'https://supabase.com/docs' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'app://ops/index.html' })).toEqual({ action: 'deny' });
    await flush();
    expect(double.shell.opened).toEqual(['https://supabase.com/docs']);
  });

  it('webview attachment is always prevented', () => {
    expect(wc.fire('will-attach-webview', {}, { src: 'app://ops/index.html' }).defaultPrevented).toBe(true);
    expect(wc.fire('will-attach-webview', {}, { src: 'https://evil.example/' }).defaultPrevented).toBe(true);
  });

  it('installSecurity hardens every webContents the app creates later', () => {
    installSecurity(double.app as never, double.session.defaultSession as never, TRUSTED);
    const later = new double.FakeWebContents();
    double.app.emit('web-contents-created', new double.FakeEvent(), later);
    expect(later.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(later.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('the vite dev server is trusted only unpackaged and only on loopback http', () => {
    expect(devServerOrigin('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://127.0.0.1:5173/', true)).toBeNull();
    expect(devServerOrigin('http://evil.example:5173/', false)).toBeNull();
    expect(devServerOrigin('https://localhost:5173/', false)).toBeNull();
  });
});

describe('permissions', () => {
  beforeEach(() => installSecurity(double.app as never, double.session.defaultSession as never, TRUSTED));

  const request = (permission: string, requestingUrl: string) =>
    new Promise<boolean>((resolve) =>
      double.session.defaultSession.permissionRequestHandler!(null, permission, resolve, { requestingUrl }),
    );

  it.each(['geolocation', 'media', 'notifications', 'midi', 'openExternal', 'hid', 'serial', 'clipboard-read', 'fullscreen'])(
    'denies %s requests and checks, even from the app',
    async (permission) => {
      expect(await request(permission, 'app://ops/index.html')).toBe(false);
      expect(double.session.defaultSession.permissionCheckHandler!(null, permission, 'app://ops', {})).toBe(false);
    },
  );

  it('grants a listed permission only to the app itself', async () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    expect(await request('clipboard-sanitized-write', 'app://ops/index.html')).toBe(true);
    expect(await request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(double.session.defaultSession.permissionCheckHandler!(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(
      false,
    );
  });

  it('denies every device (USB, HID, serial) permission', () => {
    expect(double.session.defaultSession.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://ops' })).toBe(false);
  });
});

describe('openExternal allow-list', () => {
  it.each([
    'file:///C:/Windows/System32/calc.exe',
    'smb://attacker/share',
    '\\\\attacker\\share',
    'ms-msdt:/id PCWDiagnostic',
    'opsdeck://whatever',
    'javascript:alert(1)',
    'http://www.notion.so/page',
    'https://www.notion.so.evil.example/',
    'https://evilnotion.so/',
    'https://user:pw@www.notion.so/',
    'https://www.notion.so:8443/',
    'https://supabase.co/',
    '',
  ])('rejects %s', async (url) => {
    expect(allowedExternalUrl(url)).toBeNull();
    expect(await openExternalSafe(url)).toBe(false);
    expect(double.shell.opened).toEqual([]);
  });

  it('rejects non-strings', async () => {
    expect(await openExternalSafe({ href: 'https://www.notion.so/' })).toBe(false);
    expect(double.shell.opened).toEqual([]);
  });

  it.each([
    'https://www.notion.so/OpsDeck-123',
    'https://acme.notion.site/page',
    'https://abcd1234.supabase.co/project',
    'https://github.com/opsdeck',
  ])('opens %s (parsed and normalised)', async (url) => {
    expect(await openExternalSafe(url)).toBe(true);
    expect(double.shell.opened).toEqual([new URL(url).href]);
  });
});
