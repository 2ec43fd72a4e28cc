/** /flux/defis.xml — RSS feed of the défis (lib/feeds.ts). */
import { FEEDS, feedResponse } from '../../lib/feeds.ts';

export const GET = () => feedResponse(FEEDS.defis);
