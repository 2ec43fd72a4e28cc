import { defineCollection, z } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { contentTypes } from './content/model/index.ts';
import type { ContentType } from './content/model/types.ts';
import { typeSchema } from './content/model/to-zod.ts';
import { contentSet } from './lib/content/repository.ts';
import { markdownToHtml } from './lib/markdown/render.ts';
import { metricResolver } from './lib/metrics.ts';

/** Where an entry lives and is published; added to every entry by the loader. */
const meta = z.object({ url: z.string(), file: z.string(), title: z.string() });

/** Collection name in Astro: the folder type's name, or `page-<name>` for single pages. */
export const collectionName = (t: ContentType) => (t.kind === 'folder' ? t.name : `page-${t.name}`);

function modelLoader(type: ContentType): Loader {
  return {
    name: `eig-model-${collectionName(type)}`,
    async load({ store, parseData }) {
      store.clear();
      // `{{< chiffre … >}}` in bodies prints figures computed from the whole content set.
      const metric = metricResolver(contentSet().entries);
      for (const e of contentSet().entries) {
        if (e.type !== type) continue;
        const data = await parseData({ id: e.id, data: { ...e.data, _meta: { url: e.url, file: e.file, title: e.title } } });
        store.set({ id: e.id, data, body: e.body, rendered: { html: markdownToHtml(e.body, { metric }) } });
      }
    },
  };
}

export const collections = Object.fromEntries(
  contentTypes.map((t) => [collectionName(t), defineCollection({ loader: modelLoader(t), schema: typeSchema(t).extend({ _meta: meta }) })]),
);
