# fish completion for zos-grid, generated from its command model
complete -c zos-grid -f
complete -c zos-grid -n 'true' -l verbose -d 'Show details of failures, including stack traces.'
complete -c zos-grid -n 'true' -s h -l help -d 'Show this help message and exit.'
complete -c zos-grid -n 'true' -s V -l version -d 'Print version information and exit.'
