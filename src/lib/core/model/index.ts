export { listModels, type ModelEndpoint } from './list-models.ts';
export { modelPresets } from './presets.ts';
