# bash completion for sip-analyzer (made by 'sip-analyzer completion bash'; do not edit)
_sip_analyzer() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "analyze calls check codes completion --help --version" -- "$cur"))
    return
  fi
  case "${COMP_WORDS[1]}" in
    analyze)
      case "$prev" in
        -f|--format) COMPREPLY=($(compgen -W "text json csv markdown html sql" -- "$cur")); return ;;
        --table) COMPREPLY=($(compgen -W "codes methods method-codes senders outcomes finals peers time inputs" -- "$cur")); return ;;
        --calls-chart|--chart|-o|--output|--pdd-chart|--time-chart) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --analysis-id|--call-timeout|--delays-from|--flow-idle-timeout|--fragment-timeout|--interval|--max-decompressed-bytes|--max-flow-bytes|--max-flows|--max-frame-bytes|--max-message-bytes|--max-reassembly-bytes|--ner-codes|--retransmission-window|--threads) return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--analysis-id --call-timeout --calls-chart --chart --debug --delays-from --flow-idle-timeout --format --fragment-timeout --help --interval --max-decompressed-bytes --max-flow-bytes --max-flows --max-frame-bytes --max-message-bytes --max-reassembly-bytes --ner-codes --output --pdd-chart --retransmission-window --strict --table --threads --time-chart --version" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi ;;
    calls)
      case "$prev" in
        -f|--format) COMPREPLY=($(compgen -W "text csv json sql" -- "$cur")); return ;;
        --outcome) COMPREPLY=($(compgen -W "answered busy declined forbidden notFound unavailable cancelled redirected timeout failed" -- "$cur")); return ;;
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --analysis-id|--call-id|--call-timeout|--delays-from|--flow-idle-timeout|--fragment-timeout|--max-decompressed-bytes|--max-flow-bytes|--max-flows|--max-frame-bytes|--max-message-bytes|--max-reassembly-bytes|--min-pdd|--ner-codes|--retransmission-window|--threads) return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--analysis-id --call-id --call-timeout --debug --delays-from --flow-idle-timeout --format --fragment-timeout --help --max-decompressed-bytes --max-flow-bytes --max-flows --max-frame-bytes --max-message-bytes --max-reassembly-bytes --min-pdd --ner-codes --outcome --output --retransmission-window --strict --threads --version" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi ;;
    check)
      case "$prev" in
        -f|--format) COMPREPLY=($(compgen -W "text json junit" -- "$cur")); return ;;
        -o|--output|--rules) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --call-timeout|--delays-from|--flow-idle-timeout|--fragment-timeout|--max-decompressed-bytes|--max-flow-bytes|--max-flows|--max-frame-bytes|--max-message-bytes|--max-reassembly-bytes|--ner-codes|-r|--require|--retransmission-window|--threads) return ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--call-timeout --debug --delays-from --each-input --flow-idle-timeout --format --fragment-timeout --help --max-decompressed-bytes --max-flow-bytes --max-flows --max-frame-bytes --max-message-bytes --max-reassembly-bytes --ner-codes --output --require --retransmission-window --rules --strict --threads --version" -- "$cur"))
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
        COMPREPLY=($(compgen -f -- "$cur"))
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
