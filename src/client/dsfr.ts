// DSFR behaviour used on every page: core (collapse, disclosure), the header's modal menu and
// search, the navigation's sub-menus and the display settings. Components used on some pages
// only (accordion, tabs) import their own module from their component file.
// First: the menu's dialog name, which DSFR reads when it starts (see the module).
import './header-menu-label.ts';
import '@gouvfr/dsfr/dist/core/core.module.min.js';
// The scheme (light/dark/system) API: without it the display settings' radios stay disabled.
import '@gouvfr/dsfr/dist/scheme/scheme.module.min.js';
import '@gouvfr/dsfr/dist/component/navigation/navigation.module.min.js';
import '@gouvfr/dsfr/dist/component/modal/modal.module.min.js';
import '@gouvfr/dsfr/dist/component/header/header.module.min.js';
import '@gouvfr/dsfr/dist/component/display/display.module.min.js';
