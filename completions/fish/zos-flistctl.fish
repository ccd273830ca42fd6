# fish completion for zos-flistctl, generated from its command model
complete -c zos-flistctl -f
complete -c zos-flistctl -n 'true' -l verbose -d 'Show details of failures, including stack traces.'
complete -c zos-flistctl -n 'true' -s h -l help -d 'Show this help message and exit.'
complete -c zos-flistctl -n 'true' -s V -l version -d 'Print version information and exit.'
