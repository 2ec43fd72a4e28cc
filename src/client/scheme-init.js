// Display settings before the first paint (loaded by Base.astro as a blocking script in <head>,
// external so that a strict Content-Security-Policy needs no 'unsafe-inline'). The DSFR's display
// module stores the visitor's choice in localStorage "scheme" (light | dark | system) but runs
// after the page is painted; this applies the same choice at once, so no page flashes light
// before turning dark. "system" follows prefers-color-scheme.
(function () {
  var root = document.documentElement;
  var scheme = 'system';
  try {
    var saved = window.localStorage.getItem('scheme');
    if (saved === 'light' || saved === 'dark' || saved === 'system') scheme = saved;
  } catch (e) { /* storage blocked: keep the system setting */ }
  var dark = scheme === 'dark' || (scheme === 'system' && !!window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  root.setAttribute('data-fr-scheme', scheme);
  root.setAttribute('data-fr-theme', dark ? 'dark' : 'light');
  if (dark) root.style.colorScheme = 'dark';
})();
