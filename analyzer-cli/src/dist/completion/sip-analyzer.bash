# bash completion for sip-analyzer (made by 'sip-analyzer completion bash'; do not edit)
_sip_analyzer() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "analyze calls check codes listen live completion --help --version" -- "$cur"))
    return
  fi
  case "${COMP_WORDS[1]}" in
    analyze)
      case "$prev" in
        --delays-from) COMPREPLY=($(compgen -W "first last" -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "text json csv markdown html sql" -- "$cur")); return ;;
        --table) COMPREPLY=($(compgen -W "codes methods method-codes senders outcomes finals peers time inputs" -- "$cur")); return ;;
        --transport) COMPREPLY=($(compgen -W "udp tcp sctp ws tls" -- "$cur")); return ;;
        --calls-chart|--chart|-o|--output|--pdd-chart|--time-chart) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --analysis-id|--call-ids|--call-threads|--call-timeout|--code|--dst|--flow-idle-timeout|--fragment-timeout|--from|--host|--interval|--match|--max-decompressed-bytes|--max-flow-bytes|--max-flows|--max-frame-bytes|--max-message-bytes|--max-reassembly-bytes|--method|--ner-codes|--port|--retransmission-window|--scan-threads|--src|--threads|--to) return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--analysis-id --call-ids --call-threads --call-timeout --calls-chart --chart --code --debug --delays-from --dst --flow-idle-timeout --format --fragment-timeout --from --help --host --interval --match --max-decompressed-bytes --max-flow-bytes --max-flows --max-frame-bytes --max-message-bytes --max-reassembly-bytes --method --ner-codes --output --pdd-chart --port --quiet --retransmission-window --scan-threads --src --strict --table --threads --time-chart --to --transport --version" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi ;;
    calls)
      case "$prev" in
        --delays-from) COMPREPLY=($(compgen -W "first last" -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "text csv json sql" -- "$cur")); return ;;
        --outcome) COMPREPLY=($(compgen -W "answered busy declined forbidden notFound unavailable cancelled redirected timeout failed" -- "$cur")); return ;;
        --transport) COMPREPLY=($(compgen -W "udp tcp sctp ws tls" -- "$cur")); return ;;
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --analysis-id|--call-id|--call-ids|--call-threads|--call-timeout|--code|--dst|--flow-idle-timeout|--fragment-timeout|--from|--host|--match|--max-decompressed-bytes|--max-flow-bytes|--max-flows|--max-frame-bytes|--max-message-bytes|--max-reassembly-bytes|--method|--min-pdd|--ner-codes|--port|--retransmission-window|--scan-threads|--src|--threads|--to) return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--analysis-id --call-id --call-ids --call-threads --call-timeout --code --debug --delays-from --dst --flow-idle-timeout --format --fragment-timeout --from --help --host --match --max-decompressed-bytes --max-flow-bytes --max-flows --max-frame-bytes --max-message-bytes --max-reassembly-bytes --method --min-pdd --ner-codes --outcome --output --port --quiet --retransmission-window --scan-threads --src --strict --threads --to --transport --version" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi ;;
    check)
      case "$prev" in
        --delays-from) COMPREPLY=($(compgen -W "first last" -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "text json junit" -- "$cur")); return ;;
        --transport) COMPREPLY=($(compgen -W "udp tcp sctp ws tls" -- "$cur")); return ;;
        -o|--output|--rules) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --call-ids|--call-threads|--call-timeout|--code|--dst|--flow-idle-timeout|--fragment-timeout|--from|--host|--match|--max-decompressed-bytes|--max-flow-bytes|--max-flows|--max-frame-bytes|--max-message-bytes|--max-reassembly-bytes|--method|--ner-codes|--port|-r|--require|--retransmission-window|--scan-threads|--src|--threads|--to) return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--call-ids --call-threads --call-timeout --code --debug --delays-from --dst --each-input --flow-idle-timeout --format --fragment-timeout --from --help --host --match --max-decompressed-bytes --max-flow-bytes --max-flows --max-frame-bytes --max-message-bytes --max-reassembly-bytes --method --ner-codes --output --port --quiet --require --retransmission-window --rules --scan-threads --src --strict --threads --to --transport --version" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi ;;
    codes)
      case "$prev" in
        -f|--format) COMPREPLY=($(compgen -W "text csv json sql markdown" -- "$cur")); return ;;
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--debug --format --help --output --version" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "1xx 2xx 3xx 4xx 5xx 6xx" -- "$cur"))
      fi ;;
    listen)
      case "$prev" in
        --delays-from) COMPREPLY=($(compgen -W "first last" -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "text json csv markdown html sql" -- "$cur")); return ;;
        -o|--output|--write) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --call-timeout|--duration|--hep|--interval|--ner-codes|--prometheus) return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--call-timeout --debug --delays-from --duration --format --help --hep --interval --ner-codes --output --prometheus --version --write" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "" -- "$cur"))
      fi ;;
    live)
      case "$prev" in
        --delays-from) COMPREPLY=($(compgen -W "first last" -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "text json csv markdown html sql" -- "$cur")); return ;;
        -i|--interface) COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur")); return ;;
        -o|--output|--write) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --bpf|--call-timeout|--duration|--interval|--ner-codes|--prometheus) return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--bpf --call-timeout --debug --delays-from --duration --format --help --interface --interval --ner-codes --output --prometheus --version --write" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "" -- "$cur"))
      fi ;;
    completion)
      case "$prev" in
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--debug --help --output --version" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "bash zsh" -- "$cur"))
      fi ;;
  esac
}
complete -o filenames -o bashdefault -F _sip_analyzer sip-analyzer
