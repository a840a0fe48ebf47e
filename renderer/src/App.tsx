import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './components/LanguageSwitch.js';
import { call } from './companion.js';
import { OfflineScreen } from './screens/OfflineScreen.js';
import { PortalScreen } from './screens/PortalScreen.js';
import { SiteScreen } from './screens/SiteScreen.js';
import { SystemInfoScreen } from './screens/SystemInfoScreen.js';
import { SystemsScreen } from './screens/SystemsScreen.js';
import { focusScreenHeading } from './lib/focus.js';
import { followHash, useNav, type Screen } from './stores/nav.js';
import { followOfflineEvents, useOffline } from './stores/offline.js';
import { followOnlineEvents } from './stores/portal.js';
import { followSiteEvents, useSite } from './stores/site.js';

/** `sub` entries sit under the one before; `also` are screens reached from the entry (its pages). */
const NAV: { screen: Screen; label: 'site' | 'offline' | 'portal' | 'systems'; sub?: boolean; also?: Screen[] }[] = [
  { screen: 'site', label: 'site' },
  { screen: 'offline', label: 'offline' },
  { screen: 'portal', label: 'portal' },
  { screen: 'systems', label: 'systems', sub: true, also: ['system'] },
];

export function App() {
  const { t } = useTranslation();
  const [version, setVersion] = useState('');
  const screen = useNav((s) => s.screen);
  const waiting = useOffline((s) => s.status?.requests.filter((r) => r.state === 'pending').length ?? 0);
  useEffect(() => {
    void call('app.info', {}).then((info) => setVersion(info.version), () => setVersion(''));
    void useSite.getState().load();
    void useOffline.getState().load();
    const offSite = followSiteEvents();
    const offOffline = followOfflineEvents();
    // Online writes retried in main (nobody waiting) update the Portal screen's result.
    const offOnline = followOnlineEvents();
    const offHash = followHash();
    return () => {
      offSite();
      offOffline();
      offOnline();
      offHash();
    };
  }, []);
  return (
    <div className="app">
      {/* The first Tab stop: past the sidebar to the screen. Not a plain #anchor: the hash names the screen. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          focusScreenHeading();
        }}
      >
        {t('app.skip')}
      </a>
      <nav className="sidebar" aria-label={t('app.nav.label')}>
        <div className="brand">
          BMS Companion{version && <span className="version">{version}</span>}
        </div>
        {NAV.map((item) => (
          <a
            key={item.screen}
            className={`nav-item${item.sub ? ' nav-sub' : ''}${screen === item.screen || item.also?.includes(screen) ? ' active' : ''}`}
            aria-current={screen === item.screen ? 'page' : item.also?.includes(screen) ? 'true' : undefined}
            href={`#${item.screen}`}
            onClick={(e) => {
              e.preventDefault();
              useNav.getState().go(item.screen);
            }}
          >
            {t(`app.nav.${item.label}`)}
            {item.screen === 'offline' && waiting > 0 && (
              <span className="nav-count" aria-label={t('app.waiting', { count: waiting })}>
                {waiting}
              </span>
            )}
          </a>
        ))}
        <LanguageSwitch className="sidebar-language" />
      </nav>
      <main className="content" id="main">
        {screen === 'site' && <SiteScreen />}
        {screen === 'offline' && <OfflineScreen />}
        {screen === 'portal' && <PortalScreen />}
        {screen === 'systems' && <SystemsScreen />}
        {screen === 'system' && <SystemInfoScreen />}
      </main>
    </div>
  );
}
