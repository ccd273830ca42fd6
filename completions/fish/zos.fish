# fish completion for zos, generated from its command model
complete -c zos -f
complete -c zos -n 'true' -l verbose -d 'Show details of failures, including stack traces.'
complete -c zos -n 'true' -s h -l help -d 'Show this help message and exit.'
complete -c zos -n 'true' -s V -l version -d 'Print version information and exit.'
