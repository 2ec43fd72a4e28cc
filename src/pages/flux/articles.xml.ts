/** /flux/articles.xml — RSS feed of the blog's articles (lib/feeds.ts). */
import { FEEDS, feedResponse } from '../../lib/feeds.ts';

export const GET = () => feedResponse(FEEDS.articles);
