/** The open data files of the site being built (CONTENT_DIR, MEDIA_DIR, SITE_URL). */
import { siteConfig } from '../site-env.ts';
import { contentSet } from '../content/repository.ts';
import { DATASETS, records } from './datasets.ts';
import { datasetFiles } from './formats.ts';

/** Every file under /donnees/, by file name (defis.json, defis.csv, defis.schema.json…). */
export function openDataFiles(): Record<string, string> {
  const { siteUrl, mediaDir } = siteConfig();
  const { entries } = contentSet();
  return Object.assign({}, ...DATASETS.map((ds) => datasetFiles(ds, records(ds, entries, siteUrl, mediaDir), siteUrl)));
}
