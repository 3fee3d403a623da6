/**
 * The product's version: the `version` of the server's package.json, kept equal to the root
 * package.json's and every workspace package's (version.test.ts checks it). Bundled into the
 * built server, so the production output needs no package.json beside it. See docs/upgrades.md.
 */
import manifest from '../package.json' with { type: 'json' };

/** Följsam's version, e.g. `0.9.0`: in /api/health, the start log and the store's record. */
export const PRODUCT_VERSION: string = manifest.version;
