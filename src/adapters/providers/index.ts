import type { Provider } from '../../core/model/index.js';
import type { TrafficProvider } from '../../ports/traffic-provider.js';
import { createFlagdProvider } from './flagd.js';

/** Builds a provider from its `glidepath.yaml` entry; `root` is the repository the command runs in. */
export type TrafficProviderBuilder = (provider: Provider, ctx: { readonly root: string }) => TrafficProvider;

/** Every traffic provider, by `type`. A new provider is one file here plus one line below. */
export const trafficProviders: Readonly<Record<string, TrafficProviderBuilder>> = {
  flagd: (provider, ctx) => createFlagdProvider(provider, ctx),
};
