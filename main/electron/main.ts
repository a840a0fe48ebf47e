// The Electron host: a window, the app:// protocol, and the contract bound to IPC. Kept thin on
// purpose; everything the app does lives in main/services, which runs without Electron.
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/contract/names.js';
import { createDispatcher } from '../host/dispatch.js';
import { APP_ORIGIN, ipcCallHandler } from '../host/ipc-guard.js';
import { containedPath, contentSecurityPolicy, MIME_TYPES } from '../host/security.js';
import { appRoot, appVersion } from '../services/app-paths.js';
import { createCompanion } from '../services/index.js';
import { safeStorageBox } from './safe-storage-box.js';

const root = appRoot(__filename);
const rendererDir = path.join(root, 'dist', 'renderer');

// A data folder chosen by the user (or a test) instead of the default user-data folder.
if (process.env.BMS_DATA_DIR) app.setPath('userData', path.resolve(process.env.BMS_DATA_DIR));

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  // Deny by default: no navigation away, no new windows, no webviews, no permissions.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    // Writing to the clipboard (Copy of a request code) is the one permission, for the app's own page.
    const allowed = (permission: string, origin: string) => permission === 'clipboard-sanitized-write' && origin.startsWith(APP_ORIGIN);
    session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => callback(allowed(permission, wc.getURL())));
    session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) => allowed(permission, origin));

    protocol.handle('app', (request) => {
      const url = new URL(request.url);
      const file = url.host === 'companion' ? containedPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname) : null;
      if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('Not found', { status: 404 });
      return new Response(fs.readFileSync(file), {
        headers: {
          'content-type': MIME_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'content-security-policy': contentSecurityPolicy(),
          'x-content-type-options': 'nosniff',
        },
      });
    });

    const dataDir = app.getPath('userData');
    const companion = createCompanion({
      dataDir,
      secrets: safeStorageBox(dataDir),
      version: appVersion(root),
      emit: (name, payload) => window?.webContents.send(IPC_EVENT_CHANNEL, name, payload),
    });
    const dispatch = createDispatcher(companion.handlers);

    // Only the app's own top-level page may call main.
    const handle = ipcCallHandler(dispatch);
    ipcMain.handle(IPC_CALL_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, input: unknown) => handle(event, name, input));

    window = new BrowserWindow({
      width: 1280,
      height: 820,
      title: 'BMS Companion',
      show: false,
      webPreferences: {
        preload: path.join(root, 'dist', 'preload', 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        spellcheck: false,
      },
    });
    window.once('ready-to-show', () => window?.show());
    void window.loadURL(`${APP_ORIGIN}/index.html`);

    app.on('window-all-closed', () => {
      companion.close();
      app.quit();
    });
  });
}
