import { isTrustedUrl } from './origins.js';
import { openExternalSafe } from './links.js';
import type { App, Session, WebContents } from 'electron';

/**
 * Permissions the renderer may get, and only from a trusted origin. Everything else (geolocation,
 * media, notifications from web content, HID, serial…) is denied; native notifications come from main.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = Object.freeze(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string, trustedOrigins: readonly string[]): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && isTrustedUrl(requestingUrl, trustedOrigins);
}

/** Navigation, redirects, popups and webviews for one webContents (security items 4 and 5). */
export function hardenWebContents(contents: WebContents, trustedOrigins: readonly string[]): void {
  const keepInApp = (event: { preventDefault(): void }, url: string) => {
    if (isTrustedUrl(url, trustedOrigins)) return;
    event.preventDefault();
    void openExternalSafe(url);
  };
  // `event.url` is the current API; the positional url is its deprecated twin.
  contents.on('will-navigate', (event, url) => keepInApp(event, event.url || url));
  contents.on('will-frame-navigate', (event) => {
    if (!isTrustedUrl(event.url, trustedOrigins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(event.url || url, trustedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafe(url);
    return { action: 'deny' };
  });
}

export function installPermissionPolicy(session: Session, trustedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl, trustedOrigins));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, trustedOrigins));
  session.setDevicePermissionHandler(() => false);
}

/** Applies the policy to every webContents the app will ever create, before any exists. */
export function installSecurity(app: App, session: Session, trustedOrigins: readonly string[]): void {
  installPermissionPolicy(session, trustedOrigins);
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, trustedOrigins));
}
