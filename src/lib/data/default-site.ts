import demoJson from '../../../examples/sites/demo.json';
import { parseSite } from '$lib/core/grid/parse-site';
import type { Site } from '$lib/core/grid/site';

/** The demo site embedded in the app (examples/sites/demo.json, validated like any import). */
export const DEFAULT_SITE: Site = parseSite(demoJson, 'demo.json');
