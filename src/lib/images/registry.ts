/**
 * Variants asked for while pages render. Pages render inside the bundled server code while the
 * integration (src/integrations/images.ts) runs from the config: two copies of this module, one
 * process. The state therefore lives on `globalThis` under a registered symbol.
 */
import type { Variant } from './pipeline.ts';

interface RegistryState { variants: Map<string, Variant>; warned: Set<string> }

const KEY = Symbol.for('eig.images.registry');

function state(): RegistryState {
  const g = globalThis as typeof globalThis & { [KEY]?: RegistryState };
  return (g[KEY] ??= { variants: new Map(), warned: new Set() });
}

export function registerVariants(variants: Iterable<Variant>): void {
  const map = state().variants;
  for (const v of variants) map.set(v.name, v);
}

export function lookupVariant(name: string): Variant | undefined {
  return state().variants.get(name);
}

export function registeredVariants(): Variant[] {
  return [...state().variants.values()];
}

export function clearRegistry(): void {
  state().variants.clear();
  state().warned.clear();
}

/** Prints a warning once per key for the whole build (an unreadable file used on many pages). */
export function warnOnce(key: string, message: string): void {
  const warned = state().warned;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(message);
}
