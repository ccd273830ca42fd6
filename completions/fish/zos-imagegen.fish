# fish completion for zos-imagegen, generated from its command model
complete -c zos-imagegen -f
complete -c zos-imagegen -n 'true' -l verbose -d 'Show details of failures, including stack traces.'
complete -c zos-imagegen -n 'true' -s h -l help -d 'Show this help message and exit.'
complete -c zos-imagegen -n 'true' -s V -l version -d 'Print version information and exit.'
