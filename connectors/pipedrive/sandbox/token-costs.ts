// Daily-budget token cost of one call (pipedrive.md §4). v1 (official): get one 2, list 20,
// update one 10, delete one 6, search 40; create is not listed and costs what an update does.
// v2 (third-party report cited in §4, "about 50% less"): get 1, list 10, create/update 5,
// delete 3, search 20.
export type CallOp = 'get' | 'list' | 'create' | 'update' | 'delete' | 'search';
export type ApiVersion = 'v1' | 'v2';

const COSTS: Record<ApiVersion, Record<CallOp, number>> = {
  v1: { get: 2, list: 20, create: 10, update: 10, delete: 6, search: 40 },
  v2: { get: 1, list: 10, create: 5, update: 5, delete: 3, search: 20 },
};

export function tokenCost(op: CallOp, version: ApiVersion): number {
  return COSTS[version][op];
}
