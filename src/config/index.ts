// Public entry point of the config module.
export { loadConfig, parseConfigText, type LoadedConfig } from './load.ts';
export { resolveConfigPath, DEFAULT_CONFIG_PATH } from './resolve-config-path.ts';
export { summarizeConfig, type ConfigSummary } from './summarize-config.ts';
