# bash completion for eredis (generated from src/cli/flags.ts by `npm run completions`: do not edit)
_eredis() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    -s|--cacert|--cert|--key|--eval) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --cacertdir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -h|--sni) COMPREPLY=($(compgen -A hostname -- "$cur")); return ;;
    --show-pushes) COMPREPLY=($(compgen -W "yes no" -- "$cur")); return ;;
    -p|-u|-t|-n|--node|--region|--profile|--via|--via-map|--tls-ciphers|--tls-ciphersuites|-a|--pass|--user|--secret-id|-d|-D|-r|-i|-X|--pipe-timeout) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "-h -p -s -u -t -n -2 -3 -c -g --group --replica --reader --node --region --profile --refresh --via --via-map --tls --sni --cacert --cacertdir --insecure --cert --key --tls-ciphers --tls-ciphersuites -a --pass --user --askpass --secret-id --iam --no-auth-warning --raw --no-raw --csv --json --quoted-json -d -D --show-pushes --quoted-input -r -i -x -X -e --eval --pipe --pipe-timeout --read-only --confirm --no-timing --verbose --help -v --version" -- "$cur"))
  elif [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "completion" -- "$cur"))
  fi
}
complete -o default -F _eredis eredis
