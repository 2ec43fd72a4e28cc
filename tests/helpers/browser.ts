import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];

/**
 * Debian's Chromium driven by playwright-core. Fails with the exact install command when absent.
 * `extraArgs`: more switches (e.g. `--host-resolver-rules=…` for the DNS-rebinding test).
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = CANDIDATES.find((p) => existsSync(p));
  if (!executablePath) {
    throw new Error('Chromium est introuvable. Installez-le avec : apt-get install -y chromium (ou indiquez son chemin dans CHROMIUM_PATH).');
  }
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}
