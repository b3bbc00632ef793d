// One /metrics for the server and the pipeline thread (LEAD_ROUTER_PIPELINE=thread): each has
// its own registry (prom-client registries are per thread); a scrape asks the thread for its
// metrics as JSON and sums them with the server's, series by series, as prom-client's
// cluster aggregation does. Process metrics come from the server's registry only.
import { AggregatorRegistry, type Registry } from 'prom-client';

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** What the /metrics routes need from a registry. */
export type Scrapeable = Pick<Registry, 'metrics' | 'contentType'>;

export function mergedMetrics(own: Registry, other: () => Promise<MetricsJson | null>): Scrapeable {
  return {
    contentType: own.contentType,
    async metrics() {
      const theirs = await other();
      if (!theirs) return own.metrics();
      return AggregatorRegistry.aggregate([await own.getMetricsAsJSON(), theirs]).metrics();
    },
  };
}
