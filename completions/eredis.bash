# bash completion for eredis (generated from src/cli/flags.ts by `npm run completions`: do not edit)
_eredis() {
  COMPREPLY=()
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    -s|--cacert|--cert|--key|--eval|--rdb|--functions-rdb) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --cacertdir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -h|--sni) COMPREPLY=($(compgen -A hostname -- "$cur")); return ;;
    -g|--group) COMPREPLY=($(compgen -W "$(eredis __complete groups 2>/dev/null)" -- "$cur")); return ;;
    --tls-verify) COMPREPLY=($(compgen -W "full ca" -- "$cur")); return ;;
    --show-pushes) COMPREPLY=($(compgen -W "yes no" -- "$cur")); return ;;
    --cluster) COMPREPLY=($(compgen -W "check info help create fix reshard rebalance add-node del-node call set-timeout import backup" -- "$cur")); return ;;
    -p|-u|-t|-n|--reply-timeout|--node|--region|--profile|--failover-wait|--via|--via-map|--tls-ciphers|--tls-ciphersuites|-a|--pass|--user|--secret-id|-d|-D|-r|-i|-X|--pipe-timeout|--pattern|--quoted-pattern|--count|--memkeys-samples|--keystats-samples|--cursor|--top|--lru-test|--intrinsic-latency|--cluster-replicas|--cluster-master-id|--cluster-from|--cluster-to|--cluster-from-user|--cluster-from-pass|--cluster-slots|--cluster-timeout|--cluster-pipeline|--cluster-threshold|--cluster-weight) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "-h -p -s -u -t -n -2 -3 -c --reply-timeout -g --group --reader --node --region --profile --refresh --failover-wait --via --via-map --tls --sni --cacert --cacertdir --tls-verify --insecure --cert --key --tls-ciphers --tls-ciphersuites -a --pass --user --askpass --secret-id --iam --no-auth-warning --raw --no-raw --csv --json --quoted-json -d -D --show-pushes --quoted-input -r -i -x -X -e --eval --pipe --pipe-timeout --scan --pattern --quoted-pattern --count --bigkeys --memkeys --memkeys-samples --keystats --keystats-samples --cursor --top --hotkeys --stat --latency --latency-history --latency-dist --mono --lru-test --intrinsic-latency --replica --slave --rdb --functions-rdb --ldb --ldb-sync-mode --cluster --cluster-yes --cluster-search-multiple-owners --cluster-fix-with-unreachable-masters --cluster-only-masters --cluster-only-replicas --cluster-from-askpass --cluster-simulate --cluster-replace --cluster-copy --cluster-slave --cluster-use-empty-masters --cluster-replicas --cluster-master-id --cluster-from --cluster-to --cluster-from-user --cluster-from-pass --cluster-slots --cluster-timeout --cluster-pipeline --cluster-threshold --cluster-weight --read-only --confirm --no-timing --no-pager --verbose --help -v --version" -- "$cur"))
    return
  fi
  # Only the first word after the options is a command; its arguments get default completion.
  local i=1
  while (( i < COMP_CWORD )); do
    case "${COMP_WORDS[i]}" in
      -h|-p|-s|-u|-t|-n|--reply-timeout|-g|--group|--node|--region|--profile|--failover-wait|--via|--via-map|--sni|--cacert|--cacertdir|--tls-verify|--cert|--key|--tls-ciphers|--tls-ciphersuites|-a|--pass|--user|--secret-id|-d|-D|--show-pushes|-r|-i|-X|--eval|--pipe-timeout|--pattern|--quoted-pattern|--count|--memkeys-samples|--keystats-samples|--cursor|--top|--lru-test|--intrinsic-latency|--rdb|--functions-rdb|--cluster|--cluster-replicas|--cluster-master-id|--cluster-from|--cluster-to|--cluster-from-user|--cluster-from-pass|--cluster-slots|--cluster-timeout|--cluster-pipeline|--cluster-threshold|--cluster-weight) (( i += 2 )) ;;
      -*) (( i += 1 )) ;;
      *) return ;;
    esac
  done
  local words="acl append asking auth bgrewriteaof bgsave bitcount bitfield bitfield_ro bitop bitpos blmove blmpop blpop brpop brpoplpush bzmpop bzpopmax bzpopmin client cluster command config copy dbsize debug decr decrby del discard dump echo eval eval_ro evalsha evalsha_ro exec exists expire expireat expiretime failover fcall fcall_ro flushall flushdb function geoadd geodist geohash geopos georadius georadius_ro georadiusbymember georadiusbymember_ro geosearch geosearchstore get getbit getdel getex getrange getset hdel hello hexists hget hgetall hincrby hincrbyfloat hkeys hlen hmget hmset hrandfield hscan hset hsetnx hstrlen hvals incr incrby incrbyfloat info keys lastsave latency lcs lindex linsert llen lmove lmpop lolwut lpop lpos lpush lpushx lrange lrem lset ltrim memory mget migrate module monitor move mset msetnx multi object persist pexpire pexpireat pexpiretime pfadd pfcount pfdebug pfmerge pfselftest ping psetex psubscribe psync pttl publish pubsub punsubscribe quit randomkey readonly readwrite rename renamenx replconf replicaof reset restore restore-asking role rpop rpoplpush rpush rpushx sadd save scan scard script sdiff sdiffstore select set setbit setex setnx setrange shutdown sinter sintercard sinterstore sismember slaveof slowlog smembers smismember smove sort sort_ro spop spublish srandmember srem sscan ssubscribe strlen subscribe substr sunion sunionstore sunsubscribe swapdb sync time touch ttl type unlink unsubscribe unwatch wait watch xack xadd xautoclaim xclaim xdel xgroup xinfo xlen xpending xrange xread xreadgroup xrevrange xsetid xtrim zadd zcard zcount zdiff zdiffstore zincrby zinter zintercard zinterstore zlexcount zmpop zmscore zpopmax zpopmin zrandmember zrange zrangebylex zrangebyscore zrangestore zrank zrem zremrangebylex zremrangebyrank zremrangebyscore zrevrange zrevrangebylex zrevrangebyscore zrevrank zscan zscore zunion zunionstore"
  (( COMP_CWORD == 1 )) && words="auth groups describe completion $words"
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _eredis eredis
