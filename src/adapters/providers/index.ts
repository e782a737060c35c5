import type { ProviderRegistry } from '../../ports/traffic-provider.js';
import { flagdProviderType } from './flagd.js';

/**
 * Every traffic provider, by `type`. A new provider is one file here with its schema fragment
 * beside it (`<type>.schema.json`, composed into schemas/ by `npm run generate`) plus one line below;
 * the registry's type makes the line required once the fragment is generated.
 */
export const trafficProviders: ProviderRegistry = {
  flagd: flagdProviderType,
};
