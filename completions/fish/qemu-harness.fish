# fish completion for qemu-harness, generated from its command model
complete -c qemu-harness -f
complete -c qemu-harness -n 'true' -l verbose -d 'Show details of failures, including stack traces.'
complete -c qemu-harness -n 'true' -s h -l help -d 'Show this help message and exit.'
complete -c qemu-harness -n 'true' -s V -l version -d 'Print version information and exit.'
