import type { DemoRun } from './types.ts';
import { InputError } from '../errors.ts';

export async function runPipedriveDemo(): Promise<DemoRun> {
  throw new InputError('The Pipedrive demo is not wired yet: run `npm run demo` (HubSpot)');
}
