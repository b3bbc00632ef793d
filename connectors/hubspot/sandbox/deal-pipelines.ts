// Deal pipelines of the sandbox portal (GET /crm/v3/pipelines/deals): each stage's metadata says
// whether it is closed and its win probability, as strings ("true" / "1.0"), which is how an app
// tells closed-won from closed-lost in pipelines it does not know. The stage ids are the options
// of the deal `dealstage` property (and pipeline ids of `pipeline`), so writes are validated.
import type { PropertyRegistry } from './property-registry.ts';
import type { DealPipelineInput } from './types.ts';

/** HubSpot's default sales pipeline, plus a custom one whose closed stages have custom ids. */
export const DEFAULT_DEAL_PIPELINES: DealPipelineInput[] = [
  {
    id: 'default',
    label: 'Sales Pipeline',
    stages: [
      { id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: 0.2 },
      { id: 'qualifiedtobuy', label: 'Qualified To Buy', probability: 0.4 },
      { id: 'presentationscheduled', label: 'Presentation Scheduled', probability: 0.6 },
      { id: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', probability: 0.8 },
      { id: 'contractsent', label: 'Contract Sent', probability: 0.9 },
      { id: 'closedwon', label: 'Closed Won', won: true },
      { id: 'closedlost', label: 'Closed Lost', lost: true },
    ],
  },
  {
    id: '7654321',
    label: 'Renewals',
    stages: [
      { id: '1100001', label: 'Renewal due', probability: 0.5 },
      { id: '1100002', label: 'Renewed', won: true },
      { id: '1100003', label: 'Churned', lost: true },
    ],
  },
];

export interface DealPipelines {
  list(): DealPipelineInput[];
  get(id: string): DealPipelineInput | undefined;
  /** The stage and its pipeline, by stage id. */
  stage(stageId: string): { pipeline: DealPipelineInput; stage: DealPipelineInput['stages'][number] } | undefined;
  /** Closed stages are those marked won or lost. */
  isClosed(stageId: string): boolean;
}

export function createDealPipelines(pipelines: DealPipelineInput[], registry: PropertyRegistry): DealPipelines {
  const stageProp = registry.get('deals', 'dealstage');
  const pipelineProp = registry.get('deals', 'pipeline');
  if (stageProp) stageProp.options = pipelines.flatMap((p) => p.stages).map((s, displayOrder) => ({ label: s.label, value: s.id, displayOrder, hidden: false }));
  if (pipelineProp) pipelineProp.options = pipelines.map((p, displayOrder) => ({ label: p.label, value: p.id, displayOrder, hidden: false }));
  const find = (stageId: string) => {
    for (const pipeline of pipelines) {
      const stage = pipeline.stages.find((s) => s.id === stageId);
      if (stage) return { pipeline, stage };
    }
    return undefined;
  };
  return {
    list: () => pipelines,
    get: (id) => pipelines.find((p) => p.id === id),
    stage: find,
    isClosed: (stageId) => {
      const found = find(stageId)?.stage;
      return found?.won === true || found?.lost === true;
    },
  };
}

/** A pipeline as the v3 pipelines API returns it. */
export function pipelineToApi(p: DealPipelineInput, displayOrder: number, at: string): Record<string, unknown> {
  return {
    id: p.id, label: p.label, displayOrder, archived: false, createdAt: at, updatedAt: at,
    stages: p.stages.map((s, i) => ({
      id: s.id, label: s.label, displayOrder: i, archived: false, createdAt: at, updatedAt: at, writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
      metadata: { isClosed: String(s.won === true || s.lost === true), probability: (s.won ? 1 : s.lost ? 0 : (s.probability ?? 0.5)).toFixed(1) },
    })),
  };
}
