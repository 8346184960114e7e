// The ElastiCache API through the lazily imported AWS SDK: one small-retry client, calls that fail with clear lines.
import type {
  CacheCluster, ElastiCacheClient, ReplicationGroup, ServerlessCache,
} from '@aws-sdk/client-elasticache';
import { credentialProvider } from '../aws/aws-credentials.js';
import { cjsNamespace } from '../util/cjs-namespace.js';
import type { AwsSettings, Env } from '../aws/aws-settings.js';
import { ElastiCacheError, mapAwsError, noRegionError } from './errors.js';

type Sdk = typeof import('@aws-sdk/client-elasticache');

const NOT_FOUND = new Set(['ReplicationGroupNotFoundFault', 'ServerlessCacheNotFoundFault', 'CacheClusterNotFoundFault',
  // A name the API cannot even accept (too long, odd characters) is, for us, a name that does not exist.
  'InvalidParameterValue', 'InvalidParameterValueException']);

function isNotFound(err: unknown): boolean {
  return NOT_FOUND.has((err as { name?: string })?.name ?? '');
}

export class ElastiCacheApi {
  private constructor(
    private readonly sdk: Sdk,
    private readonly client: ElastiCacheClient,
    readonly region: string,
    private readonly settings: AwsSettings,
  ) {}

  /** Imports the SDK (only now), works out the region and credentials, builds the client. */
  static async open(settings: AwsSettings, env: Env): Promise<ElastiCacheApi> {
    if (!settings.region && settings.metadataDisabled) throw noRegionError();
    const ctx = { action: 'DescribeReplicationGroups', profile: settings.profile, endpoint: settings.endpointUrl };
    const sdk = cjsNamespace<Sdk>(await import('@aws-sdk/client-elasticache').catch((err: unknown) => {
      throw new ElastiCacheError(`eredis: cannot load the AWS SDK (@aws-sdk/client-elasticache): ${(err as Error).message}`, 'api');
    }), 'ElastiCacheClient');
    try {
      const client = new sdk.ElastiCacheClient({
        region: settings.region,
        profile: settings.profile,
        credentials: await credentialProvider(settings, env),
        ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
        // An interactive shell must not sit through the SDK's default 3 attempts with long socket timeouts.
        maxAttempts: 2,
        // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes, and keeps waiting.
        requestHandler: { connectionTimeout: 3000, requestTimeout: 5000, throwOnRequestTimeout: true },
      });
      // Without a known region the SDK may still find one (EC2 instance metadata); else "Region is missing".
      const region = settings.region ?? await client.config.region();
      return new ElastiCacheApi(sdk, client, region, settings);
    } catch (err) {
      throw mapAwsError(err, { ...ctx, region: settings.region });
    }
  }

  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw mapAwsError(err, {
        action, region: this.region, profile: this.settings.profile, endpoint: this.settings.endpointUrl,
      });
    }
  }

  /** The first item of a Describe call, or undefined when AWS says there is no such thing. */
  private findOne<T>(action: string, describe: () => Promise<T[] | undefined>): Promise<T | undefined> {
    return this.call(action, async () => {
      try {
        return (await describe())?.[0];
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    });
  }

  /** One replication group by id (case-insensitive on AWS's side), or undefined when there is none. */
  replicationGroup(id: string): Promise<ReplicationGroup | undefined> {
    return this.findOne('DescribeReplicationGroups', async () =>
      (await this.client.send(new this.sdk.DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups);
  }

  serverlessCache(name: string): Promise<ServerlessCache | undefined> {
    return this.findOne('DescribeServerlessCaches', async () =>
      (await this.client.send(new this.sdk.DescribeServerlessCachesCommand({ ServerlessCacheName: name }))).ServerlessCaches);
  }

  /** One node cluster with its node endpoints (cluster-mode-enabled members have no ReadEndpoint in the group). */
  cacheCluster(id: string): Promise<CacheCluster | undefined> {
    return this.findOne('DescribeCacheClusters', async () =>
      (await this.client.send(new this.sdk.DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }))).CacheClusters);
  }

  allReplicationGroups(pageSize = 100): Promise<ReplicationGroup[]> {
    return this.call('DescribeReplicationGroups', async () => {
      const pages = this.sdk.paginateDescribeReplicationGroups({ client: this.client, pageSize: clamp(pageSize, 20, 100) }, {});
      return collect(pages, (page) => page.ReplicationGroups);
    });
  }

  allServerlessCaches(pageSize = 50): Promise<ServerlessCache[]> {
    return this.call('DescribeServerlessCaches', async () => {
      const pages = this.sdk.paginateDescribeServerlessCaches({ client: this.client, pageSize: clamp(pageSize, 1, 50) }, {});
      return collect(pages, (page) => page.ServerlessCaches);
    });
  }

  allCacheClusters(showNodeInfo: boolean, pageSize = 100): Promise<CacheCluster[]> {
    return this.call('DescribeCacheClusters', async () => {
      const pages = this.sdk.paginateDescribeCacheClusters(
        { client: this.client, pageSize: clamp(pageSize, 20, 100) }, { ShowCacheNodeInfo: showNodeInfo });
      return collect(pages, (page) => page.CacheClusters);
    });
  }

  close(): void {
    this.client.destroy();
  }
}

/** Every item of every page a paginator yields. */
async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(n)));
}
