// The generated project as it should be on disk, for the writer script and the drift test.
// The deployment-specific values (base URL, support e-mail) are kept from the committed
// app-hsmeta.json, so an operator who regenerated with their own --base-url stays in sync.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, DEFAULT_CONFIG_PATH } from '../../../src/config/index.ts';
import { HUBSPOT_PROJECT_DIR, PLACEHOLDER_BASE_URL, renderHubspotProject } from './render-project.ts';

export const PLACEHOLDER_SUPPORT_EMAIL = 'support@lead-router.example.com';

export interface DeploymentValues {
  baseUrl: string;
  supportEmail: string;
}

/** Base URL and support e-mail from the committed app component, or the placeholders. */
export function committedDeploymentValues(root: string): DeploymentValues {
  try {
    const app = JSON.parse(readFileSync(join(root, HUBSPOT_PROJECT_DIR, 'src/app/app-hsmeta.json'), 'utf8')) as {
      config?: { permittedUrls?: { fetch?: string[] }; support?: { supportEmail?: string } };
    };
    return {
      baseUrl: app.config?.permittedUrls?.fetch?.[0] ?? PLACEHOLDER_BASE_URL,
      supportEmail: app.config?.support?.supportEmail ?? PLACEHOLDER_SUPPORT_EMAIL,
    };
  } catch {
    return { baseUrl: PLACEHOLDER_BASE_URL, supportEmail: PLACEHOLDER_SUPPORT_EMAIL };
  }
}

/** Project-relative path -> expected text, rendered from the default config (config/lead-router.yaml). */
export function expectedProjectFiles(root: string, values: DeploymentValues = committedDeploymentValues(root)): Record<string, string> {
  const { config } = loadConfig(join(root, DEFAULT_CONFIG_PATH));
  return renderHubspotProject({ config, baseUrl: values.baseUrl, supportEmail: values.supportEmail });
}
