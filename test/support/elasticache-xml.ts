// AWS Query XML for the stand-in ElastiCache API, with the service model's real list element names (not <member>).
import type { EndpointFx, GroupFx, MemberFx, ServerlessFx, ShardFx } from './elasticache-fixtures.js';

export const XMLNS = 'http://elasticache.amazonaws.com/doc/2015-02-02/';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<tag>text</tag>`, or nothing when the value is undefined. */
function t(tag: string, v: string | number | boolean | undefined): string {
  return v === undefined ? '' : `<${tag}>${esc(String(v))}</${tag}>`;
}

function ep(tag: string, e: EndpointFx | undefined): string {
  return e ? `<${tag}><Address>${esc(e.host)}</Address><Port>${e.port}</Port></${tag}>` : '';
}

function memberXml(m: MemberFx, cmd: boolean): string {
  // ReadEndpoint and CurrentRole exist only for cluster-mode-disabled groups (API_NodeGroupMember).
  return `<NodeGroupMember>${t('CacheClusterId', m.id)}${t('CacheNodeId', '0001')}${cmd ? ep('ReadEndpoint', m) : ''}`
    + `${t('PreferredAvailabilityZone', m.az)}${cmd ? t('CurrentRole', m.role) : ''}</NodeGroupMember>`;
}

function shardXml(s: ShardFx, cmd: boolean): string {
  return `<NodeGroup>${t('NodeGroupId', s.id)}${t('Status', 'available')}${ep('PrimaryEndpoint', s.primary)}`
    + `${ep('ReaderEndpoint', s.reader)}${t('Slots', s.slots)}`
    + `<NodeGroupMembers>${s.members.map((m) => memberXml(m, cmd)).join('')}</NodeGroupMembers></NodeGroup>`;
}

export function groupXml(g: GroupFx): string {
  const cmd = !g.clusterEnabled;
  const ids = g.shards.flatMap((s) => s.members.map((m) => m.id));
  return '<ReplicationGroup>'
    + t('ReplicationGroupId', g.id) + t('Description', g.description) + t('Status', g.status)
    + '<PendingModifiedValues/>'
    + `<MemberClusters>${ids.map((id) => t('ClusterId', id)).join('')}</MemberClusters>`
    + `<NodeGroups>${g.shards.map((s) => shardXml(s, cmd)).join('')}</NodeGroups>`
    + t('AutomaticFailover', 'enabled') + t('MultiAZ', 'enabled') + ep('ConfigurationEndpoint', g.configEndpoint)
    + t('ClusterEnabled', g.clusterEnabled) + t('CacheNodeType', g.nodeType) + t('AuthTokenEnabled', g.authToken)
    + (g.authToken ? t('AuthTokenLastModifiedDate', '2024-05-01T10:00:00.000Z') : '')
    + t('TransitEncryptionEnabled', g.tls) + (g.tls ? t('TransitEncryptionMode', 'required') : '')
    + t('AtRestEncryptionEnabled', true)
    + t('ARN', `arn:aws:elasticache:us-east-1:123456789012:replicationgroup:${g.id}`)
    // String lists without a locationName use the default <member>.
    + `<UserGroupIds>${g.userGroupIds.map((u) => t('member', u)).join('')}</UserGroupIds>`
    + t('NetworkType', 'ipv4') + t('IpDiscovery', 'ipv4') + t('ClusterMode', g.clusterMode) + t('Engine', g.engine)
    + '</ReplicationGroup>';
}

export function serverlessXml(s: ServerlessFx): string {
  return '<member>'
    + t('ServerlessCacheName', s.name) + t('Description', s.description) + t('CreateTime', '2024-05-01T10:00:00.000Z')
    + t('Status', s.status) + t('Engine', s.engine) + t('MajorEngineVersion', s.majorEngineVersion)
    + t('FullEngineVersion', s.fullEngineVersion) + ep('Endpoint', s.endpoint) + ep('ReaderEndpoint', s.readerEndpoint)
    + t('ARN', `arn:aws:elasticache:us-east-1:123456789012:serverlesscache:${s.name}`) + t('UserGroupId', s.userGroupId)
    + t('NetworkType', 'ipv4')
    + '</member>';
}

/** One member of a replication group as DescribeCacheClusters reports it. */
export function cacheClusterXml(g: GroupFx, m: MemberFx, showNodeInfo: boolean): string {
  const node = `<CacheNode>${t('CacheNodeId', '0001')}${t('CacheNodeStatus', 'available')}`
    + `${t('CacheNodeCreateTime', '2024-05-01T10:00:00.000Z')}${ep('Endpoint', m)}${t('ParameterGroupStatus', 'in-sync')}`
    + `${t('CustomerAvailabilityZone', m.az)}</CacheNode>`;
  return '<CacheCluster>'
    + t('CacheClusterId', m.id) + t('CacheNodeType', g.nodeType) + t('Engine', g.engine) + t('EngineVersion', g.engineVersion)
    + t('CacheClusterStatus', 'available') + t('NumCacheNodes', 1) + t('PreferredAvailabilityZone', m.az)
    + (showNodeInfo ? `<CacheNodes>${node}</CacheNodes>` : '')
    + t('ReplicationGroupId', g.id) + t('AuthTokenEnabled', g.authToken) + t('TransitEncryptionEnabled', g.tls)
    + t('ARN', `arn:aws:elasticache:us-east-1:123456789012:cluster:${m.id}`)
    + '</CacheCluster>';
}

/** `<XResponse><XResult>{body}</XResult><ResponseMetadata>...` */
export function responseXml(action: string, body: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${XMLNS}"><${action}Result>${body}</${action}Result>`
    + `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function faultXml(code: string, message: string, status: number, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${XMLNS}"><Error>`
    + `<Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>${t('Code', code)}${t('Message', message)}</Error>`
    + `<RequestId>${requestId}</RequestId></ErrorResponse>`;
}

export function pageXml(listTag: string, items: string[], markerTag: string, marker: string | undefined): string {
  return `${marker !== undefined ? t(markerTag, marker) : ''}<${listTag}>${items.join('')}</${listTag}>`;
}
