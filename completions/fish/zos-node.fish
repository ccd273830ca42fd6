# fish completion for zos-node, generated from its command model
complete -c zos-node -f
complete -c zos-node -n 'true' -l verbose -d 'Show details of failures, including stack traces.'
complete -c zos-node -n 'true' -s h -l help -d 'Show this help message and exit.'
complete -c zos-node -n 'true' -s V -l version -d 'Print version information and exit.'
