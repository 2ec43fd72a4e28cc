/**
 * Client side of Filters.astro: combines the checked radios instantly, keeps them in the URL
 * (read back on load, so a filtered view can be shared), announces the number of results in
 * the status region and shows the "no result" message. Setting `data-js` on the root turns
 * the no-JavaScript CSS rules off.
 */
export function initFilters(root: HTMLElement): void {
  const form = root.querySelector('form');
  const countEl = root.querySelector<HTMLElement>('[data-filter-count]');
  const emptyEl = root.querySelector<HTMLElement>('[data-filter-empty]');
  if (!form || !countEl || !emptyEl) return;
  const count: HTMLElement = countEl;
  const empty: HTMLElement = emptyEl;
  const items = [...root.querySelectorAll<HTMLElement>('[data-filter-item]')];
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
  const keys = [...new Set(radios.map((r) => r.name))];
  const one = root.dataset['nounOne'] ?? 'résultat';
  const many = root.dataset['nounMany'] ?? 'résultats';
  root.dataset['js'] = '';

  const params = new URLSearchParams(window.location.search);
  for (const key of keys) {
    const wanted = params.get(key);
    const radio = wanted ? radios.find((r) => r.name === key && r.value === wanted) : undefined;
    if (radio) radio.checked = true;
  }

  const choice = () => Object.fromEntries(keys.map((k) => [k, radios.find((r) => r.name === k && r.checked)?.value ?? '']));

  function apply() {
    const c = choice();
    let shown = 0;
    for (const item of items) {
      const ok = Object.entries(c).every(([k, v]) => !v || (item.getAttribute(`data-f-${k}`) ?? '').split(' ').includes(v));
      item.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown === 0 ? `Aucun ${one} affiché` : `${shown} ${shown > 1 ? many : one} affiché${shown > 1 ? 's' : ''}`;
    empty.hidden = shown > 0;
    const url = new URL(window.location.href);
    for (const [k, v] of Object.entries(c)) {
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    window.history.replaceState(window.history.state, '', url);
  }

  form.addEventListener('change', apply);
  // The reset event fires before the inputs change back.
  form.addEventListener('reset', () => window.setTimeout(apply));
  form.addEventListener('submit', (e) => e.preventDefault());
  apply();
}
