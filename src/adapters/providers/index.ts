import type { ProviderRegistry } from '../../ports/traffic-provider.js';
import { azureMlCapabilities, createAzureMlProvider } from './azure-ml.js';
import { flagdProviderType } from './flagd.js';
import { createKServeProvider, kserveCapabilities } from './kserve.js';
import { createLaunchDarklyProvider, launchDarklyCapabilities } from './launchdarkly.js';
import { createLitellmProvider, litellmCapabilities } from './litellm.js';
import { createPortkeyProvider, portkeyCapabilities } from './portkey.js';
import { createSagemakerProvider, SAGEMAKER_CAPABILITIES } from './sagemaker.js';
import { createStatsigProvider, statsigCapabilities } from './statsig.js';
import { createUnleashProvider, unleashCapabilities } from './unleash.js';
import { createVertexAiProvider, vertexAiCapabilities } from './vertex-ai.js';
import { createWebhookProvider, webhookCapabilities } from './webhook.js';

/**
 * Every traffic provider, by `type`. A new provider is one file here with its schema fragment
 * beside it (`<type>.schema.json`, composed into schemas/ by `npm run generate`) plus one line below;
 * the registry's type makes the line required once the fragment is generated. `capabilities` are
 * what `validate` and `plan` hold a policy to before anything is built (the type's defaults where
 * an entry can change them: the built adapter answers its own).
 */
export const trafficProviders: ProviderRegistry = {
  'azure-ml': { capabilities: azureMlCapabilities, create: createAzureMlProvider },
  flagd: flagdProviderType,
  kserve: { capabilities: kserveCapabilities, create: createKServeProvider },
  launchdarkly: { capabilities: launchDarklyCapabilities({}), create: createLaunchDarklyProvider },
  litellm: { capabilities: litellmCapabilities, create: createLitellmProvider },
  portkey: { capabilities: portkeyCapabilities, create: createPortkeyProvider },
  sagemaker: { capabilities: SAGEMAKER_CAPABILITIES, create: createSagemakerProvider },
  statsig: { capabilities: statsigCapabilities, create: createStatsigProvider },
  unleash: { capabilities: unleashCapabilities, create: createUnleashProvider },
  'vertex-ai': { capabilities: vertexAiCapabilities, create: createVertexAiProvider },
  webhook: { capabilities: webhookCapabilities, create: createWebhookProvider },
};
