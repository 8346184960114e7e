// The one flag table: every option eredis accepts, with its help text and completion hint (drives args, --help, completions).

export type FlagKind = 'boolean' | 'string';

/** What a shell should complete for the flag's value. */
export type CompletionHint = 'none' | 'file' | 'dir' | 'host' | 'group' | `values:${string}`;

export interface FlagSpec {
  /** Property name in the parsed options. */
  key: string;
  /** Spellings, e.g. ['-a', '--pass']. */
  names: string[];
  kind: FlagKind;
  /** Placeholder shown in help for a value flag, e.g. '<hostname>'. */
  value?: string;
  help: string;
  section: 'Connection' | 'ElastiCache' | 'TLS' | 'Authentication' | 'Output' | 'Commands' | 'Key space' | 'Modes' | 'Cluster manager' | 'Shell' | 'General';
  complete?: CompletionHint;
  /** Parsed and completed, but left out of --help (redis-cli lists the --cluster-* options under `--cluster help`). */
  hidden?: boolean;
}

export const FLAGS: readonly FlagSpec[] = [
  // Connection
  { key: 'host', names: ['-h'], kind: 'string', value: '<hostname>', section: 'Connection', complete: 'host', help: 'Server hostname (default: 127.0.0.1).' },
  { key: 'port', names: ['-p'], kind: 'string', value: '<port>', section: 'Connection', help: 'Server port (default: 6379).' },
  { key: 'socket', names: ['-s'], kind: 'string', value: '<socket>', section: 'Connection', complete: 'file', help: 'Server socket (overrides hostname and port).' },
  { key: 'uri', names: ['-u'], kind: 'string', value: '<uri>', section: 'Connection', help: 'Server URI: redis://[[user:]password@]host[:port][/db], rediss:// for TLS (valkey:// and valkeys:// too).' },
  { key: 'timeout', names: ['-t'], kind: 'string', value: '<timeout>', section: 'Connection', help: 'Connect and TLS handshake timeout in seconds, decimals allowed (default: 10).' },
  { key: 'db', names: ['-n'], kind: 'string', value: '<db>', section: 'Connection', help: 'Database number.' },
  { key: 'resp2', names: ['-2'], kind: 'boolean', section: 'Connection', help: 'Start session in RESP2 protocol mode.' },
  { key: 'resp3', names: ['-3'], kind: 'boolean', section: 'Connection', help: 'Start session in RESP3 protocol mode.' },
  { key: 'cluster', names: ['-c'], kind: 'boolean', section: 'Connection', help: 'Enable cluster mode (follow -ASK and -MOVED redirections).' },
  { key: 'replyTimeout', names: ['--reply-timeout'], kind: 'string', value: '<seconds>', section: 'Connection', help: 'A node that leaves a command unanswered this long, and a PING on a new connection too, counts as gone (default 5; 0: wait forever; blocking commands and streams excepted).' },
  // ElastiCache
  { key: 'group', names: ['-g', '--group'], kind: 'string', value: '<name>', section: 'ElastiCache', complete: 'group', help: 'ElastiCache replication group or serverless cache to connect to (asked for on a terminal when omitted).' },
  { key: 'reader', names: ['--reader'], kind: 'boolean', section: 'ElastiCache', help: "Connect to the group's reader endpoint instead of the primary (--replica is redis-cli's replica mode)." },
  { key: 'node', names: ['--node'], kind: 'string', value: '<id>', section: 'ElastiCache', help: 'Connect to one member node, e.g. ssltest-002.' },
  { key: 'region', names: ['--region'], kind: 'string', value: '<region>', section: 'ElastiCache', help: 'AWS region (default: AWS_REGION or the profile).' },
  { key: 'profile', names: ['--profile'], kind: 'string', value: '<profile>', section: 'ElastiCache', help: 'AWS profile (default: AWS_PROFILE or the default chain).' },
  { key: 'refresh', names: ['--refresh'], kind: 'boolean', section: 'ElastiCache', help: 'Ask the ElastiCache API again instead of using the 1-hour resolution cache.' },
  { key: 'failoverWait', names: ['--failover-wait'], kind: 'string', value: '<seconds>', section: 'ElastiCache', help: 'In stdin batches (-c, or a -g primary): how long lines for a node that stopped answering wait for a replica to take over (default 30).' },
  { key: 'via', names: ['--via'], kind: 'string', value: '<host:port>', section: 'ElastiCache', help: 'Connect through a local port forward (SSM/SSH) while TLS still verifies the real endpoint name.' },
  { key: 'viaMap', names: ['--via-map'], kind: 'string', value: '<node=host:port,...>', section: 'ElastiCache', help: 'Port forwards for cluster nodes, used when following redirects through tunnels.' },
  // TLS
  { key: 'tls', names: ['--tls'], kind: 'boolean', section: 'TLS', help: 'Establish a secure TLS connection (certificate and hostname are verified).' },
  { key: 'sni', names: ['--sni'], kind: 'string', value: '<host>', section: 'TLS', complete: 'host', help: 'Server name for SNI and for verifying the certificate (default: the host).' },
  { key: 'cacert', names: ['--cacert'], kind: 'string', value: '<file>', section: 'TLS', complete: 'file', help: 'CA Certificate file to verify with.' },
  { key: 'cacertdir', names: ['--cacertdir'], kind: 'string', value: '<dir>', section: 'TLS', complete: 'dir', help: 'Directory where trusted CA certificates are stored. Without --cacert or --cacertdir the system-wide trusted roots apply.' },
  { key: 'tlsVerify', names: ['--tls-verify'], kind: 'string', value: '<full|ca>', section: 'TLS', complete: 'values:full ca', help: "What a server certificate must pass: 'full' (default) its CA and the host name, 'ca' its CA only (prints a warning)." },
  { key: 'insecure', names: ['--insecure'], kind: 'boolean', section: 'TLS', help: 'Allow insecure TLS connection by skipping cert validation (prints a warning).' },
  { key: 'cert', names: ['--cert'], kind: 'string', value: '<file>', section: 'TLS', complete: 'file', help: 'Client certificate to authenticate with.' },
  { key: 'key', names: ['--key'], kind: 'string', value: '<file>', section: 'TLS', complete: 'file', help: 'Private key file to authenticate with.' },
  { key: 'tlsCiphers', names: ['--tls-ciphers'], kind: 'string', value: '<list>', section: 'TLS', help: 'Preferred ciphers (TLSv1.2 and below), colon separated.' },
  { key: 'tlsCiphersuites', names: ['--tls-ciphersuites'], kind: 'string', value: '<list>', section: 'TLS', help: 'Preferred ciphersuites (TLSv1.3), colon separated.' },
  // Authentication
  { key: 'pass', names: ['-a', '--pass'], kind: 'string', value: '<password>', section: 'Authentication', help: 'Password (prefer REDISCLI_AUTH or --askpass: argv is visible to ps).' },
  { key: 'user', names: ['--user'], kind: 'string', value: '<username>', section: 'Authentication', help: "Used to send ACL style 'AUTH username pass'. Needs a password." },
  { key: 'askpass', names: ['--askpass'], kind: 'boolean', section: 'Authentication', help: 'Ask for the password with a hidden prompt (overrides -a and REDISCLI_AUTH).' },
  { key: 'secretId', names: ['--secret-id'], kind: 'string', value: '<id>', section: 'Authentication', help: 'Read the password (and username) from AWS Secrets Manager.' },
  { key: 'iam', names: ['--iam'], kind: 'boolean', section: 'Authentication', help: 'Authenticate with an ElastiCache IAM auth token for --user (needs -g).' },
  { key: 'noAuthWarning', names: ['--no-auth-warning'], kind: 'boolean', section: 'Authentication', help: "Don't show the warning about a password on the command line." },
  // Output
  { key: 'raw', names: ['--raw'], kind: 'boolean', section: 'Output', help: 'Use raw formatting for replies (default when STDOUT is not a tty).' },
  { key: 'noRaw', names: ['--no-raw'], kind: 'boolean', section: 'Output', help: 'Force formatted output even when STDOUT is not a tty.' },
  { key: 'csv', names: ['--csv'], kind: 'boolean', section: 'Output', help: 'Output in CSV format.' },
  { key: 'json', names: ['--json'], kind: 'boolean', section: 'Output', help: 'Output in JSON format (RESP3 unless -2 is given).' },
  { key: 'quotedJson', names: ['--quoted-json'], kind: 'boolean', section: 'Output', help: 'Same as --json, but ASCII-safe quoted strings.' },
  { key: 'bulkDelimiter', names: ['-d'], kind: 'string', value: '<delimiter>', section: 'Output', help: 'Delimiter between response bulks for raw formatting (default: \\n).' },
  { key: 'replyDelimiter', names: ['-D'], kind: 'string', value: '<delimiter>', section: 'Output', help: 'Delimiter between responses for raw formatting (default: \\n).' },
  { key: 'showPushes', names: ['--show-pushes'], kind: 'string', value: '<yn>', section: 'Output', complete: 'values:yes no', help: 'Whether to print RESP3 PUSH messages (default: yes when STDOUT is a tty).' },
  { key: 'quotedInput', names: ['--quoted-input'], kind: 'boolean', section: 'Output', help: 'Force input to be handled as quoted strings.' },
  // Commands
  { key: 'repeat', names: ['-r'], kind: 'string', value: '<repeat>', section: 'Commands', help: 'Execute specified command N times (negative: forever).' },
  { key: 'interval', names: ['-i'], kind: 'string', value: '<interval>', section: 'Commands', help: 'When -r is used, waits <interval> seconds per command (sub-second allowed); also per SCAN with --scan, per 100 SCANs with --bigkeys, --memkeys, --hotkeys, --keystats.' },
  { key: 'stdinLast', names: ['-x'], kind: 'boolean', section: 'Commands', help: 'Read last argument from STDIN.' },
  { key: 'stdinTag', names: ['-X'], kind: 'string', value: '<tag>', section: 'Commands', help: 'Read <tag> argument from STDIN.' },
  { key: 'exitOnError', names: ['-e'], kind: 'boolean', section: 'Commands', help: 'Return exit error code when command execution fails.' },
  { key: 'eval', names: ['--eval'], kind: 'string', value: '<file>', section: 'Commands', complete: 'file', help: 'Send an EVAL command using the Lua script at <file> (keys , args).' },
  { key: 'pipe', names: ['--pipe'], kind: 'boolean', section: 'Commands', help: 'Transfer raw Redis protocol from stdin to server.' },
  { key: 'pipeTimeout', names: ['--pipe-timeout'], kind: 'string', value: '<n>', section: 'Commands', help: 'In --pipe mode, abort if no reply arrives within <n> seconds after sending all data (default 30, 0 = forever).' },
  // Key space (with -c, a cluster-mode group or a cluster configuration endpoint: every shard, merged)
  { key: 'scan', names: ['--scan'], kind: 'boolean', section: 'Key space', help: 'List all keys using the SCAN command (every shard of a cluster with -c).' },
  { key: 'pattern', names: ['--pattern'], kind: 'string', value: '<pat>', section: 'Key space', help: 'Keys pattern when using the --scan, --bigkeys or --hotkeys options (default: *).' },
  { key: 'quotedPattern', names: ['--quoted-pattern'], kind: 'string', value: '<pat>', section: 'Key space', help: 'Same as --pattern, but the specified string can be quoted, in order to pass an otherwise non binary-safe string.' },
  { key: 'count', names: ['--count'], kind: 'string', value: '<count>', section: 'Key space', help: 'Count option when using the --scan, --bigkeys or --hotkeys (default: 10; 100 across the shards of a cluster).' },
  { key: 'bigkeys', names: ['--bigkeys'], kind: 'boolean', section: 'Key space', help: 'Sample Redis keys looking for keys with many elements (complexity).' },
  { key: 'memkeys', names: ['--memkeys'], kind: 'boolean', section: 'Key space', help: 'Sample Redis keys looking for keys consuming a lot of memory.' },
  { key: 'memkeysSamples', names: ['--memkeys-samples'], kind: 'string', value: '<n>', section: 'Key space', help: 'Like --memkeys, and define number of key elements to sample.' },
  { key: 'keystats', names: ['--keystats'], kind: 'boolean', section: 'Key space', help: 'Sample Redis keys looking for keys memory size and length (combine bigkeys and memkeys).' },
  { key: 'keystatsSamples', names: ['--keystats-samples'], kind: 'string', value: '<n>', section: 'Key space', help: 'Like --keystats, and define number of key elements to sample (only for memory usage).' },
  { key: 'cursor', names: ['--cursor'], kind: 'string', value: '<n>', section: 'Key space', help: 'Start the --keystats scan at the cursor <n> (usually after a Ctrl-C; one node only).' },
  { key: 'top', names: ['--top'], kind: 'string', value: '<n>', section: 'Key space', help: 'To display <n> top key sizes with --keystats (default: 10).' },
  { key: 'hotkeys', names: ['--hotkeys'], kind: 'boolean', section: 'Key space', help: 'Sample Redis keys looking for hot keys. only works when maxmemory-policy is *lfu.' },
  // Modes (redis-cli's server-side diagnostic modes)
  { key: 'stat', names: ['--stat'], kind: 'boolean', section: 'Modes', help: 'Print rolling stats about server: mem, clients, ... (one row per node with -c or a cluster).' },
  { key: 'latency', names: ['--latency'], kind: 'boolean', section: 'Modes', help: 'Continuously sample latency (on a terminal); otherwise sample for 1 second (-i changes it), print one line and exit. One row per node with -c or a cluster.' },
  { key: 'latencyHistory', names: ['--latency-history'], kind: 'boolean', section: 'Modes', help: 'Like --latency but tracking latency changes over time. Default time interval is 15 sec. Change it using -i.' },
  { key: 'latencyDist', names: ['--latency-dist'], kind: 'boolean', section: 'Modes', help: 'Shows latency as a spectrum, requires xterm 256 colors. Default time interval is 1 sec. Change it using -i.' },
  { key: 'mono', names: ['--mono'], kind: 'boolean', section: 'Modes', help: 'With --latency-dist: a grey palette instead of colours.' },
  { key: 'lruTest', names: ['--lru-test'], kind: 'string', value: '<keys>', section: 'Modes', help: 'Simulate a cache workload with an 80-20 distribution.' },
  { key: 'intrinsicLatency', names: ['--intrinsic-latency'], kind: 'string', value: '<sec>', section: 'Modes', help: 'Run a test to measure intrinsic system latency for <sec> seconds (no server needed).' },
  { key: 'replicaMode', names: ['--replica', '--slave'], kind: 'boolean', section: 'Modes', help: 'Simulate a replica showing commands received from the master.' },
  { key: 'rdb', names: ['--rdb'], kind: 'string', value: '<filename>', section: 'Modes', complete: 'file', help: 'Transfer an RDB dump from remote server to local file. Use filename of "-" to write to stdout.' },
  { key: 'functionsRdb', names: ['--functions-rdb'], kind: 'string', value: '<filename>', section: 'Modes', complete: 'file', help: 'Like --rdb but only get the functions (not the keys) when getting the RDB dump file.' },
  { key: 'ldb', names: ['--ldb'], kind: 'boolean', section: 'Modes', help: 'Used with --eval enable the Redis Lua debugger.' },
  { key: 'ldbSyncMode', names: ['--ldb-sync-mode'], kind: 'boolean', section: 'Modes', help: 'Like --ldb but uses the synchronous Lua debugger: the server is blocked and script changes are not rolled back.' },
  { key: 'clusterCommand', names: ['--cluster'], kind: 'string', value: '<command> [args...] [opts...]', section: 'Modes', complete: 'values:check info help create fix reshard rebalance add-node del-node call set-timeout import backup', help: 'Cluster Manager command and arguments: check and info (read-only); see --cluster help.' },
  // Cluster manager options (listed by `--cluster help`, as redis-cli does)
  ...([
    ['yes', 'Automatic yes to cluster commands prompts'], ['search-multiple-owners', 'check: also look for slots with several owners'],
    ['fix-with-unreachable-masters', ''], ['only-masters', ''], ['only-replicas', ''], ['from-askpass', ''], ['simulate', ''],
    ['replace', ''], ['copy', ''], ['slave', ''], ['use-empty-masters', ''],
  ] as const).map(([name, help]): FlagSpec => ({
    key: `cluster:${name}`, names: [`--cluster-${name}`], kind: 'boolean', section: 'Cluster manager', hidden: true, help: help || 'Option of a --cluster subcommand eredis refuses.',
  })),
  ...([
    ['replicas', '<arg>'], ['master-id', '<arg>'], ['from', '<arg>'], ['to', '<arg>'], ['from-user', '<arg>'], ['from-pass', '<arg>'],
    ['slots', '<arg>'], ['timeout', '<arg>'], ['pipeline', '<arg>'], ['threshold', '<arg>'], ['weight', '<node1=w1...nodeN=wN>'],
  ] as const).map(([name, value]): FlagSpec => ({
    key: `cluster:${name}`, names: [`--cluster-${name}`], kind: 'string', value, section: 'Cluster manager', hidden: true, help: 'Option of a --cluster subcommand eredis refuses.',
  })),
  // Shell
  { key: 'readOnly', names: ['--read-only'], kind: 'boolean', section: 'Shell', help: 'Refuse commands that write (checked before they are sent).' },
  { key: 'confirm', names: ['--confirm'], kind: 'boolean', section: 'Shell', help: 'Ask before dangerous commands (always on for an ElastiCache primary).' },
  { key: 'noTiming', names: ['--no-timing'], kind: 'boolean', section: 'Shell', help: 'Do not print how long slow commands took.' },
  { key: 'noPager', names: ['--no-pager'], kind: 'boolean', section: 'Shell', help: 'Print replies taller than the terminal straight to it, without a pager ($EREDIS_PAGER, $PAGER or less -FRX).' },
  // General
  { key: 'verbose', names: ['--verbose'], kind: 'boolean', section: 'General', help: 'Verbose mode: connection steps on stderr (never secrets).' },
  { key: 'help', names: ['--help'], kind: 'boolean', section: 'General', help: 'Output this help and exit.' },
  { key: 'version', names: ['-v', '--version'], kind: 'boolean', section: 'General', help: 'Output version and exit.' },
];

/** Spelling -> spec, for the parser. */
export const FLAG_BY_NAME: ReadonlyMap<string, FlagSpec> = new Map(FLAGS.flatMap((f) => f.names.map((n) => [n, f] as const)));
