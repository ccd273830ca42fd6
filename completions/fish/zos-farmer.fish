# fish completion for zos-farmer, generated from its command model
complete -c zos-farmer -f
complete -c zos-farmer -n 'true' -l verbose -d 'Show details of failures, including stack traces.'
complete -c zos-farmer -n 'true' -s h -l help -d 'Show this help message and exit.'
complete -c zos-farmer -n 'true' -s V -l version -d 'Print version information and exit.'
